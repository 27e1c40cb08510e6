"""The import Writer's links of events to actors and sources (LinksMixin): the ones a
batch's records add, never one removed."""

from collections import defaultdict

from events import services as event_services
from events.models import Event, EventActor, EventSource, Source
from interchange import bulkinsert, writer_references
from interchange.records import EventRecord


class LinksMixin:
    """The Writer's links of events to actors and sources: added, never removed."""

    def _links(
        self,
        batch: list[EventRecord],
        existing: dict[tuple[str, str], Event],
        created: list[tuple[EventRecord, dict]],
    ) -> set[int]:
        """Add the records' actors and sources missing from their events; the ids of
        existing events that gained one.

        Never removes a link or changes a role or stance. For CSV formats (roles not
        exact) an actor already on the event is not added again under another role,
        unless the row itself names it on both sides (an intra-group clash); a
        source already cited is not added again with the default stance, and a bare
        publisher (ACLED) is skipped when the event cites that publisher with a title
        (a titled source replaces a bare citation of its publisher instead)."""
        events = [
            (r, existing[(r.dataset, r.external_id)].pk)
            for r in batch
            if (r.dataset, r.external_id) in existing
        ] + [(r, values["id"]) for r, values in created]
        old_ids = [e.pk for e in existing.values()]
        actor_links = defaultdict(set)
        cited = defaultdict(list)
        where, params = writer_references._in("event_id", old_ids)
        if old_ids:  # a batch of new events has no links to read
            for event_id, actor_id, role in (
                EventActor.objects.extra(where=[where], params=params)
                .values_list("event_id", "actor_id", "role")
                .order_by()
            ):
                actor_links[event_id].add((actor_id, role))
            for row in EventSource.objects.extra(
                where=[where], params=params
            ).values_list(
                "pk", "event_id", "source_id", "source__publisher", "source__title",
                "stance", "speaker",
            ):  # fmt: skip
                cited[row[1]].append(row)
        new_actors, new_sources, gained, refresh = [], [], set(), set()
        made: list[Source] = []
        actor_ids: dict[str, int] = {}  # a model's pk is a property: read once
        for record, event_id in events:
            links = actor_links[event_id]
            linked_ids = {actor_id for actor_id, _ in links}
            sides = None  # each actor's roles in the row, when needed (rarely)
            for actor_record in record.actors:
                key = actor_record.name.strip().lower()
                actor_id = actor_ids.get(key)
                if actor_id is None:
                    actor_id = actor_ids[key] = self.actors[key].pk
                role = actor_record.role
                if (actor_id, role) in links:
                    continue
                if not record.roles_exact and actor_id in linked_ids:
                    if sides is None:
                        sides = defaultdict(set)
                        for other in record.actors:
                            sides[other.name.strip().lower()].add(other.role)
                    if len(sides[key]) == 1:
                        continue
                links.add((actor_id, role))
                linked_ids.add(actor_id)
                new_actors.append(
                    {"event_id": event_id, "actor_id": actor_id, "role": role}
                )
                gained.add(event_id)
            rows = cited[event_id]
            for source_record in record.sources:
                publisher, title = source_record.publisher, source_record.title
                if not title and any(row[3] == publisher for row in rows):
                    continue
                source = self._source(source_record, made)
                stance = source_record.stance
                bare = [
                    row for row in rows
                    if title and row[3] == publisher and not row[4]
                    and row[5] == EventSource.Stance.REPORTS and not row[6]
                ]  # fmt: skip
                if bare and stance in (None, EventSource.Stance.REPORTS):
                    if source.pk is None:
                        self._insert_sources([source])
                        made.remove(source)
                    EventSource.objects.filter(pk=bare[0][0]).update(source=source)
                    rows.remove(bare[0])
                    rows.append((bare[0][0], event_id, source.pk, publisher, title,
                                 bare[0][5], ""))  # fmt: skip
                    gained.add(event_id)
                    continue
                if stance is None:
                    if any(_same(row[2], source) for row in rows):
                        continue
                    stance = EventSource.Stance.REPORTS
                speaker = source_record.speaker
                if any(
                    _same(row[2], source) and (row[5], row[6]) == (stance, speaker)
                    for row in rows
                ):
                    continue
                rows.append((None, event_id, source, publisher, title, stance,
                             speaker))  # fmt: skip
                new_sources.append(
                    (event_id, source, stance, speaker, source_record.quote)
                )
                gained.add(event_id)
                if stance != EventSource.Stance.REPORTS:
                    refresh.add(event_id)
        self._insert_sources(made)
        steps = self._steps()
        bulkinsert.insert(EventActor, new_actors, ids=False, steps=steps)
        bulkinsert.insert(
            EventSource,
            [
                {"event_id": event_id, "source_id": source.pk, "stance": stance,
                 "speaker": speaker, "quote": quote}
                for event_id, source, stance, speaker, quote in new_sources
            ],
            ids=False,
            steps=steps,
        )  # fmt: skip
        if refresh and steps is not None:  # the stances are read back: write now
            self.later.submit()
            self.later.settle()
        for event in Event.objects.filter(pk__in=refresh):
            event_services.event_refresh_disputed(event=event)
        return gained & set(old_ids)


def _same(cited: int | Source, source: Source) -> bool:
    """A citation row's source (an id, or a Source not saved yet) is ``source``."""
    return cited is source or (source.pk is not None and cited == source.pk)
