"""A statement belongs to an incident, not to one proposal of it (LABELLING_GUIDE,
stance rule: one event, several stances). The extractor may propose one incident
twice, or a statement may speak of several incidents at once; each proposal of the
incident, and each incident the statement names, carries the statement:

- **one incident, two proposals**: proposals of the same day (dated to the day: a
  week may hold several incidents at one place, a capture and the strikes on it)
  whose places are one place, one inside the other ("two villages in Kherson region"
  and the village), or
  points within ``NEAR_KM`` of each other (the corpus's own tolerance for one place),
  of the same family of types ("jets bombed" and "shelled" the same village) share
  their named statements; at one and the same place, any two kinds of violence do (an
  attack on civilians and the clash with the guards in it);
- **a statement about several places**: a statement whose sentence names a proposal's
  place, or a region that holds it ("shelling on A, B and C", "today's shelling of the
  Donetsk region, the regional chief wrote"), speaks of that proposal too when it is
  of the statement's own proposal's family and day.

Only named voices travel (the outlet's own telling is already on every proposal).
"""

import dataclasses
from collections.abc import Callable

from ingest.statements import voices
from ingest.where.mention import PlaceMention, km_between

NEAR_KM = 5.0  # bench/ingestbench.py's PLACE_KM: two points this close are one place
# ACLED's political-violence families: an incident may be read as any of them.
VIOLENT = frozenset(
    {"battles", "explosions-remote-violence", "violence-against-civilians"}
)


def _local(place: PlaceMention | None) -> bool:
    return place is not None and place.feature_type != "country"


def same_place(a: PlaceMention, b: PlaceMention) -> bool:
    """One place, one inside the other, or two points ``NEAR_KM`` apart."""
    if a.key == b.key or a.contains(b) or b.contains(a):
        return True
    return (
        not a.is_region
        and not b.is_region
        and a.lat is not None
        and b.lat is not None
        and km_between(a, b) <= NEAR_KM
    )


def _one_incident(event, other, family: Callable[[str], str]) -> bool:
    if (
        event.date_precision != "day"  # a week may hold several incidents there
        or (event.date_start, event.date_end, event.date_precision)
        != (other.date_start, other.date_end, other.date_precision)
    ):
        return False
    mine, theirs = family(event.event_type), family(other.event_type)
    if mine == theirs:
        return same_place(event.place, other.place)
    return mine in VIOLENT and theirs in VIOLENT and event.place.key == other.place.key


def _named_in(event, other, places: list[PlaceMention], family) -> bool:
    """The statement's sentence (its ``places``) names ``event``'s place or a region
    that holds it, and ``event`` is of ``other``'s family and day."""
    if family(event.event_type) != family(other.event_type) or (
        event.date_start,
        event.date_end,
    ) != (other.date_start, other.date_end):
        return False
    return any(
        p.key == event.place.key or (p.is_region and p.contains(event.place))
        for p in places
        if p.feature_type != "country"
    )


def share(
    events: list,
    sentence_places: dict[int, list[PlaceMention]],
    family: Callable[[str], str],
) -> None:
    """Adds to each proposal the named statements of the proposals of its incident
    and of the statements whose sentence names its place (see the module)."""
    kept = [e for e in events if _local(e.place) and not e.background]
    given: dict[int, list] = {}
    for event in kept:
        have = {(s.stance, s.speaker) for s in event.statements}
        for other in kept:
            if other is event:
                continue
            incident = _one_incident(event, other, family)
            for statement in other.statements:
                if (
                    not statement.speaker
                    or (statement.stance, statement.speaker) in have
                ):
                    continue
                if incident or _named_in(
                    event, other, sentence_places.get(statement.sentence, []), family
                ):
                    given.setdefault(id(event), []).append(
                        dataclasses.replace(statement)
                    )
                    have.add((statement.stance, statement.speaker))
    for event in kept:  # added after reading all: what is shared is never passed on
        if id(event) in given:
            event.statements = voices.acknowledged(event.statements + given[id(event)])
