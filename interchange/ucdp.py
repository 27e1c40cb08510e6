"""UCDP GED-style CSV: columns, row parsing into EventRecords, and export rows."""

import re
from collections.abc import Iterable, Iterator

from events.models import Actor, Event, EventActor
from interchange import countries, extension, gedsources
from interchange.csvio import CsvRow
from interchange.records import (
    ActorRecord,
    DateReader,
    EventRecord,
    ParseInfo,
    PlaceRecord,
    RowChecker,
    RowError,
)
from interchange.taxonomy import TypeIndex, export_id, split_external_id
from places.models import Place

DATASET = "ucdp"

DATASET_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_name", "dyad_name", "side_a", "side_b", "number_of_sources",
    "source_article", "source_headline", "source_date", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude",
    "longitude", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
)  # fmt: skip
COLUMNS = DATASET_COLUMNS + extension.UCDP_COLUMNS
REQUIRED = (
    "id", "type_of_violence", "side_a", "side_b", "where_coordinates", "latitude",
    "longitude", "country", "date_start", "date_end", "best",
)  # fmt: skip
TEXT_COLUMNS = frozenset(
    {
        "relid", "code_status", "conflict_name", "dyad_name", "side_a", "side_b",
        "source_article", "source_headline", "source_date", "where_coordinates",
        "where_description", "adm_1", "adm_2", "country", "region",
    }
) | extension.TEXT_COLUMNS  # fmt: skip

# type_of_violence: 1 state-based, 2 non-state, 3 one-sided (against civilians).
VIOLENCE = {"1": "1", "2": "2", "3": "3"}
VIOLENCE_TYPE = {"1": "armed-clash", "2": "armed-clash", "3": "attack"}
# date_prec: 1 exact day, 2 a 2-6 day span, 3 a week, 4 a month, 5 a year or more.
DATE_PREC = {"1": "day", "2": "day", "3": "week", "4": "month", "5": "year"}
DATE_PREC_OUT = {"day": 1, "week": 3, "month": 4, "year": 5}
# where_prec: 1 exact, 2 within ~25 km, 3 ADM2, 4 ADM1, 5 part of a country,
# 6 country, 7 international waters or airspace.
WHERE_PREC = {str(n): str(n) for n in range(1, 8)}
FEATURE_TYPE = {
    1: Place.FeatureType.CITY,
    2: Place.FeatureType.CITY,
    3: Place.FeatureType.DISTRICT,
    4: Place.FeatureType.GOVERNORATE,
    5: Place.FeatureType.AREA,
    6: Place.FeatureType.COUNTRY,
    7: Place.FeatureType.AREA,
}
WHERE_PREC_OUT = {
    Place.FeatureType.DISTRICT: 3,
    Place.FeatureType.GOVERNORATE: 4,
    Place.FeatureType.AREA: 5,
    Place.FeatureType.COUNTRY: 6,
}
STATE_KINDS = {Actor.Kind.STATE, Actor.Kind.STATE_FORCES, Actor.Kind.FOREIGN_FORCES}
_ADMIN_SUFFIX = re.compile(
    r"\s+(governorate|province|district|region|muhafazah)$", re.IGNORECASE
)
MAX_NAME = 200


GED_20 = "ucdp-ged"
GED_19 = "ucdp-ged-19"
GED_GEOJSON = "ucdp-ged-geojson"
LAYOUTS = {
    GED_20: "UCDP GED 20.1 or later (relid, code_status; 49 columns as in 23.1 and "
    "the monthly candidate files)",
    GED_19: "UCDP GED 19.1 or earlier (no relid; gwnoa/gwnob mid-row)",
    GED_GEOJSON: "UCDP GED as a GeoJSON FeatureCollection of GED properties",
}


def layout(names: list[str]) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """(layout, header renames, required columns) of a file with these column names."""
    return (GED_20 if "relid" in names else GED_19), {}, REQUIRED


def rows_from_features(
    features: Iterable[object], errors: list[RowError]
) -> Iterator[CsvRow]:
    """The Features of a GED FeatureCollection as rows (the point gives lat/lon), as
    they are read (interchange.jsonstream)."""
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            errors.append(RowError(f"feature {number}", "properties", "missing"))
            continue
        cells = {
            str(k).lower(): "" if v is None else str(v)
            for k, v in props.items()
            if not isinstance(v, dict | list)
        }
        geometry = feature.get("geometry")
        if isinstance(geometry, dict) and geometry.get("type") == "Point":
            point = geometry.get("coordinates") or []
            if isinstance(point, list) and len(point) >= 2:
                cells["longitude"], cells["latitude"] = str(point[0]), str(point[1])
        missing = [c for c in REQUIRED if c not in cells]
        if missing:
            errors.append(
                RowError(f"feature {number}", "", f"missing: {', '.join(missing)}")
            )
            continue
        yield CsvRow(line=number, cells=cells, kind="feature")


