"""One incident proposed twice: a proposal told wholly by sentences another proposal of
the same type, day and place already holds ("BBC Burmese also reported the air
strikes, with some outlets saying nine people had been killed", read once into the
strike and once more on its own) is a duplicate, not a second incident (issue 13,
series L). So is a toll or a weapon-less blast told apart from the strike it belongs to
("Rescuers say a child and a woman were among those killed" three sentences after the
shelling of that town; a photo caption's "drone strike" and the lead's "destroyed a
car" there that day): one event per location per day (series S)."""

from ingest.incidents import grouping
from ingest.proposal import ProposedEvent
from ingest.where.mention import km_between

# "killed", "destroyed", "casualties": a harm whose weapon the sentence does not name
# (rules.GENERIC_TOLL); an explosion-family strike at the same place and day holds it.
GENERIC = "explosions-remote-violence"
_BLASTS = frozenset(
    {
        "air-drone-strike",
        "shelling-artillery-missile-attack",
        "remote-explosive-landmine-ied",
        "suicide-bomb",
        "grenade",
    }
)


def _same_place(kept: ProposedEvent, other: ProposedEvent) -> bool:
    """The same place by name, or none of its own; villages of one list lie a few
    kilometres apart and stay apart."""
    if other.place is None:
        return True
    return kept.place is not None and kept.place.name == other.place.name


def drop_contained(events: list[ProposedEvent]) -> list[ProposedEvent]:
    """The events, less each one whose sentences all belong to a larger proposal of the
    same type, first day and place (ACLED: one event per location per day; an air
    strike and shelling there that day stay two)."""
    kept = []
    told_by = [set(event.sentences) for event in events]  # once, not once a pair
    for event, told in zip(events, told_by, strict=True):
        contained = told and any(
            other is not event
            and told < other_told
            and other.event_type == event.event_type
            and other.date_start == event.date_start
            and other.background == event.background
            and _same_place(other, event)
            for other, other_told in zip(events, told_by, strict=True)
        )
        if not contained:
            kept.append(event)
    return fold_generic(kept)


def _host(event: ProposedEvent, events: list[ProposedEvent]) -> ProposedEvent | None:
    if event.event_type != GENERIC or event.place is None:
        return None
    return next(
        (
            other
            for other in events
            if _same_day_strike(other, event) and other.place.name == event.place.name
        ),
        None,
    )


def _same_day_strike(other: ProposedEvent, event: ProposedEvent) -> bool:
    """``other`` is a placed strike of ``event``'s day and standing (news/background)."""
    return (
        other.event_type in _BLASTS
        and other.place is not None
        and other.date_start == event.date_start
        and other.background == event.background
    )


def _town_host(
    event: ProposedEvent, events: list[ProposedEvent]
) -> ProposedEvent | None:
    """The strike told in the sentence just before, placed at a town near the
    village this weapon-less detail names ("a drone struck a car west of the town of
    A. … struck the car in the village of B"): the detail says where in A's
    surroundings it fell."""
    place = event.place
    if event.event_type != GENERIC or place is None or place.lat is None:
        return None
    if place.is_region or place.feature_type == "city" or not event.sentences:
        return None
    return next(
        (
            other
            for other in events
            if _same_day_strike(other, event)
            and other.place.feature_type == "city"
            and other.place.lat is not None
            and other.sentences
            and max(other.sentences) == event.sentences[0] - 1
            and km_between(other.place, place) <= grouping.FOLD_KM
        ),
        None,
    )


def fold_generic(events: list[ProposedEvent]) -> list[ProposedEvent]:
    """The events, each weapon-less blast or toll folded into the strike of its place
    and first day: its sentences and statements become the strike's. One told at a
    village just after a strike near a town moves the strike to the village."""
    kept = []
    for event in events:
        host = _host(event, events)
        if host is None:
            host = _town_host(event, events)
            if host is not None:
                host.title = host.title.replace(host.place.name, event.place.name)
                host.place = event.place
                host.places_mentioned += [
                    p for p in event.places_mentioned if p not in host.places_mentioned
                ]
        if host is None:
            kept.append(event)
            continue
        host.absorb(event)
    return kept
