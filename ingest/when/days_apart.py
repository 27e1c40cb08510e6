"""Days counted from a day the story names: "one day earlier", "two days later" count
from the story's last day; "N days after" takes an object ("one day after militants
carried out a bombing") and dates that object N days before its clause's day.
"""

import re

WORDS = ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
PATTERN = rf"(?:\d{{1,2}}|{'|'.join(WORDS[1:])})\s+days?\s+(?:earlier|later)"


def count(phrase: str) -> int:
    """How many days apart a relative-day phrase puts its day from the story's (1
    unless it counts them: "three days earlier" is 3)."""
    first = phrase.split()[0].lower()
    if first.isdigit():
        return int(first)
    return max(WORDS.index(first), 1) if first in WORDS else 1


_AFTER = re.compile(rf"\b(?:{'|'.join(WORDS)}|\d{{1,2}})\s+days?\s+after\b", re.I)


def before_cue(clause: str, trigger: str) -> int:
    """Days the incident lies before the clause's day when its cue follows "N days
    after" ("The meeting took place one day after militants carried out a car bomb
    attack": the bombing was the day before the meeting), else 0."""
    found = _AFTER.search(clause)
    if found is None or not trigger:
        return 0
    at = clause.lower().find(trigger.lower(), found.end())
    return count(found.group(0)) if at >= 0 else 0
