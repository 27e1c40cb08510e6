"""Clauses of a sentence's reported content: where one ends, which places it names,
and the places of the relative clause that describes it."""

import re

from ingest.where.mention import PlaceMention

_CLAUSE = re.compile(r",?\s+\b(?:that|which|who)\b\s+", re.I)
_RELATIVE = re.compile(r",?\s+(?:which|who)\s+$", re.I)


def within(span_start: int, span_end: int, start: int, end: int) -> bool:
    return start <= span_start and span_end <= end


def split(content: str) -> list[tuple[int, str]]:
    """(offset, text) of each clause, split at "that", "which" and "who"."""
    parts, start = [], 0
    for match in _CLAUSE.finditer(content):
        parts.append((start, content[start : match.start()]))
        start = match.end()
    parts.append((start, content[start:]))
    return [(offset, part) for offset, part in parts if part.strip()]


def described_places(
    content: str,
    parts: list[tuple[int, str]],
    number: int,
    places: list[PlaceMention],
    content_start: int,
) -> list[PlaceMention]:
    """Places of the relative clause right after part ``number`` ("The clashes,
    which … centered in Abu Salim"): they place that part's cue."""
    if number + 1 >= len(parts):
        return []
    offset, clause = parts[number]
    following, text_after = parts[number + 1]
    if not _RELATIVE.match(content[offset + len(clause) : following]):
        return []
    start = content_start + following
    end = start + len(text_after)
    return [p for p in places if within(p.start, p.end, start, end)]