def _kind(name: str, violence: str, side: str, gwno: str = "") -> str:
    if gwno.strip() or name.lower().startswith("government of"):
        return Actor.Kind.STATE_FORCES
    if name.lower() == "civilians":
        return Actor.Kind.CIVILIANS
    if violence == "1" and side == "b":
        return Actor.Kind.REBEL_GROUP
    return Actor.Kind.OTHER


# The columns whose distinct values choose the file's date format (DateReader):
# (date column, year column).
DATE_COLUMNS = (("date_start", None), ("date_end", None))
ID_COLUMN = "id"


def parse(
    rows: list[CsvRow],
    *,
    types: TypeIndex,
    errors: list[RowError],
    info: ParseInfo,
    dates: DateReader,
) -> list[EventRecord]:
    """Records of one batch of rows; a bad row adds its errors and gives no record."""
    # Files from ACLED or UCDP have no cm_* columns: skip looking, row after row.
    has_extension = bool(rows) and any(
        c in rows[0].cells for c in extension.UCDP_COLUMNS
    )
    records = []
    for row in rows:
        cells = {k: "" if v == "NA" else v for k, v in row.cells.items()}
        check = RowChecker(row.where, errors)
        raw_id = check.text("id", cells["id"], max_length=80, required=True)
        dataset, external_id = split_external_id(DATASET, raw_id)
        if len(external_id) > 64:
            check.error("id", "is longer than 64 characters")
        start = check.date("date_start", cells["date_start"], dates=dates)
        end = check.date("date_end", cells["date_end"], dates=dates)
        if start and end and end < start:
            check.error("date_end", f"{cells['date_end']!r} is before date_start")
        year = check.integer("year", cells.get("year", ""), minimum=1, maximum=9999)
        if start and year and year != start.year:
            check.error("year", f"{year} does not match date_start {start.isoformat()}")
        precision = "day"
        if cells.get("date_prec", "").strip():
            precision = check.choice("date_prec", cells["date_prec"], DATE_PREC)
        violence = check.choice("type_of_violence", cells["type_of_violence"], VIOLENCE)
        actors = []
        for column, side in (("side_a", "a"), ("side_b", "b")):
            name = check.text(column, cells[column], max_length=MAX_NAME)
            if not name:
                continue
            kind = _kind(name, violence or "", side, cells.get(f"gwno{side}", ""))
            if side == "a":
                role = EventActor.Role.INITIATOR
            elif violence == "3" or name.lower().startswith("civilians"):
                role = EventActor.Role.VICTIM
            else:
                role = EventActor.Role.TARGET
            actors.append(ActorRecord(name=name, role=role, kind=kind))
        location = check.text(
            "where_coordinates", cells["where_coordinates"], max_length=MAX_NAME,
            required=True,
        )  # fmt: skip
        lat, lon = check.coordinates(
            "latitude", cells["latitude"], "longitude", cells["longitude"]
        )
        where_prec = None
        if cells.get("where_prec", "").strip():
            value = check.choice("where_prec", cells["where_prec"], WHERE_PREC)
            where_prec = int(value) if value else None
        admin1 = _ADMIN_SUFFIX.sub("", cells.get("adm_1", "").strip())
        admin2 = _ADMIN_SUFFIX.sub("", cells.get("adm_2", "").strip())
        place = PlaceRecord(
            name=location,
            country_code=countries.country_of_row(
                check,
                cells,
                id_column="country_id",
                from_id=countries.code_from_gleditsch_ward,
                maximum=9999,
            ),
            admin1=check.text("adm_1", admin1, max_length=120),
            admin2=check.text("adm_2", admin2, max_length=120),
            lat=lat,
            lon=lon,
            precision=min(where_prec, 3) if where_prec else None,
            feature_type=FEATURE_TYPE.get(where_prec, Place.FeatureType.CITY),
        )
        best = check.integer("best", cells["best"])
        low = check.integer("low", cells.get("low", ""))
        high = check.integer("high", cells.get("high", ""))
        # UCDP's own releases hold rows with low > best or high < best: kept as
        # published, flagged on the event (Event.import_note) for an editor.
        note = []
        if None not in (best, low) and low > best:
            note.append(f"low {low} > best {best}")
        if None not in (best, high) and high < best:
            note.append(f"high {high} < best {best}")
        sources = gedsources.sources(check, cells)
        found = (
            extension.read(cells, check, types, extension.UCDP_COLUMNS)
            if has_extension
            else {}
        )
        if check.failed:
            continue
        event_type = types.by_slug[VIOLENCE_TYPE[violence]]
        record = EventRecord(
            where=row.where,
            dataset=dataset,
            external_id=external_id,
            event_type_id=event_type.pk,
            date_start=start,
            date_end=end if end != start else None,
            date_precision=precision,
            place=place,
            title=f"{event_type.name} in {location}"[:300],
            fatalities_best=best,
            fatalities_low=low,
            fatalities_high=high,
            note=f"UCDP fatality figures inconsistent: {', '.join(note)}"
            if note
            else "",
            actors=actors,
            sources=sources,
            carried=frozenset(
                {
                    "event_type",
                    "date_start",
                    "date_end",
                    "date_precision",
                    "place",
                    "fatalities_best",
                    "fatalities_low",
                    "fatalities_high",
                    "note",
                }
            ),  # fmt: skip
        )
        extension.apply(record, found, check)
        if record.event_type_id == types.by_slug["agreement"].pk:
            for actor in actors:  # the two sides of an agreement are its parties
                actor.role = EventActor.Role.PARTY
        if not check.failed:
            records.append(record)
    return records


