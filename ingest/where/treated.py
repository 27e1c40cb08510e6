"""Where the wounded or the dead were taken is not where the event happened.

"Casualties were transported to a hospital in the city of A", "died en route to a
hospital in A", "were injured and sent to A Hospital": A is where they were treated,
often a town far from the strike (labelling guide rule 4, places in other roles). Such
a place stays one the article names, never an event's place; "a shell hit the
hospital in A" (no one taken there) still places the event at A.
"""

import re

from ingest.where.mention import PlaceMention

_TAKEN = (
    r"\b(?:taken|rushed|transported|transferred|brought|evacuated|admitted|sent|"
    r"airlifted|moved|referred|carried|en\s+route)\s+(?:back\s+)?(?:to|into)\s+"
)
_CARE = (
    r"(?:hospitals?|clinics?|medical\s+(?:centres?|centers?|points?)|infirmar(?:y|ies))"
)
# "… taken to a hospital in the city of A", "… sent to the field hospital at A"
_BEFORE = re.compile(
    rf"{_TAKEN}(?:an?\s+|the\s+)?[^.;:]{{0,40}}?\b{_CARE}\s+"
    r"(?:in|at|of|near)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.I,
)
# "… sent to A Hospital"
_TO = re.compile(rf"{_TAKEN}(?:the\s+)?$", re.I)
_AFTER = re.compile(rf"\s+(?:(?:general|national|university|field)\s+)?{_CARE}\b", re.I)


def is_treated_at(sentence: str, mention: PlaceMention) -> bool:
    """True when ``mention`` is where casualties were taken for care."""
    before = sentence[max(0, mention.start - 90) : mention.start]
    if _BEFORE.search(before):
        return True
    return bool(_TO.search(before)) and bool(_AFTER.match(sentence, mention.end))
