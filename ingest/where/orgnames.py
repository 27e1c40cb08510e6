"""Place names inside an armed group's name: a party, not where anything happened.

"the al-Sham Legion", "Hayat Tahrir al-Sham", "Jaysh al-Izza", "the Golan Brigade":
the place word names who fights, not where, and read as a place it is a confident
point far from the story (al-Sham is Damascus; the story was in northern Latakia).
Two shapes, both capitalised as names are:
- a name followed by a unit word ("X Legion", "X Brigades", "X Front"); a lower-case
  "the Hama front" is a front line, a place, and is not matched;
- a group's Arabic head word followed by its name ("Jaysh X", "Liwa X", "Ahrar X",
  "Hayat Tahrir X", "Faylaq X").
The spans are skipped by the place matcher as actor names are (sentencespans._blocked).
"""

import re

from ingest.reading import cues

_ARTICLE = r"(?:(?:al|el|as|ash|ad|ar|at|az|an)-)?"
_NAME = rf"{_ARTICLE}[A-Z][\w'’-]*"
_UNIT = r"(?:Legion|Front|Brigades?|Battalions?|Regiment|Movement|Corps)"
_AFTER = re.compile(cues.guarded(rf"\b{_NAME}(?:\s+{_NAME})?\s+{_UNIT}\b", 0))
_HEAD = (
    r"(?:Hay['’]?[ae]t\s+Tahrir|Ahrar|Jaysh|Jaish|Jeish|Faylaq|Failaq|"
    r"Jabhat|Liwa['’]?a?|Harakat|Jund|Katibat|Firqat)"
)
_BEFORE = re.compile(cues.guarded(rf"\b{_HEAD}\s+{_NAME}(?:\s+{_NAME})?", 0))


def group_name_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of armed groups' names that hold a place's name."""
    return [
        (m.start(), m.end())
        for pattern in (_AFTER, _BEFORE)
        for m in pattern.finditer(sentence)
    ]
