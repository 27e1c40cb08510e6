"""Attacks told only by their aim: "targeting the villages of A and B" names no weapon
and no toll, and is still an attack on those places; "frequently target the
villages" stays a habit (hedges.py).

With gunmen or assailants it is ACLED's attack (violence against civilians); with no
attacker of that kind it is remote violence whose weapon the text leaves out (the
taxonomy's parent type, which a strike told beside it at the same place absorbs)."""

import re

from ingest.kinds import hedges, typerules

# "targeted the villages of", "targeting residential neighbourhoods in", "targets
# two houses": the aim is where people live.
_AIMED = re.compile(
    r"\btarget(?:ed|ing|s)?\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:villages?|towns?|neighbou?rhoods?|homes?|houses?|residential\s+\w+|"
    r"civilians?|camps?|markets?|hamlets?|farms?|mosques?|schools?|hospitals?)\b",
    re.I,
)
# "targeted on Friday night the liberated areas including A, B and C", "targeted a
# car in the village of X": the aim told a few words on, at an area or a village whose
# name follows it ("areas where armed groups operate in A" names none). A unit aimed
# at ("targeted an army patrol in the village of X") is a clash (typerules), and "the
# targeted area" or "military targets in X" aim at nothing.
_UNIT = (
    r"patrols?|outposts?|posts?|positions?|checkpoints?|bases?|barracks|convoys?|"
    r"forces|soldiers|troops|fighters|members|militants|personnel|police\w*"
)
_AIMED_WIDE = re.compile(
    r"(?<![Tt]he )(?<![Aa] )\btarget(?:ed|ing)\s+"
    rf"(?:(?!(?:{_UNIT})\b)[\w'’-]+[,\s]+){{0,5}}?"
    r"(?:villages?|towns?|neighbou?rhoods?|areas?|localities|camps?|hamlets?|"
    r"farms?|homes?|houses?)\b"
    # the area's or village's name right after it: "areas including A", "town of A"
    r"(?=\s+(?:including|such\s+as|namely|like|of|in|near|around)\s+(?:the\s+)?"
    r"(?:(?:al|el)-\w|(?-i:[A-Z])))",
    re.I,
)
# "their patrol was targeted on the outskirts of X": the unit before the aim.
_UNIT_BEFORE = re.compile(rf"\b(?:{_UNIT})\b(?:\s+\S+){{0,3}}\s+(?:was|were)\s+$", re.I)
_ON_FOOT = re.compile(
    r"\b(?:gunmen|assailants|attackers|armed men|militiamen|bandits|raiders)\b", re.I
)
REMOTE = "explosions-remote-violence"


def matches(clause: str) -> list[typerules.TypeMatch]:
    """The clause's aim at where people live, as an event type; [] when none is
    reported."""
    aims = [*_AIMED.finditer(clause)] or [
        m
        for m in _AIMED_WIDE.finditer(clause)
        if not _UNIT_BEFORE.search(clause, 0, m.start())
    ]
    for match in aims:
        if hedges.reported(clause, match, "attack"):
            slug = "attack" if _ON_FOOT.search(clause) else REMOTE
            return [typerules.TypeMatch(slug, match.start(), match.end())]
    return []


# "Gunmen killed 23 villagers", "25 people were killed in an attack by rebels": a toll
# with no weapon, dealt by attackers on foot to people who were not fighting, is
# ACLED's attack on civilians, not remote violence of an unknown kind.
_ATTACKERS = re.compile(
    r"\b(?:gunmen|assailants|attackers|armed men|bandits|raiders|militiamen|"
    r"(?:unidentified|unknown|masked|armed) (?:men|assailants|attackers|group))\b|"
    r"\b(?:in an? (?:\w+ )?attack|attacked|stormed|raided|opened fire)\b",
    re.I,
)
_PEOPLE = re.compile(
    r"\b(?:civilians?|people|villagers|farmers|residents|worshippers|family|women|"
    r"children|herders|passengers|workers)\b",
    re.I,
)
_WEAPON = re.compile(
    r"\b(?:drones?|air ?strikes?|warplanes?|jets?|shell\w*|artillery|rockets?|"
    r"missiles?|mortars?|bomb\w*|explosi\w+|mines?|IEDs?|grenades?)\b",
    re.I,
)


def refined(clause: str, found: list[typerules.TypeMatch]) -> list[typerules.TypeMatch]:
    """``found``, with a bare toll by attackers on foot on civilians read as an
    attack."""
    if [m.slug for m in found] != [REMOTE] or _WEAPON.search(clause):
        return found
    if _ATTACKERS.search(clause) and _PEOPLE.search(clause):
        return [typerules.TypeMatch("attack", found[0].start, found[0].end)]
    return found
