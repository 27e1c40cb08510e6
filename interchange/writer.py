"""Write validated records in batches: one lookup per batch, bulk inserts with history.

Per batch of BATCH records: one query finds the existing events by (dataset, id)
(an index serves it), one finds their links, one the places and one the sources not
yet cached; new places, actors, sources, events and links are bulk inserted (with
their history rows), changed events bulk updated. Signals do not fire for bulk
writes, so the map's data version is bumped here (dataversion.clusters_invalidate).
On PostgreSQL, inside an import's ``later.running()``, a batch's inserts (and its
foreign-key checks) are written by a second thread on the same connection while the
next batch is looked up and built (bulkinsert.Later).

Over ~400 lines on purpose: one batch's lookups, inserts and history rows share the
batch's caches (places, actors, sources); split, each part would re-read them.
"""

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

import orjson
from django.contrib.gis.geos import Point
from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from events import dataversion
from events import services as event_services
from events.filters import parse_id
from events.models import Actor, Event, EventActor, EventSource, Source
from interchange import bulkinsert
from interchange.records import EventRecord, PlaceRecord, SourceRecord
from places.models import Place

BATCH = 2000
# Place names kept between batches; past this the cache starts again, so that a file
# of millions of rows keeps memory bounded (places are read again per batch).
PLACE_CACHE = 50_000
# PostgreSQL: the tables an import grows are analysed again once it has added this
# many rows, and then each time it has added as many again as they held at the last
# analysis (a doubling schedule: ~8 analyses for a 3M-row file). Without statistics
# the planner takes a batch's 2,000-id lookup for one that matches every row and
# reads every row of the dataset instead of using the index: at 2.5M rows that was
# most of a whole-dataset import's time.
ANALYZE_AFTER = 20_000
SAME_PLACE_KM = (
    1.0  # a place within this distance (and of the same precision) is the same
)
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
# A new place's fields that come from the file, checked by clean_fields; the others
# are set here (a Point from checked coordinates, provenance, status). Checking the
# Point compared it with each of Django's empty values through GEOS: most of the time
# a first import spent on its new places.
_PLACE_CHECKED = {"name", "name_ar", "country_code", "admin1", "admin2", "feature_type",
                  "precision"}  # fmt: skip
_PLACE_UNCHECKED = [f.name for f in Place._meta.fields if f.name not in _PLACE_CHECKED]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: exact enough at a kilometre."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def actor_kinds(records: Iterable[EventRecord]) -> dict[str, str]:
    """Each actor's kind as the file's type columns give it (first stated wins):
    an actor first seen in assoc_actor_* takes the kind its own inter column gives."""
    kinds: dict[str, str] = {}
    for record in records:
        for actor in record.actors:
            if actor.kind:
                kinds.setdefault(actor.name.strip().lower(), actor.kind)
    return kinds


