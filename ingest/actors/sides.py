"""The other side of a capture or a retake that its own sentence leaves unnamed
("The army … struck ISIS positions", then "The troops regained A and B"): the side
the sentences just before were fighting."""

import dataclasses

from ingest.actors.roles import CARRY_SENTENCES, DOERS

TERRITORY = frozenset(
    {"government-regains-territory", "non-state-actor-overtakes-territory"}
)


def carry_opponents(events: list) -> None:
    """A capture with its taker but no one it was taken from takes the target of
    the event just before it (within ``CARRY_SENTENCES``) when that event's doers
    are the capture's doers; its rule says so."""
    for i, event in enumerate(events):
        if event.event_type not in TERRITORY or not event.sentences:
            continue
        doers = {a.actor_id for a in event.actors if a.role in DOERS}
        if not doers or any(a.role == "target" for a in event.actors):
            continue
        first = min(event.sentences)
        for earlier in reversed(events[:i]):
            before = [s for s in earlier.sentences if s <= first]
            if not before or first - max(before) > CARRY_SENTENCES:
                continue
            their_doers = {a.actor_id for a in earlier.actors if a.role in DOERS}
            if not their_doers & doers:
                continue  # another fight: its target need not be this one's
            taken = [
                dataclasses.replace(a)
                for a in earlier.actors
                if a.role == "target" and a.actor_id not in doers
            ]
            if taken:
                event.actors += taken
                event.rule += "; taken from whom: the side the sentences before fought"
                break
