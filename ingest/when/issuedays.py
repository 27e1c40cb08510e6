"""A weekday that dates a newspaper's issue ("a report in Monday's issue of the
newssheet Mediafax") is when the source printed it, not when the incident happened."""

import re

_ISSUE_AFTER = re.compile(
    r"['’]s\s+(?:issue|edition|paper|newspaper|newssheet|bulletin|broadcast)\b", re.I
)


def dates_an_issue(sentence: str, end: int) -> bool:
    """The weekday ending at ``end`` is the possessive of an issue or edition."""
    return bool(_ISSUE_AFTER.match(sentence, end))
