"""Write validated records in batches: one lookup per batch, bulk inserts with history.

Per batch of BATCH records: one query finds the existing events by (dataset, id)
(an index serves it), one finds their links, one the places and one the sources not
yet cached; new places, actors, sources, events and links are bulk inserted (with
their history rows), changed events bulk updated. Signals do not fire for bulk
writes, so the map's data version is bumped here (dataversion.clusters_invalidate).
On PostgreSQL, inside an import's ``later.running()``, a batch's inserts (and its
foreign-key checks) are written by a second thread on the same connection while the
next batch is looked up and built (bulkinsert.Later).

The batch's caches of places, sources and actors are writer_references.ReferencesMixin;
its links writer_links.LinksMixin.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from events import dataversion
from events.filters import parse_id
from events.models import Actor, Event, Source
from interchange import bulkinsert, writer_links, writer_references
from interchange.records import EventRecord
from places.models import Place

BATCH = 2000


# PostgreSQL: the tables an import grows are analysed again once it has added this
# many rows, and then each time it has added as many again as they held at the last
# analysis (a doubling schedule: ~8 analyses for a 3M-row file). Without statistics
# the planner takes a batch's 2,000-id lookup for one that matches every row and
# reads every row of the dataset instead of using the index: at 2.5M rows that was
# most of a whole-dataset import's time.
ANALYZE_AFTER = 20_000


_FIELDS = (
    "event_type_id", "date_start", "date_end", "date_precision", "place_id", "title",
    "summary", "fatalities_best", "fatalities_low", "fatalities_high", "import_note",
)  # fmt: skip


_CARRIED_AS = {
    "place_id": "place",
    "event_type_id": "event_type",
    "import_note": "note",
}


Progress = Callable[[int, int], None]


def actor_kinds(records: Iterable[EventRecord]) -> dict[str, str]:
    """Each actor's kind as the file's type columns give it (first stated wins):
    an actor first seen in assoc_actor_* takes the kind its own inter column gives."""
    kinds: dict[str, str] = {}
    for record in records:
        for actor in record.actors:
            if actor.kind:
                kinds.setdefault(actor.name.strip().lower(), actor.kind)
    return kinds


class Writer(writer_references.ReferencesMixin, writer_links.LinksMixin):
    """Writes validated records; caches places, actors and sources across batches."""

    def __init__(self, report, status: str, kinds: dict[str, str]):
        self.report = report
        self.status = status
        self.kinds = kinds
        self.places: dict[tuple[str, str, str], list[Place]] = {}
        self.points: dict[int, tuple[float, float]] = {}  # id(place): (lat, lon)
        self.sources: dict[tuple[str, str], Source] = {}
        self.actors: dict[str, Actor] = {}
        self.grown = 0  # rows added since the tables were last analysed
        self.analysed: float | None = None  # events held then (PostgreSQL)
        # PostgreSQL, streamed imports: a batch's inserts are written by a second
        # thread on this connection while the next batch is prepared (bulkinsert.Later)
        self.later = bulkinsert.Later()
        self.event_ids: list[int] | None = None  # the batch's, when written later
        self.place_ids: list[int] = []  # allocated ahead, taken by new places
        self.pending_keys: set[tuple[str, str]] = set()  # the batch not yet written
        self.pending_places: set[tuple[str, str, str]] = set()
        for actor in Actor.objects.all():
            for name in [*actor.aliases, actor.name]:  # the canonical name wins
                if isinstance(name, str):
                    self.actors[name.strip().lower()] = actor

    def write(self, records: list[EventRecord], progress: Progress | None) -> None:
        for start in range(0, len(records), BATCH):
            batch = records[start : start + BATCH]
            self.write_batch(batch)
            if progress:
                progress(start + len(batch), len(records))

    def _steps(self) -> "bulkinsert.Steps | None":
        """Where inserts go to be written later (bulkinsert.Later), or None: now."""
        return self.later.steps if self.later.active else None

    # Lookups, one query per batch each

    def existing(
        self, keys: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], "_Row"]:
        """The events already imported under these (dataset, id) keys: one query per
        dataset, values only (a no-change re-import builds no Event)."""
        ids: dict[str, list[str]] = defaultdict(list)
        for dataset, external_id in keys:
            ids[dataset].append(external_id)
        found = {}
        for dataset, external_ids in ids.items():
            where, params = writer_references._in("external_id", external_ids)
            rows = (
                Event.objects.filter(external_dataset=dataset)
                .extra(where=[where], params=params)
                .values("id", "external_id", "version", "import_hash", *_FIELDS)
            )  # fmt: skip
            found.update(
                {
                    (dataset, row["external_id"]): _Row(pk=row["id"], **row)
                    for row in rows
                }
            )
        return found

    def _existing(
        self,
        batch: list[EventRecord],
        found: dict[tuple[str, str], "_Row"] | None,
    ) -> dict[tuple[str, str], "_Row | Event"]:
        if found is None:
            found = self.existing((r.dataset, r.external_id) for r in batch)
        wanted = {(r.dataset, r.external_id) for r in batch}
        found = {key: row for key, row in found.items() if key in wanted}
        for record in batch:  # 'conflictmap:<pk>': a hand-made event of ours (rare)
            key = (record.dataset, record.external_id)
            if key not in found and record.dataset == "conflictmap":
                pk = parse_id(record.external_id)
                event = (
                    pk
                    and Event.objects.filter(
                        pk=pk,
                        external_id="",
                        date_start=record.date_start,
                        place__name=record.place.name,
                    ).first()
                )
                if event:
                    found[key] = event
        return found

    # Places

    # The batch

    def write_batch(
        self,
        batch: list[EventRecord],
        found: dict[tuple[str, str], "_Row"] | None = None,
    ) -> None:
        """Write one batch; ``found``: its existing events when already looked up.

        Inside ``self.later.running()`` (PostgreSQL) the batch's reads and id
        allocations come first, then the previous batch's inserts are handed to the
        writing thread, then this batch's rows are built: its inserts are written
        while the next batch is read and prepared."""
        existing = self._existing(batch, found)
        self._load_places(batch)
        self._load_actors(batch)
        self._load_sources([s for r in batch for s in r.sources])
        steps = self._steps()
        if steps is not None:
            new = sum((r.dataset, r.external_id) not in existing for r in batch)
            self.event_ids = bulkinsert.allocate(Event, new)
            if len(self.place_ids) < len(batch):
                self.place_ids += bulkinsert.allocate(Place, max(len(batch), BATCH))
            self.later.submit()  # the previous batch's inserts, written meanwhile
            steps = self.later.steps
        self.pending_keys = {(r.dataset, r.external_id) for r in batch}
        new_places: list[Place] = []
        places = [self._place(r.place, r.dataset, new_places) for r in batch]
        self.pending_places = {writer_references._place_key(p) for p in new_places}
        if new_places:
            fields = [
                f.attname for f in Place._meta.concrete_fields if not f.primary_key
            ]
            rows = [{name: getattr(p, name) for name in fields} for p in new_places]
            taken = None
            if steps is not None:
                taken = self.place_ids[: len(rows)]
                del self.place_ids[: len(rows)]
            ids = bulkinsert.insert(Place, rows, new_ids=taken, steps=steps)
            for place, new_id in zip(new_places, ids, strict=True):
                place.pk = new_id
                place._state.adding = False
            self.report.places_created += len(new_places)
        created, changed_events, changed_fields = [], [], set()
        stamps: list[tuple[str, int]] = []
        now = timezone.now()
        for record, place in zip(batch, places, strict=True):
            values = {
                "event_type_id": record.event_type_id,
                "date_start": record.date_start,
                "date_end": record.date_end,
                "date_precision": record.date_precision,
                "place_id": place.pk,
                "title": record.title,
                "summary": record.summary,
                "fatalities_best": record.fatalities_best,
                "fatalities_low": record.fatalities_low,
                "fatalities_high": record.fatalities_high,
                "import_note": record.note,
            }
            event = existing.get((record.dataset, record.external_id))
            if event is None:  # the parsers checked every value: no clean_fields
                values.update(
                    status=self.status,
                    external_dataset=record.dataset,
                    external_id=record.external_id,
                    created_at=now,
                    updated_at=now,
                    import_hash=f"0:{record.digest}" if record.digest else "",
                )
                created.append((record, values))
                continue
            names = [
                name
                for name, value in values.items()
                if _CARRIED_AS.get(name, name) in record.carried
                and getattr(event, name) != value
            ]
            if names:
                changed_events.append(
                    (event.pk, {n: values[n] for n in names}, record.digest)
                )
                changed_fields.update(names)
            elif record.digest and getattr(event, "import_hash", None) != (
                stamp := f"{event.version}:{record.digest}"
            ):  # same values, hash not stored yet: the next re-import skips the row
                stamps.append((stamp, event.pk))
        if created:
            bulkinsert.insert(
                Event,
                [values for _, values in created],
                new_ids=self.event_ids if steps is not None else None,
                steps=steps,
            )
            self.report.created += len(created)
        if changed_events:
            events = Event.objects.in_bulk([pk for pk, _, _ in changed_events])
            for pk, changes, digest in changed_events:
                event = events[pk]
                for name, value in changes.items():
                    setattr(event, name, value)
                event.clean_fields(exclude=["place", "event_type"])
                event.updated_at = now
                event.version += 1  # an admin form opened before now is stale
                event.import_hash = f"{event.version}:{digest}" if digest else ""
            bulk_update_with_history(
                list(events.values()),
                Event,
                [*changed_fields, "updated_at", "version", "import_hash"],
            )
        if stamps:  # bookkeeping, not an edit: no version, no history row
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {Event._meta.db_table} SET import_hash = %s WHERE id = %s",  # noqa: S608
                    stamps,
                )
        linked = self._links(batch, existing, created)
        updated = {pk for pk, _, _ in changed_events} | linked
        old = {e.pk for e in existing.values()}
        self.report.updated += len(updated & old)
        self.report.unchanged += len(old - updated)
        touched = [values["id"] for _, values in created] + sorted(updated)
        if touched or new_places:
            # What it touched, so that the map and control indexes apply the import
            # instead of a whole rebuild: its events (new, changed, newly linked)
            # and its new places; a place it gave a point to records itself (its
            # save). An actor's kind shows in no public Feature.
            dataversion.clusters_invalidate(
                touched, place_ids=[place.pk for place in new_places]
            )
        self._keep_statistics(len(created))
        if (steps := self._steps()) is not None:
            # The batch's foreign keys checked in the writing thread, at the end of
            # its inserts (as the commit would: deferred checks fire when the mode
            # changes), then deferred again: the commit, which nothing overlaps, had
            # spent 2.9 of PostgreSQL's 8.9 CPU-s per 100k rows checking them.
            steps += [
                ("SET CONSTRAINTS ALL IMMEDIATE", [], None),
                ("SET CONSTRAINTS ALL DEFERRED", [], None),
            ]

    def _keep_statistics(self, added: int) -> None:
        """PostgreSQL: ANALYZE the tables this import grows once it has added
        ANALYZE_AFTER rows, or as many as they held at the last analysis. ANALYZE
        inside the import's transaction samples its own new rows, so the next
        batches' lookups by id and by place name use their indexes."""
        if connection.vendor != "postgresql" or not added:
            return
        if self.analysed is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT GREATEST(reltuples, 0) FROM pg_class WHERE relname = %s",
                    [Event._meta.db_table],
                )
                row = cursor.fetchone()
            self.analysed = float(row[0]) if row else 0.0
        self.grown += added
        if self.grown < max(ANALYZE_AFTER, self.analysed):
            return
        quote = connection.ops.quote_name
        tables = ", ".join(quote(m._meta.db_table) for m in (Event, Place))
        steps = self._steps()
        if steps is not None:  # after this batch's inserts, in the writing thread
            steps.append((f"ANALYZE {tables}", [], None))
        else:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {tables}")
        self.analysed += self.grown
        self.grown = 0


class _Row:
    """An existing event's values (a no-change re-import never builds a model)."""

    def __init__(self, **values) -> None:
        self.__dict__.update(values)