def _violence(event: Event, kinds: set[str]) -> int:
    if event.event_type.top.slug == "violence-against-civilians":
        return 3
    return 1 if kinds & STATE_KINDS else 2


def export_row(event: Event) -> dict[str, object]:
    """One UCDP GED row; uses the prefetched place, type, actors and sources."""
    links = list(event.event_actors.all())
    side_a = [link for link in links if link.role in ("initiator", "party")][:1]
    side_b = [
        link for link in links
        if link.role in ("target", "victim") or (link.role == "party" and link not in side_a)
    ][:1]  # fmt: skip
    name_a = side_a[0].actor.name if side_a else ""
    name_b = side_b[0].actor.name if side_b else ""
    place = event.place
    code = place.country_code or ""
    sources = [link.source for link in event.event_sources.all()]
    # GED's "publisher,date,headline" entries; bare publishers when none has more
    quoted = any(s.title or s.published_at for s in sources)
    precision = DATE_PREC_OUT[event.date_precision]
    if precision == 1 and event.date_end and event.date_end != event.date_start:
        precision = 2
    if place.precision in (None, 1, 2):
        where_prec = place.precision
    else:
        where_prec = WHERE_PREC_OUT.get(place.feature_type, 3)
    return {
        "id": export_id(event, DATASET),
        "relid": "",
        "year": event.date_start.year,
        "active_year": "",
        "code_status": "",
        "type_of_violence": _violence(event, {link.actor.kind for link in links}),
        "conflict_name": "",
        "dyad_name": f"{name_a} - {name_b}" if name_a and name_b else "",
        "side_a": name_a,
        "side_b": name_b,
        "number_of_sources": len(sources),
        # ';' separates the entries of these three lists, so it cannot appear inside one.
        "source_article": ";".join(
            gedsources.article(s) if quoted else s.publisher.replace(";", ",")
            for s in sources
        ),
        "source_headline": ";".join(s.title.replace(";", ",") for s in sources),
        "source_date": ";".join(
            s.published_at.date().isoformat() if s.published_at else "" for s in sources
        ),
        "where_prec": where_prec or "",
        "where_coordinates": place.name,
        "where_description": "",
        "adm_1": place.admin1,
        "adm_2": place.admin2,
        "latitude": f"{place.lat:.6f}" if place.location else "",  # as GED writes
        "longitude": f"{place.lon:.6f}" if place.location else "",
        "country": countries.name(code, dataset=DATASET),
        "country_id": countries.gleditsch_ward(code) if code else "",
        "region": countries.region(code),
        "event_clarity": "",
        "date_prec": precision,
        "date_start": event.date_start.isoformat(),
        "date_end": (event.date_end or event.date_start).isoformat(),
        "deaths_a": "",
        "deaths_b": "",
        "deaths_civilians": "",
        "deaths_unknown": "",
        "best": event.fatalities_best,
        "high": event.fatalities_high,
        "low": event.fatalities_low,
        **extension.export(event),
    }
