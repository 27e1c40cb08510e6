"""Incidents told with no cue word of the type table (issue 13, held-out "missed:
nothing of its type"): a place or unit that "came under fire" and a place that "was
hit", read where no type rule and no named weapon fired on the clause.

- "Chernihiv came under attack", "six settlements came under hostile fire": the place
  was struck from afar (the guide's explosions/remote violence family; the generic
  type, the weapon unnamed);
- "positions came under heavy fire", "the patrol came under attack": forces fired on
  (ACLED: an armed clash);
- "the village of X was hit", "residential areas have been hit": struck from afar.
"""

import re

from ingest.reading import cues

_CAME_UNDER = cues.compiled(
    r"\b(?:came|come|comes|coming)\s+under\s+(?:(?:heavy|hostile|intense|enemy|"
    r"renewed|sustained|direct|[\w-]+\s+)?(?:fire|attacks?|bombardment))\b"
)
_FORCES = cues.compiled(
    r"\b(?:forces|troops|soldiers|fighters|positions|outposts?|posts?|patrols?|"
    r"convoys?|checkpoints?|units?|bases?|personnel|policemen|police|army|militants|"
    r"rebels|guards)\b"
)
# "was hit", "have been struck"; "hit by <weapon>" is ingest/kinds/weaponcues.py's.
_WAS_HIT = cues.compiled(
    r"\b(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:hit|struck)\b(?!\s+by\s+(?:an?\s+)?"
    r"(?:car|vehicle|truck|bus|train|lightning|flood))"
)


def untold(clause: str) -> tuple[str, re.Match[str]] | None:
    """(type, cue) of an incident told by "came under fire" or "was hit", or None."""
    lowered = clause.lower()
    if "under" not in lowered and "hit" not in lowered and "struck" not in lowered:
        return None  # neither shape's words: no scan needed
    came = _CAME_UNDER.search(clause)
    if came is not None:
        subject = clause[max(0, came.start() - 50) : came.start()]
        forces = _FORCES.search(subject) is not None
        return ("armed-clash" if forces else "explosions-remote-violence"), came
    hit = _WAS_HIT.search(clause)
    if hit is not None:
        return "explosions-remote-violence", hit
    return None
