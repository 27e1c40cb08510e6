"""One incident proposed twice under two sub-types or two days (issue 13, ingdup3).

ACLED codes one event per location per day. Three shapes of the same incident read
twice, each folded into the proposal that keeps it:
- two sub-types of one family at one place and day, by the same doers, the second
  told by a sentence of the first's and naming no place of its own ("missiles fired
  at A …. The army said the air strikes caused losses");
- a family's own type (the parent, "violence against civilians") at the place and
  day of one of its sub-types ("Gunmen attacked the village of A …. A woman was
  kidnapped and houses were burnt down in A");
- an "overnight" or "last night" strike dated the publication day and the same strike
  told by a named night the day before ("An overnight missile attack …" in a Friday
  paper, then "… late on Thursday night"): the night began the day before;
- a lead dated only by the day its speaker spoke ("16 were killed in fighting in A,
  the ministry said Saturday") and the same type at A with a day of its own up to
  ``SAID_WITHIN_DAYS`` before ("clashes erupted on Thursday night"): the speaker told
  that incident (helper ingprec4).
"""

import datetime as dt
import re
from collections.abc import Callable

from ingest import drafts
from ingest.proposal import ProposedEvent

# A capture and a recapture of one place on one day are two events, however told.
_TERRITORY = frozenset(
    {"government-regains-territory", "non-state-actor-overtakes-territory"}
)
# A date phrase naming a night but no day: it counts from the publication day.
_UNNAMED_NIGHT = re.compile(
    r"^(?:“|\")?(?:an? )?(?:overnight|last night|(?:shortly |just )?"
    r"(?:after|around|at) midnight|in the early hours)",
    re.I,
)


def _placed_alike(a: ProposedEvent, b: ProposedEvent) -> bool:
    return (
        a.place is not None
        and b.place is not None
        and a.place.key == b.place.key
        and a.background == b.background
    )


def _generic(slug: str, family: Callable[[str], str]) -> bool:
    """The family's own type: what a sentence gets when it names harm but no
    sub-type."""
    return family(slug) == slug


def _same_doers(event: ProposedEvent, host: ProposedEvent) -> bool:
    """Every actor ``event`` names is ``host``'s too: rockets by one side and "also"
    air raids by the other on that city that day are two events."""
    return {a.actor_id for a in event.actors} <= {a.actor_id for a in host.actors}


def _twin(
    event: ProposedEvent, host: ProposedEvent, family: Callable[[str], str]
) -> bool:
    """``event`` tells ``host``'s incident again (same place, day and family)."""
    if host is event or not _placed_alike(host, event):
        return False
    if host.date_start != event.date_start:
        return False
    kind, host_kind = event.event_type, host.event_type
    if kind == host_kind:
        return False  # drop_contained's case: a same-type twin is told by its sentences
    if family(kind) != family(host_kind) or {kind, host_kind} <= _TERRITORY:
        return False
    if _generic(kind, family) != _generic(host_kind, family):
        return _generic(kind, family)  # the family's own type folds in
    # A sentence both tell, and no place of its own: the twin's cue follows up the
    # host ("… missiles fired at A. The army said the air strikes caused losses");
    # a sentence naming A with both weapons ("strikes hit A and artillery shelled
    # it") places each and stays two events.
    return (
        bool(set(event.sentences) & set(host.sentences))
        and drafts.CARRIED_PLACE in event.date_note
        and _same_doers(event, host)
    )


def _night_before(event: ProposedEvent, host: ProposedEvent) -> bool:
    """``event`` is dated by an unnamed night; ``host`` is the same strike a day
    earlier."""
    return (
        host is not event
        and _placed_alike(host, event)
        and host.event_type == event.event_type
        and event.date_end is None
        and host.date_start == event.date_start - dt.timedelta(days=1)
        and bool(_UNNAMED_NIGHT.match(event.date_note))
        and not _UNNAMED_NIGHT.match(host.date_note)
    )


SAID_DAY = "the day it was said"
SAID_WITHIN_DAYS = 3


def _said_day_after(event: ProposedEvent, host: ProposedEvent) -> bool:
    """``event`` is dated only by the day its speaker spoke; ``host``, of its type at
    its place, by a day of its own up to ``SAID_WITHIN_DAYS`` earlier."""
    return (
        host is not event
        and _placed_alike(host, event)
        and host.event_type == event.event_type
        and event.date_note.startswith(SAID_DAY)
        and not host.date_note.startswith(SAID_DAY)
        and host.date_precision == "day"
        and 0 < (event.date_start - host.date_start).days <= SAID_WITHIN_DAYS
    )


def fold_twins(
    events: list[ProposedEvent], family: Callable[[str], str]
) -> list[ProposedEvent]:
    """The events, each twin folded into the incident's proposal: a sub-type over its
    family's own type, else the one told first; its sentences and statements become the
    kept proposal's."""
    kept: list[ProposedEvent] = []
    gone: set[int] = set()
    for event in events:
        if id(event) in gone:
            continue
        host = next(
            (
                other
                for other in events
                if id(other) not in gone
                and other is not event
                and (
                    _twin(event, other, family)
                    and (
                        not _twin(other, event, family)
                        or events.index(other) < events.index(event)
                    )
                    or _night_before(event, other)
                    or _said_day_after(event, other)
                )
            ),
            None,
        )
        if host is None:
            kept.append(event)
            continue
        host.absorb(event)
        gone.add(id(event))
    return [e for e in kept if id(e) not in gone]
