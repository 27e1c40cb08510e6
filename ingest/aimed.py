"""Attacks told only by their aim: "targeting the villages of A and B" names no weapon
and no toll, and is still an attack on those places; "frequently target the
villages" stays a habit (hedges.py).

With gunmen or assailants it is ACLED's attack (violence against civilians); with no
attacker of that kind it is remote violence whose weapon the text leaves out (the
taxonomy's parent type, which a strike told beside it at the same place absorbs)."""

import re

from ingest import hedges, rules

# "targeted the villages of", "targeting residential neighbourhoods in", "targets
# two houses": the aim is where people live.
_AIMED = re.compile(
    r"\btarget(?:ed|ing|s)?\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:villages?|towns?|neighbou?rhoods?|homes?|houses?|residential\s+\w+|"
    r"civilians?|camps?|markets?|hamlets?|farms?|mosques?|schools?|hospitals?)\b",
    re.I,
)
_ON_FOOT = re.compile(
    r"\b(?:gunmen|assailants|attackers|armed men|militiamen|bandits|raiders)\b", re.I
)
REMOTE = "explosions-remote-violence"


def matches(clause: str) -> list[rules.TypeMatch]:
    """The clause's aim at where people live, as an event type; [] when none is
    reported."""
    for match in _AIMED.finditer(clause):
        if hedges.reported(clause, match, "attack"):
            slug = "attack" if _ON_FOOT.search(clause) else REMOTE
            return [rules.TypeMatch(slug, match.start(), match.end())]
    return []
