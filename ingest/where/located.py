"""Sentences that only say where or when the incident told before happened, or who said so.

"Earlier on Friday, a Turkish drone struck near a military post. This took place in
the village of Zour Maghar": the second sentence reports no event of its own, but
places the first one, whose place had only been carried over from the sentences
before it (another village's strike). The same holds when the first sentence placed
it only at a region ("shelled a camp in North Darfur. This occurred near El Fasher"):
the town the second names inside that region narrows it."""

import re

from ingest.incidents import grouping
from ingest.when import dates
from ingest.where import settlements
from ingest.where.mention import PlaceMention

_NOUN = (
    r"the\s+(?:[\w-]+\s+){0,2}(?:incident|attack|strike|raid|shooting|bombing|"
    r"explosion|blast|shelling|bombardment|assault|killing|assassination|"
    r"clash(?:es)?|ambush|operation|massacre)"
)
_VERB = (
    r"\s+(?:\w+\s+){0,2}?(?:took place|happened|occurred|was carried out|"
    r"were carried out)\b"
)
# At the sentence's start ("This took place in …", "“The strike happened near …,” he
# said"), or after a speaker: "The network reported that the attack took place …"
# ("added that clashes occurred" tells an event, not where one happened).
_LOCATING = (
    re.compile(
        r"^(?:(?:meanwhile|however|later),\s+|[\"“‘']\s*|according to [^,]{1,80},\s*)?"
        rf"(?P<subject>this|that|it|{_NOUN}){_VERB}",
        re.I,
    ),
    re.compile(
        r"\b(?:said|says|reported|added|confirmed|stated|explained|told\s+[^,.]{1,40}?)"
        rf"\s+(?:that\s+)?(?P<subject>this|it|{_NOUN}){_VERB}",
        re.I,
    ),
)
NEAR = 3  # the incident it speaks of was told at most this many sentences before


def locating(sentence: str) -> tuple[int, int] | None:
    """(start of its subject, end of its verb) when the sentence says where or when
    the incident told before happened: "This took place in …", "The attack happened
    near …", "The group reported that the attack took place on Sunday in …"."""
    found = _LOCATING[0].match(sentence.strip()) or _LOCATING[1].search(sentence)
    if found is None:
        return None
    shift = 0 if found.re is _LOCATING[1] else len(sentence) - len(sentence.lstrip())
    return found.start("subject") + shift, found.end() + shift


def relocate(
    groups: list[grouping.Group],
    told: list[grouping.Group],
    places: list[PlaceMention],
    *,
    sentence: str = "",
    day: dates.DateMention | None = None,
) -> None:
    """Give the told events' mentions whose places were only carried over (or only a
    country or a part of one: "in Syria's far northeast", or a region holding a town
    or a village ``sentence`` names) these ``places``; one that had joined another
    place's event leaves it. An undated event takes ``day`` ("the attack took place
    on Sunday", after a lead dated by the day it was reported)."""
    for group in dict.fromkeys(told):
        if day is not None and group.date is None:
            for mention in group.mentions:
                mention.date = day
    local = [p for p in places if p.feature_type != "country"]
    if not local:
        return
    towns = [p for p in local if not p.is_region and p.lat is not None]
    villages = [
        p
        for p in local
        if not p.is_region
        and p.lat is None
        and settlements.called_settlement(sentence, p, [])
    ]
    for group in dict.fromkeys(told):
        moved = [
            m
            for m in group.mentions
            if m.places_inherited
            or all(_vague(p) for p in m.places)
            or _holds(m.places, towns)
            or _widens(m.places, villages)
        ]
        for mention in moved:
            mention.places, mention.places_inherited = list(local), False
        if not moved or len(moved) == len(group.mentions):
            continue
        if grouping.places_compatible(
            [p for m in group.mentions if m not in moved for p in m.places], local
        ):
            continue
        group.mentions = [m for m in group.mentions if m not in moved]
        split = grouping.Group(moved[0])
        split.mentions = moved
        groups.append(split)


def _widens(places: list[PlaceMention], villages: list[PlaceMention]) -> bool:
    """A village the locating sentence names (no point) and every one of ``places``
    a region: the village is the event's place (LABELLING_GUIDE: a lead naming a
    region and a later sentence naming the village)."""
    return (
        bool(villages)
        and bool(places)
        and all(p.is_region and p.feature_type != "country" for p in places)
    )


def _vague(place: PlaceMention) -> bool:
    """A country, or a part of one no gazetteer row holds ("central Mali", "west
    Yemen"): where the incident happened is still to be told."""
    return place.feature_type == "country" or (place.is_region and place.lat is None)


def _holds(places: list[PlaceMention], towns: list[PlaceMention]) -> bool:
    """Every one of ``places`` is a region (not a country) holding one of ``towns``:
    the locating sentence says where in it the incident was."""
    return bool(places) and all(
        p.is_region
        and p.feature_type != "country"
        and any(p.contains(t) for t in towns)
        for p in places
    )


def said_of_place(
    groups: list[grouping.Group], places: list[PlaceMention], index: int
) -> list[grouping.Group]:
    """The recent events (within three sentences) at a place a later attributed
    sentence names without reporting an event of its own: "All victims in the
    village of Qastoun were from one family, the Observatory said" speaks of
    Qastoun's shelling."""
    keys = {p.key for p in places if p.feature_type != "country" and not p.is_region}
    if not keys:
        return []
    return [
        g
        for g in groups
        if 0 < index - max(m.sentence for m in g.mentions) <= 3
        and keys & {p.key for p in g.explicit_places}
    ]
