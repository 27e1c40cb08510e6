"""A morning named without a day: "in the early morning", "early in the morning", "in
the early morning hours" in a report read as the publication day, as "this morning"
and "at dawn" are (LABELLING_GUIDE, part A 5); with a day named after it ("in the early
morning of Monday", "early morning on Friday") the day named is meant instead."""

import re

PATTERN = (
    r"\b(?:in\s+the\s+early\s+morning(?:\s+hours)?|early\s+in\s+the\s+morning)\b"
    r"(?!\s+(?:of|on)\b)"
)
_RX = re.compile(rf"^(?:{PATTERN})$", re.I)


def is_bare_morning(phrase: str) -> bool:
    return bool(_RX.match(re.sub(r"\s+", " ", phrase.strip())))
