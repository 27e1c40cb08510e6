"""Days counted from the story's own day: "one day earlier", "two days later".

Only "earlier" and "later": "two days after" takes an object ("two days after the
vote", "two days after kidnapping him") and counts from that, not from the story's day.
"""

WORDS = ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
PATTERN = rf"(?:\d{{1,2}}|{'|'.join(WORDS[1:])})\s+days?\s+(?:earlier|later)"


def count(phrase: str) -> int:
    """How many days apart a relative-day phrase puts its day from the story's (1
    unless it counts them: "three days earlier" is 3)."""
    first = phrase.split()[0].lower()
    if first.isdigit():
        return int(first)
    return max(WORDS.index(first), 1) if first in WORDS else 1
