"""Where people come from or live is not where the event happened (series S).

- "displaced people who fled their homes in eastern A", "the victim hails from A",
  "originally from A", "a native of A", "he was from A": where the victims lived;
- "head of the municipality of A", "the mayor of A": where someone holds office;
- "fighters from the local A military council", "the A Brigade": A names a unit;
- "Pavlo Kyrylenko, A regional governor, said": A is where the speaker holds office
  ("the governor of the A region where the attack took place" is left alone).

Such a place stays one the article names (the editor sees it), never an event's place;
"shelling killed two people from A in A" still places the event at the second A.
"""

import re

from ingest.where.mention import PlaceMention

_LEAD = re.compile(
    r"\b(?:hail(?:s|ed|ing)?\s+from|originally\s+from|natives?\s+of|"
    r"(?:is|was|were|are)\s+(?:originally\s+)?from|"
    r"fled\s+(?:from\s+)?(?:their|his|her)\s+(?:homes?|houses?|villages?)\s+(?:in|from)|"
    r"(?:displaced|evacuated)\s+from|"
    r"mayor\s+of|municipality\s+of)\s+"
    r"(?:the\s+)?(?:(?:town|city|village|area|camp|neighbou?rhood|district)\s+of\s+)?"
    r"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+)?$",
    re.I,
)
_UNIT = re.compile(
    r"\s+(?:military\s+council|council|brigades?|battalions?|regiment|division|tribe|"
    r"clan|(?:(?:regional|provincial|city|district|oblast)\s+)?(?:governor|mayor))\b",
    re.I,
)


def is_home(sentence: str, mention: PlaceMention) -> bool:
    """True when ``mention`` is where someone lives, comes from or holds office, or
    names a unit, not where something happened."""
    before = sentence[max(0, mention.start - 70) : mention.start]
    if _LEAD.search(before):
        return True
    return bool(_UNIT.match(sentence, mention.end))
