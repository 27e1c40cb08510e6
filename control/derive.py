"""Control periods from dated changes: who held a place from when to when, and why.

Pure: changes in, periods out (no ORM). A change is a territory event (its initiator
takes the place) or a curator's observation. Changes that start on the same day and
disagree make the place contested; a change whose date is known only to a week or a
month is uncertain until the end of that window."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

HELD, CONTESTED, UNKNOWN = "held", "contested", "unknown"


@dataclass(frozen=True, slots=True)  # slots: millions of them at 10M events
class Change:
    place_id: int
    start: dt.date  # first day the new state may hold
    end: dt.date  # last day of the date's uncertainty (== start when exact)
    precision: str  # day / week / month / year
    state: str  # held / contested / unknown
    controller_id: int | None = None  # the coalition at the top of the actor's tree
    actor_id: int | None = None  # the actor named by the source
    disputed: bool = False  # a source denies the change
    event_id: int | None = None
    observation_id: int | None = None


@dataclass(slots=True)
class Period:
    place_id: int
    start: dt.date
    until: dt.date | None  # last day, None while it lasts
    state: str
    controller_id: int | None
    actor_ids: list[int]
    disputed: bool
    uncertain_until: dt.date | None  # the change's date window ends here
    precision: str
    event_ids: list[int] = field(default_factory=list)
    observation_ids: list[int] = field(default_factory=list)


def _merge(day: dt.date, changes: list[Change]) -> Period:
    """One period from the changes that start on ``day`` (contested if they disagree)."""
    holders = {(c.state, c.controller_id) for c in changes}
    if len(holders) == 1:
        state, controller = next(iter(holders))
    else:
        state, controller = CONTESTED, None
    end = max(c.end for c in changes)
    coarsest = max(changes, key=lambda c: c.end - c.start).precision
    return Period(
        place_id=changes[0].place_id,
        start=day,
        until=None,
        state=state,
        controller_id=controller,
        actor_ids=sorted({c.actor_id for c in changes if c.actor_id is not None}),
        disputed=any(c.disputed for c in changes),
        uncertain_until=end if end > day else None,
        precision=coarsest,
        event_ids=sorted({c.event_id for c in changes if c.event_id is not None}),
        observation_ids=sorted(
            {c.observation_id for c in changes if c.observation_id is not None}
        ),
    )


def periods_of(changes: Iterable[Change]) -> dict[int, list[Period]]:
    """Each place's periods in date order; a period lasts until the next one starts."""
    by_place: dict[int, dict[dt.date, list[Change]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for change in changes:
        by_place[change.place_id][change.start].append(change)
    result: dict[int, list[Period]] = {}
    for place_id, by_day in by_place.items():
        periods = [_merge(day, by_day[day]) for day in sorted(by_day)]
        for current, following in zip(periods, periods[1:], strict=False):
            current.until = following.start - dt.timedelta(days=1)
            if current.uncertain_until and current.uncertain_until > current.until:
                current.uncertain_until = current.until
        result[place_id] = periods
    return result


def period_at(periods: list[Period], day: dt.date) -> Period | None:
    """The period in force on ``day`` (None before the first change)."""
    found = None
    for period in periods:
        if period.start > day:
            break
        found = period
    return found
