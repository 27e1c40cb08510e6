"""A town named before an event's cue is not its target when the cue names one after it.

"Rebels who had pulled out of A shelled B", "In A, warplanes struck a convoy near B":
the event is at B, and A (where the actors were, or the sentence's opening) is no event
of its own. "A and B were shelled" and "A came under fire near B" keep A: a passive or
"came under" between A and the cue makes A what was hit.
"""

import re

from ingest.where.mention import PlaceMention

# Between a name and the cue, these make the name the cue's subject that was hit.
_UNDERGOES = re.compile(
    r"\b(?:was|were|is|are|been|being|be|came|comes|come|saw|sees|"
    r"witnessed|suffered|received|experienced)\b",
    re.IGNORECASE,
)


def targets_after(
    sentence: str, places: list[PlaceMention], at: int, until: int
) -> list[PlaceMention]:
    """``places`` without the towns written before the cue (``at``..``until``) when
    a town follows it; regions stay (they say where the town lies)."""
    after = [p for p in places if not p.is_region and p.start >= until]
    if not after:
        return places
    return [
        p
        for p in places
        if p.is_region or p.end > at or _UNDERGOES.search(sentence[p.end : at])
    ]
