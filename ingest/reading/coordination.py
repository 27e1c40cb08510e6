"""Coordinated clauses: "a Turkish drone targeted a village near Ain Issa, and Turkish
forces shelled the Ain Dewar village" reports two incidents, each at its own place.
clauses.split cuts only at "that/which/who"; this cuts a clause again at ", and",
", while", ", but" and ";" when both sides report an event of their own, so that
each cue keeps the places of its own side (one event per place and type)."""

import re
from collections.abc import Callable

_JOIN = re.compile(r"(?:,\s+(?:and|while|but|whereas)|;)\s+", re.I)


def split(
    parts: list[tuple[int, str]], reports: Callable[[str], bool]
) -> list[tuple[int, str]]:
    """(offset, text) of each clause, the coordinated ones apart; ``reports(text)``
    tells whether a piece reports an event (rules.classify finds a cue)."""
    result: list[tuple[int, str]] = []
    for offset, clause in parts:
        start = 0
        for join in _JOIN.finditer(clause):
            left, right = clause[start : join.start()], clause[join.end() :]
            if reports(left) and reports(right):
                result.append((offset + start, left))
                start = join.end()
        result.append((offset + start, clause[start:]))
    return result
