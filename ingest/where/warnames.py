"""A place that names a war, not where an incident happened: "amid Israel's war on
Gaza", "since the war in Sudan began", "the Gaza war"."""

from ingest.reading import cues

_WAR_BEFORE = cues.compiled(
    r"\b(?:civil\s+)?(?:war|wars)\s+(?:on|in|against|over)\s+(?:the\s+)?$"
)
_WAR_AFTER = cues.compiled(r"^\s+(?:civil\s+)?war\b(?!\s+(?:monitor|crimes?)\b)")


def names_a_war(sentence: str, start: int, end: int) -> bool:
    """True when the place named at [start, end) names a war ("Israel's war on
    Gaza", "the Gaza war"): the war's theatre, not the sentence's incident."""
    before = sentence[max(0, start - 30) : start]
    return bool(_WAR_BEFORE.search(before) or _WAR_AFTER.match(sentence[end:]))
