"""An incident told once without a day and once with one is one event (issue 13,
helper inggroup).

ACLED codes one event per location per day. A proposal whose sentences give no day
of their own ("Israeli air strikes on Tyre killed 20 people" in the lead, dated the
week of publication or, in a same-day report, the publication day) at the place of a
proposal of its family dated by a day of its own within that week ("the strikes on
Tyre on Friday night") tells that incident: it folds into the dated one, whose day is
the one the text gives. Two undated proposals, a capture and a recapture, proposals
at two places and a day outside the week stay apart.
"""

import datetime as dt
from collections.abc import Callable

from ingest.proposal import ProposedEvent

UNDATED = "no date given"  # timing.group_dates's notes for the publication defaults
WITHIN_DAYS = 7  # the publication week the undated proposal is dated to
_TERRITORY = frozenset(
    {"government-regains-territory", "non-state-actor-overtakes-territory"}
)


def _undated(event: ProposedEvent) -> bool:
    return event.date_note.startswith(UNDATED)


def _dated_host(
    event: ProposedEvent,
    host: ProposedEvent,
    family: Callable[[str], str],
    published_on: dt.date,
) -> bool:
    """``host`` is ``event``'s incident told with a day: same place and family, a day
    read from the text within the week before publication."""
    if host is event or _undated(host) or host.date_precision != "day":
        return False
    if event.place is None or host.place is None or host.place.key != event.place.key:
        return False
    if host.background != event.background:
        return False
    if family(host.event_type) != family(event.event_type):
        return False
    if {host.event_type, event.event_type} <= _TERRITORY and (
        host.event_type != event.event_type
    ):
        return False  # a capture and a recapture are two events
    return 0 <= (published_on - host.date_start).days <= WITHIN_DAYS


def fold_undated(
    events: list[ProposedEvent],
    family: Callable[[str], str],
    published_on: dt.date,
) -> list[ProposedEvent]:
    """The events, each undated one folded into the first dated proposal of its
    incident (``_dated_host``): its sentences and statements become the host's."""
    kept = []
    for event in events:
        host = None
        if _undated(event):
            host = next(
                (h for h in events if _dated_host(event, h, family, published_on)),
                None,
            )
        if host is None:
            kept.append(event)
            continue
        host.absorb(event)
    return kept
