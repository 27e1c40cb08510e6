"""The import Writer's places, sources and actors (ReferencesMixin): looked up a batch
at a time, cached across batches, new ones bulk inserted; and the SQL ``IN`` the
batch lookups share."""

import math

import orjson
from django.contrib.gis.geos import Point
from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from events.models import Actor, Source
from interchange import bulkinsert
from interchange.records import EventRecord, PlaceRecord, SourceRecord
from places.models import Place

# Place names kept between batches; past this the cache starts again, so that a file
# of millions of rows keeps memory bounded (places are read again per batch).
PLACE_CACHE = 50_000


SAME_PLACE_KM = (
    1.0  # a place within this distance (and of the same precision) is the same
)


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


class ReferencesMixin:
    """The Writer's places, sources and actors: looked up a batch at a time, cached
    across batches, new ones inserted."""

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
