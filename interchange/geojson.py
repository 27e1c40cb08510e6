"""GeoJSON FeatureCollections shaped like the API's detail Feature: parse and export."""

import math
from collections.abc import Iterable

from django.urls import reverse

from control import selectors as control_selectors
from events.models import Actor, Event, EventActor, EventSource
from interchange.records import (
    ActorRecord,
    EventRecord,
    PlaceRecord,
    RowChecker,
    RowError,
    SourceRecord,
    parse_datetime,
)
from interchange.taxonomy import DATASETS, TypeIndex
from places.models import Place

DATASET = "geojson"
MAX_TEXT = 10_000
ROLES = set(EventActor.Role.values)
KINDS = set(Actor.Kind.values)
STANCES = set(EventSource.Stance.values)
PRECISIONS = set(Event.DatePrecision.values)
FEATURE_TYPES = set(Place.FeatureType.values)
CARRIED = frozenset(
    {
        "title", "summary", "event_type", "date_start", "date_end", "date_precision",
        "place", "fatalities_best", "fatalities_low", "fatalities_high",
    }
)  # fmt: skip


class _Feature:
    """Typed access to one feature's properties, reporting into a RowChecker."""

    def __init__(self, check: RowChecker):
        self.check = check

    def text(self, name: str, value: object, *, max_length: int, required=False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.check.error(name, "must be a string")
            return ""
        if "\x00" in value:
            self.check.error(name, "contains a NUL byte")
            return ""
        return self.check.text(name, value, max_length=max_length, required=required)

    def number(self, name: str, value: object) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.check.error(name, f"{value!r} is not a whole number >= 0")
            return None
        return value

    def choice(self, name: str, value: object, allowed: set[str], default: str) -> str:
        if value in (None, ""):
            return default
        if value not in allowed:
            self.check.error(
                name, f"{str(value)[:50]!r} is not one of {', '.join(sorted(allowed))}"
            )
            return default
        return value

    def date(self, name: str, value: object, *, required: bool) -> object:
        if value in (None, "") and not required:
            return None
        if not isinstance(value, str):
            self.check.error(
                name, "is required" if value is None else "must be a string"
            )
            return None
        return self.check.date(name, value, required=required)


def _point(feature: _Feature, geometry: object) -> tuple[float | None, float | None]:
    if geometry is None:
        return None, None
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        feature.check.error("geometry", "must be a Point or null")
        return None, None
    coordinates = geometry.get("coordinates")
    if (
        not isinstance(coordinates, list)
        or len(coordinates) < 2
        or not all(
            isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c)
            for c in coordinates[:2]
        )
    ):
        feature.check.error("geometry.coordinates", "must be [longitude, latitude]")
        return None, None
    lon, lat = coordinates[0], coordinates[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        feature.check.error(
            "geometry.coordinates", f"{coordinates[:2]!r} is out of range"
        )
        return None, None
    return float(lat), float(lon)


def _key(feature: _Feature, data: dict, props: dict) -> tuple[str, str]:
    dataset = props.get("external_dataset") or ""
    external_id = props.get("external_id") or ""
    if dataset or external_id:
        dataset = feature.choice("external_dataset", dataset, set(DATASETS), DATASET)
        external_id = feature.text(
            "external_id", str(external_id), max_length=64, required=True
        )
        return dataset, external_id
    raw = data.get("id")
    if isinstance(raw, bool) or not isinstance(raw, str | int) or raw == "":
        feature.check.error("id", "is required (or external_dataset and external_id)")
        return DATASET, ""
    return DATASET, feature.text("id", str(raw), max_length=64, required=True)


def _list(feature: _Feature, name: str, value: object) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        feature.check.error(name, "must be a list of objects")
        return []
    return value


def parse(
    features: Iterable[tuple[int, object]],
    *,
    types: TypeIndex,
    errors: list[RowError],
) -> list[EventRecord]:
    """Records of these (number, feature) pairs, a batch of a FeatureCollection's
    features (interchange.jsonstream reads them); every bad feature is reported."""
    records = []
    for number, item in features:
        check = RowChecker(f"feature {number}", errors)
        if not isinstance(item, dict) or item.get("type") != "Feature":
            check.error("type", "must be a Feature")
            continue
        props = item.get("properties")
        if not isinstance(props, dict):
            check.error("properties", "must be an object")
            continue
        feature = _Feature(check)
        dataset, external_id = _key(feature, item, props)
        title = feature.text("title", props.get("title"), max_length=300, required=True)
        summary = feature.text("summary", props.get("summary"), max_length=MAX_TEXT)
        start = feature.date("date_start", props.get("date_start"), required=True)
        end = feature.date("date_end", props.get("date_end"), required=False)
        if start and end and end < start:
            check.error("date_end", "is before date_start")
        precision = feature.choice(
            "date_precision", props.get("date_precision"), PRECISIONS, "day"
        )
        kind = props.get("type")
        slug = kind.get("slug") if isinstance(kind, dict) else kind
        event_type = types.by_slug.get(slug) if isinstance(slug, str) else None
        if event_type is None:
            check.error("type.slug", f"{str(slug)[:80]!r} is not an event-type slug")
        place_data = props.get("place")
        if not isinstance(place_data, dict):
            check.error("place", "must be an object")
            place_data = {}
        lat, lon = _point(feature, item.get("geometry"))
        place_precision = place_data.get("precision")
        if place_precision not in (None, 1, 2, 3):
            check.error("place.precision", f"{place_precision!r} is not 1, 2 or 3")
            place_precision = None
        place = PlaceRecord(
            name=feature.text(
                "place.name", place_data.get("name"), max_length=200, required=True
            ),
            name_ar=feature.text("place.name_ar", place_data.get("name_ar"), max_length=200),
            country_code=feature.text(
                "place.country_code", place_data.get("country_code"), max_length=2
            ).upper(),
            admin1=feature.text("place.admin1", place_data.get("admin1"), max_length=120),
            admin2=feature.text("place.admin2", place_data.get("admin2"), max_length=120),
            lat=lat,
            lon=lon,
            precision=place_precision,
            feature_type=feature.choice(
                "place.feature_type", place_data.get("feature_type"), FEATURE_TYPES,
                Place.FeatureType.CITY,
            ),
        )  # fmt: skip
        actors = [
            ActorRecord(
                name=feature.text(
                    "actors.name", actor.get("name"), max_length=200, required=True
                ),
                role=feature.choice(
                    "actors.role", actor.get("role"), ROLES, "initiator"
                ),
                kind=feature.choice("actors.kind", actor.get("kind"), KINDS, "other"),
            )
            for actor in _list(feature, "actors", props.get("actors"))
        ]
        sources = []
        for source in _list(feature, "sources", props.get("sources")):
            raw_at = source.get("published_at")
            published_at = None
            if raw_at not in (None, ""):
                published_at = (
                    parse_datetime(raw_at) if isinstance(raw_at, str) else None
                )
                if published_at is None:
                    check.error(
                        "sources.published_at", f"{str(raw_at)[:50]!r} is not a date"
                    )
            url = feature.text("sources.url", source.get("url"), max_length=1000)
            sources.append(
                SourceRecord(
                    publisher=feature.text(
                        "sources.publisher", source.get("publisher"), max_length=200,
                        required=True,
                    ),
                    title=feature.text("sources.title", source.get("title"), max_length=500),
                    url=check.url("sources.url", url) if url else "",
                    published_at=published_at,
                    language=feature.text(
                        "sources.language", source.get("language"), max_length=8
                    ),
                    stance=feature.choice(
                        "sources.stance", source.get("stance"), STANCES, "reports"
                    ),
                    speaker=feature.text("sources.speaker", source.get("speaker"), max_length=300),
                    quote=feature.text("sources.quote", source.get("quote"), max_length=MAX_TEXT),
                )
            )  # fmt: skip
        fatalities = {
            name: feature.number(name, props.get(name))
            for name in ("fatalities_best", "fatalities_low", "fatalities_high")
        }
        if check.failed:
            continue
        records.append(
            EventRecord(
                where=check.where,
                dataset=dataset,
                external_id=external_id,
                event_type_id=event_type.pk,
                date_start=start,
                date_end=end if end != start else None,
                date_precision=precision,
                place=place,
                title=title,
                summary=summary,
                actors=actors,
                sources=sources,
                carried=CARRIED,
                roles_exact=True,
                **fatalities,
            )
        )
    return records


def export_feature(event: Event) -> dict:
    """The API's detail Feature plus what a lossless re-import needs (ids, admin, kinds)."""
    place = event.place
    event_type = event.event_type
    parent = event_type.parent
    if event.external_id:
        dataset, external_id = event.external_dataset, event.external_id
    else:
        dataset, external_id = "conflictmap", str(event.pk)
    return {
        "type": "Feature",
        "id": event.pk,
        "geometry": (
            {"type": "Point", "coordinates": [place.lon, place.lat]}
            if place and place.location
            else None
        ),
        "properties": {
            "title": event.title,
            "date_start": event.date_start.isoformat(),
            "date_end": event.date_end.isoformat() if event.date_end else None,
            "date_precision": event.date_precision,
            "date_label": event.date_label,
            "type": {
                "slug": event_type.slug,
                "name": event_type.name,
                "color": event_type.color,
                "parent_slug": parent.slug if parent else None,
                "parent_name": parent.name if parent else None,
            },
            "disputed": event.disputed,
            "place": {
                "name": place.name,
                "name_ar": place.name_ar,
                "precision": place.precision,
                "feature_type": place.feature_type,
                "country_code": place.country_code,
                "admin1": place.admin1,
                "admin2": place.admin2,
            },
            "actors": [
                {
                    "id": link.actor_id,
                    "name": link.actor.name,
                    "role": link.role,
                    "role_label": link.get_role_display(),
                    "kind": link.actor.kind,
                }
                for link in event.event_actors.all()
            ],
            "fatalities_best": event.fatalities_best,
            "fatalities_low": event.fatalities_low,
            "fatalities_high": event.fatalities_high,
            "url": event.get_absolute_url(),
            "api_url": reverse("events:api-event-detail", args=[event.pk]),
            "summary": event.summary,
            "sources": [
                {
                    "publisher": link.source.publisher,
                    "title": link.source.title,
                    "url": link.source.url,
                    "published_at": (
                        link.source.published_at.isoformat()
                        if link.source.published_at
                        else None
                    ),
                    "language": link.source.language,
                    "stance": link.stance,
                    "stance_label": link.get_stance_display(),
                    "speaker": link.speaker,
                    "quote": link.quote,
                }
                for link in event.event_sources.all()
            ],
            "external_dataset": dataset,
            "external_id": external_id,
            # A territory change: who took the place (read-only, derived on import).
            "control": _control(event),
        },
    }


def _control(event: Event) -> dict | None:
    taken_by = control_selectors.event_taken_by(event)
    if taken_by is None:
        return None
    return {"taken_by": {"id": taken_by.pk, "name": taken_by.name}}
