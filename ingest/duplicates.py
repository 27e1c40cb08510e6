"""One incident proposed twice: a proposal told wholly by sentences another proposal of
the same type, day and place already holds ("BBC Burmese also reported the air
strikes, with some outlets saying nine people had been killed", read once into the
strike and once more on its own) is a duplicate, not a second incident (issue 13,
series L)."""

from ingest.proposal import ProposedEvent


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
    return kept
