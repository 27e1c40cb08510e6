"""Dates told in passing about a person, not about the sentence's incident.

"a shell hit a tent near the home of a paramedic killed Sunday": Sunday is the
paramedic's death, told to say whose home it was; the shell's day is another.
"""

import re

from ingest.when import dates

# What belongs to a person, or a person's kin and rites, named with "of".
_BELONGING = (
    r"(?:home|house|funeral|family|relatives?|brother|sister|son|daughter|father|"
    r"mother|wife|husband|widow|grave|burial|mourners|wake|memorial)"
)
_PARTICIPLE = (
    r"(?:killed|slain|shot(?:\s+dead)?|died|wounded|injured|arrested|detained|"
    r"abducted|kidnapped|executed)"
)
_IN_PASSING = re.compile(
    rf"\b{_BELONGING}\s+of\s+(?:(?:a|an|the|one|two|three|four|\d+)\s+)?"
    rf"(?:[\w'’-]+\s+){{0,3}}?(?:who\s+(?:was|were|had\s+been)\s+)?{_PARTICIPLE}\s+"
    r"(?:(?:late|early)\s+)?",
    re.I,
)


def spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each "<belonging> of <person> <participle> <date>" phrase,
    from the person to the end of the date: its date and its act are the person's."""
    found = []
    for match in _IN_PASSING.finditer(sentence):
        date = dates.DATE_PATTERN.match(sentence, match.end())
        if date is None:
            continue
        start = sentence.index(" of ", match.start()) + len(" of ")
        found.append((start, date.end()))
    return found
