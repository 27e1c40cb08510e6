"""A morning named without a day ("in the early morning", "early in the morning", "in
the early morning hours", "at daybreak", "at first light") is the publication day, as
"this morning" and "at dawn" are (LABELLING_GUIDE, part A 5); with a day named after it
("in the early morning of Monday", "at first light on Friday") that day is meant."""

import re

PATTERN = (
    r"\b(?:in\s+the\s+early\s+morning(?:\s+hours)?|early\s+in\s+the\s+morning|"
    r"at\s+(?:daybreak|first\s+light))\b"
    r"(?!\s+(?:of|on)\b)"
)
_RX = re.compile(rf"^(?:{PATTERN})$", re.I)


def is_bare_morning(phrase: str) -> bool:
    return bool(_RX.match(re.sub(r"\s+", " ", phrase.strip())))
