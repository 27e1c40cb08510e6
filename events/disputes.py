"""Which sources' stances make an event disputed: one asserts it, another denies it."""

from events.models import EventSource

# Stances that put the event forward; one of these beside a denial is a dispute.
ASSERTING = frozenset(
    {
        EventSource.Stance.REPORTS,
        EventSource.Stance.CLAIMS,
        EventSource.Stance.CONFIRMS,
    }
)


def stances_disputed(stances: set[str]) -> bool:
    """Some source asserts the event and another denies it."""
    return EventSource.Stance.DENIES in stances and bool(stances & ASSERTING)