class Writer:
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
            where, params = _in("external_id", external_ids)
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

    def country_codes(self, place_ids: set[int]) -> dict[int, str]:
        """Country code of each place (a re-import's summary of unchanged rows)."""
        where, params = _in("id", list(place_ids))
        return dict(
            Place.objects.extra(where=[where], params=params)
            .values_list("id", "country_code")
            .order_by()
        )

    def _load_places(self, batch: list[EventRecord]) -> None:
        if len(self.places) > PLACE_CACHE:  # memory bounded: read again when needed
            # the batch not written yet keeps its places (a query would miss them)
            kept = {
                key: self.places[key]
                for key in self.pending_places
                if key in self.places
            }
            self.places.clear()
            self.points.clear()
            self.places.update(kept)
        keys = {_place_key(r.place) for r in batch} - self.places.keys()
        if not keys:
            return
        for key in keys:
            self.places[key] = []
        names = {name for name, _, _ in keys}
        for place in Place.objects.filter(name__in=names).order_by("pk"):
            key = (place.name, place.country_code, place.admin1)
            if key in keys:
                self.places[key].append(place)

    def _load_sources(self, records: list[SourceRecord]) -> None:
        wanted = {_source_key(s) for s in records} - self.sources.keys()
        if not wanted:
            return
        publishers = {publisher for publisher, _, _ in wanted}
        for source in Source.objects.filter(publisher__in=publishers):
            self.sources[_source_key(source)] = source

    def _source(self, record: SourceRecord, new: list[Source]) -> Source:
        """The source a citation needs, made (unsaved, into ``new``) when missing."""
        key = _source_key(record)
        if key not in self.sources:
            source = Source(
                publisher=record.publisher,
                title=record.title,
                url=record.url,
                published_at=record.published_at,
                language=record.language or "en",
            )
            source.clean_fields()
            self.sources[key] = source
            new.append(source)
        return self.sources[key]

    def _insert_sources(self, sources: list[Source]) -> None:
        fields = ("publisher", "title", "url", "published_at", "language")
        rows = [{name: getattr(s, name) for name in fields} for s in sources]
        for source, new_id in zip(
            sources, bulkinsert.insert(Source, rows), strict=True
        ):
            source.pk = new_id
            source._state.adding = False
        self.report.sources_created += len(sources)

    def _load_actors(self, batch: list[EventRecord]) -> None:
        new, upgraded = {}, {}
        for record in batch:
            for actor_record in record.actors:
                key = actor_record.name.strip().lower()
                kind = self.kinds.get(key) or Actor.Kind.OTHER
                actor = self.actors.get(key)
                if actor is None and key not in new:
                    new[key] = Actor(name=actor_record.name.strip(), kind=kind)
                    new[key].clean_fields()
                elif (
                    actor is not None
                    and actor.kind == Actor.Kind.OTHER
                    and kind != Actor.Kind.OTHER
                ):  # stated "other" by default only: the dataset's kind is better
                    actor.kind = kind
                    upgraded[key] = actor
        if new:
            bulk_create_with_history(list(new.values()), Actor)
            self.actors.update(new)
            self.report.actors_created += len(new)
        if upgraded:
            bulk_update_with_history(list(upgraded.values()), Actor, ["kind"])

    # Places

    def _place(self, record: PlaceRecord, dataset: str, new: list[Place]) -> Place:
        """The place of a row: same name, country, admin1 and, for a row with a point,
        a point within SAME_PLACE_KM and the same precision; else a new place, so that
        every event keeps the dataset's own point and precision."""
        candidates = self.places[_place_key(record)]
        if record.lat is None:
            if candidates:
                return candidates[0]
            from places import services as place_services

            place = place_services.place_get_or_create(
                name=record.name,
                country_code=record.country_code,
                admin1=record.admin1,
                admin2=record.admin2,
                feature_type=record.feature_type,
                name_ar=record.name_ar,
            )  # geocoded after commit
            candidates.append(place)
            self.report.places_created += 1
            return place
        for place in candidates:
            if place.location is None:
                continue
            point = self.points.get(id(place))
            if point is None:  # GEOS access is slow: read each place's point once
                point = self.points[id(place)] = (place.lat, place.lon)
            near = _km(record.lat, record.lon, *point) <= SAME_PLACE_KM
            if near and (
                record.precision is None or place.precision == record.precision
            ):
                return place
        for place in candidates:
            if place.location is None and not place.is_manual and place.pk:
                # A place still waiting for the geocoder takes the dataset's point.
                _locate(place, record, dataset)
                place.save()
                return place
        place = Place(
            name=record.name,
            name_ar=record.name_ar,
            country_code=record.country_code,
            admin1=record.admin1,
            admin2=record.admin2,
            feature_type=record.feature_type,
        )
        _locate(place, record, dataset)
        place.clean_fields(exclude=_PLACE_UNCHECKED)
        self.points[id(place)] = (record.lat, record.lon)  # no GEOS read later
        candidates.append(place)
        new.append(place)
        return place

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
        self.pending_places = {_place_key(p) for p in new_places}
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
        where, params = _in("event_id", old_ids)
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


class _Row:
    """An existing event's values (a no-change re-import never builds a model)."""

    def __init__(self, **values) -> None:
        self.__dict__.update(values)


def _in(column: str, values: list) -> tuple[str, list]:
    """``column IN (…)`` and its parameters: Django's ``__in`` resolves every value as
    an expression, a third of a no-change re-import's time for 1,000 ids a batch.
    PostgreSQL: one parameter (psycopg parses a query of 2,000 placeholders again at
    every call), ids as an array literal, text as a JSON array."""
    if not values:
        return "0 = 1", []
    if connection.vendor != "postgresql":
        return f"{column} IN ({', '.join(['%s'] * len(values))})", values
    if isinstance(values[0], int):
        return f"{column} = ANY(%s::bigint[])", ["{" + ",".join(map(str, values)) + "}"]
    return (
        f"{column} = ANY(ARRAY(SELECT json_array_elements_text(%s::json)))",
        [orjson.dumps(values).decode()],
    )


def _same(cited: int | Source, source: Source) -> bool:
    """A citation row's source (an id, or a Source not saved yet) is ``source``."""
    return cited is source or (source.pk is not None and cited == source.pk)


def _source_key(source: SourceRecord | Source) -> tuple:
    """A source's identity, as the model's constraints: publisher, title and date."""
    return (source.publisher, source.title, source.published_at)


def _place_key(record: PlaceRecord) -> tuple[str, str, str]:
    return (record.name, record.country_code, record.admin1)


def _locate(place: Place, record: PlaceRecord, dataset: str) -> None:
    place.location = Point(record.lon, record.lat, srid=4326)  # GEOS: x=lon, y=lat
    place.precision = record.precision
    place.provenance = Place.Provenance.IMPORT
    place.geocode_status = Place.GeocodeStatus.DONE
    place.geocode_label = f"{dataset} coordinates"
    place.geocoded_at = timezone.now()
