"""ACLED-style CSV: columns, row parsing into EventRecords, and export rows.

ACLED's layouts (current, 2020 export, pre-2019, one row per actor) map onto one
record in one place, so a column's meaning is read once; ACLED's code tables are acled_codes.
"""

from collections.abc import Iterable, Iterator

from events.models import Actor, Event, EventActor, EventType
from interchange import acled_codes, countries, extension
from interchange.csvio import CsvRow
from interchange.records import (
    ActorRecord,
    DateReader,
    EventRecord,
    ParseInfo,
    PlaceRecord,
    RowChecker,
    RowError,
    SourceRecord,
    split_list,
)
from interchange.taxonomy import TypeIndex, export_id, split_external_id

DATASET = "acled"


DATASET_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
    "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
)  # fmt: skip


COLUMNS = DATASET_COLUMNS + extension.ACLED_COLUMNS


REQUIRED = (
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
    "country", "location", "latitude", "longitude",
)  # fmt: skip


TEXT_COLUMNS = frozenset(
    {
        "event_id_cnty", "disorder_type", "event_type", "sub_event_type", "actor1",
        "assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting", "region",
        "country", "admin1", "admin2", "admin3", "location", "source", "source_scale",
        "notes", "tags",
    }
) | extension.TEXT_COLUMNS  # fmt: skip


# Layouts, recognised from the header (see layout()).
API = "acled-api"


EXPORT_2020 = "acled-export-2020"


ONE_ROW_PER_ACTOR = "acled-one-row-per-actor"


PRE_2019 = "acled-pre-2019"


LAYOUTS = {
    API: "ACLED current (API / data export, 2020s)",
    EXPORT_2020: "ACLED export tool (data_id, event_id_no_cnty, iso3; 2019-2022)",
    ONE_ROW_PER_ACTOR: "ACLED one row per actor (no actor2 columns)",
    PRE_2019: "ACLED before 2019 (no sub_event_type; ALLY_ACTOR_*, GWNO)",
}


RENAME = {
    "ally_actor_1": "assoc_actor_1",
    "ally_actor_2": "assoc_actor_2",
    "geo_precis": "geo_precision",  # shapefile (DBF) exports cut names to 10 characters
}


MAX_NAME = 200


def layout(names: list[str]) -> tuple[str, dict[str, str], tuple[str, ...]]:
    """(layout, header renames, required columns) of a file with these column names."""
    names = [RENAME.get(name, name) for name in names]
    if "sub_event_type" not in names and "event_type" in names:
        found = PRE_2019
    elif "actor2" not in names and "actor1" in names:
        found = ONE_ROW_PER_ACTOR
    elif "data_id" in names or "event_id_no_cnty" in names:
        found = EXPORT_2020
    else:
        found = API
    required = tuple(
        c for c in REQUIRED if not (found == PRE_2019 and c == "sub_event_type")
    )
    return found, RENAME, required


def _event_type(
    check: RowChecker, cells: dict, types: TypeIndex, kinds: tuple[str, str]
) -> EventType | None:
    parent = cells.get("event_type", "").strip()
    sub = cells.get("sub_event_type", "").strip()
    if "sub_event_type" not in cells:  # pre-2019: one column
        slug = acled_codes.OLD_TYPES.get(parent.lower())
        if parent.lower() == "riots/protests":
            slug = "riots" if acled_codes.K.RIOTERS in kinds else "protests"
        found = types.by_slug.get(slug) if slug else None
        if found is None:
            check.error("event_type", f"{parent[:80]!r} is not an ACLED event type")
        return found
    found = types.by_names.get((parent.lower(), sub.lower()))
    if found is None:
        check.error(
            "sub_event_type",
            f"{sub[:80]!r} under {parent[:80]!r} is not in the event-type taxonomy",
        )
    return found


def _actors(
    check: RowChecker, cells: dict, agreement: bool, kinds: tuple[str, str]
) -> list[ActorRecord]:
    kind1, kind2 = kinds
    role1 = EventActor.Role.PARTY if agreement else EventActor.Role.INITIATOR
    targeting = cells.get("civilian_targeting")
    if agreement:
        role2 = EventActor.Role.PARTY
    elif (
        (kind2 == acled_codes.K.CIVILIANS)
        if targeting is None
        else bool(targeting.strip())
    ):
        role2 = EventActor.Role.VICTIM
    else:
        role2 = EventActor.Role.TARGET
    actors = []
    for column, kind, role in (
        ("actor1", kind1, role1),
        ("assoc_actor_1", "", EventActor.Role.SUPPORTING),
        ("actor2", kind2, role2),
        ("assoc_actor_2", "", role2),
    ):
        if column in ("actor1", "actor2"):  # one actor; assoc_* list several
            names = split_list(cells.get(column, ""), separator="\n")
        else:
            names = split_list(cells.get(column, ""))
        for name in names:
            if len(name) > MAX_NAME:
                check.error(column, f"is longer than {MAX_NAME} characters")
                continue
            actors.append(ActorRecord(name=name, role=role, kind=kind or ""))
    return actors


def merged(rows: Iterable[CsvRow], info: ParseInfo) -> Iterator[CsvRow]:
    """One-row-per-actor files: the rows of one event (consecutive, same id) become
    one row whose later rows' actor1 / assoc_actor_1 / inter1 are the second side.
    Streams: holds one event's rows at a time."""
    held: CsvRow | None = None
    for row in rows:
        event_id = row.cells.get("event_id_cnty", "").strip()
        if held is None or held.cells["event_id_cnty"].strip() != event_id:
            if held is not None:
                yield held
            held = row
            continue
        cells = held.cells
        if not cells.get("actor2"):
            cells["actor2"] = row.cells.get("actor1", "")
            cells["inter2"] = row.cells.get("inter1", "")
            cells["assoc_actor_2"] = row.cells.get("assoc_actor_1", "")
        else:
            extra = [row.cells.get("actor1", ""), row.cells.get("assoc_actor_1", "")]
            cells["assoc_actor_2"] = "; ".join(
                v for v in [cells.get("assoc_actor_2", ""), *extra] if v
            )
        info.merged_rows += 1
    if held is not None:
        yield held


# The columns whose distinct values choose the file's date format (DateReader):
# (date column, year column).
DATE_COLUMNS = (("event_date", "year"),)


ID_COLUMN = "event_id_cnty"


def parse(
    rows: list[CsvRow],
    *,
    types: TypeIndex,
    errors: list[RowError],
    info: ParseInfo,
    dates: DateReader,
) -> list[EventRecord]:
    """Records of one batch of rows (merged already: see merged()); a bad row adds
    its errors and gives no record."""
    id_column = "gwno" if info.layout == PRE_2019 else "iso"
    from_id = (
        countries.code_from_gleditsch_ward
        if id_column == "gwno"
        else countries.code_from_iso_numeric
    )
    # Files from ACLED or UCDP have no cm_* columns: skip looking, row after row.
    has_extension = bool(rows) and any(
        c in rows[0].cells for c in extension.ACLED_COLUMNS
    )
    records = []
    for row in rows:
        # R writes NA for an empty cell (files saved by read.csv/readr).
        cells = {k: "" if v == "NA" else v for k, v in row.cells.items()}
        check = RowChecker(row.where, errors)
        raw_id = check.text(
            "event_id_cnty", cells["event_id_cnty"], max_length=80, required=True
        )
        dataset, external_id = split_external_id(DATASET, raw_id)
        if len(external_id) > 64:
            check.error("event_id_cnty", "is longer than 64 characters")
        year = check.integer("year", cells.get("year", ""), minimum=1, maximum=9999)
        date = check.date("event_date", cells["event_date"], dates=dates, year=year)
        if date and year and year != date.year:
            check.error("year", f"{year} does not match event_date {date.isoformat()}")
        precision = acled_codes.TIME_PRECISION["1"]
        if cells.get("time_precision", "").strip():
            precision = check.choice(
                "time_precision", cells["time_precision"], acled_codes.TIME_PRECISION
            )
        kinds = (
            check.choice("inter1", cells.get("inter1", ""), acled_codes.INTER) or "",
            check.choice("inter2", cells.get("inter2", ""), acled_codes.INTER) or "",
        )
        event_type = _event_type(check, cells, types, kinds)
        actors = _actors(
            check,
            cells,
            agreement=bool(event_type and event_type.slug == "agreement"),
            kinds=kinds,
        )
        location = check.text(
            "location", cells["location"], max_length=MAX_NAME, required=True
        )
        lat, lon = check.coordinates(
            "latitude", cells["latitude"], "longitude", cells["longitude"]
        )
        geo_precision = None
        if cells.get("geo_precision", "").strip():
            value = check.choice(
                "geo_precision", cells["geo_precision"], acled_codes.GEO_PRECISION
            )
            geo_precision = int(value) if value else None
        place = PlaceRecord(
            name=location,
            country_code=countries.country_of_row(
                check, cells, id_column=id_column, from_id=from_id, maximum=999
            ),
            admin1=check.text("admin1", cells.get("admin1", ""), max_length=120),
            admin2=check.text("admin2", cells.get("admin2", ""), max_length=120),
            lat=lat,
            lon=lon,
            precision=geo_precision,
        )
        sources = []
        for publisher in split_list(cells.get("source", "")):
            if len(publisher) > MAX_NAME:
                check.error(
                    "source", f"a publisher is longer than {MAX_NAME} characters"
                )
                continue
            sources.append(SourceRecord(publisher=publisher))
        fatalities = check.integer("fatalities", cells.get("fatalities", ""))
        summary = check.text("notes", cells.get("notes", ""), max_length=10_000)
        found = (
            extension.read(cells, check, types, extension.ACLED_COLUMNS)
            if has_extension
            else {}
        )
        if check.failed:
            continue
        record = EventRecord(
            where=row.where,
            dataset=dataset,
            external_id=external_id,
            event_type_id=event_type.pk,
            date_start=date,
            date_precision=precision,
            place=place,
            title=f"{event_type.name} in {location}"[:300],
            summary=summary,
            fatalities_best=fatalities,
            actors=actors,
            sources=sources,
            carried=frozenset(
                {
                    "event_type",
                    "date_start",
                    "date_precision",
                    "place",
                    "summary",
                    "fatalities_best",
                }
            ),  # fmt: skip
        )
        extension.apply(record, found, check)
        if not check.failed:
            records.append(record)
    return records


def _inter(actor: Actor | None) -> int | None:
    return acled_codes.INTER_OUT.get(actor.kind) if actor else None


def export_row(event: Event) -> dict[str, object]:
    """One ACLED row; uses the prefetched place, type, actors and sources."""
    links = list(event.event_actors.all())
    first = [link for link in links if link.role in ("initiator", "party")]
    side1 = first[:1]
    side2_roles = ("target", "victim")
    side2 = [link for link in links if link.role in side2_roles]
    if not side2 and len(first) > 1:  # an agreement's second party
        side2 = first[1:2]
    assoc1 = [
        link for link in links
        if link.role == "supporting" or (link in first and link not in side1 + side2)
    ]  # fmt: skip
    assoc2 = side2[1:]
    actor1 = side1[0].actor if side1 else None
    actor2 = side2[0].actor if side2 else None
    inter1, inter2 = _inter(actor1), _inter(actor2)
    place = event.place
    code = place.country_code or ""
    top = event.event_type.top
    publishers = list(
        dict.fromkeys(link.source.publisher for link in event.event_sources.all())
    )
    return {
        "event_id_cnty": export_id(event, DATASET),
        "event_date": event.date_start.isoformat(),
        "year": event.date_start.year,
        "time_precision": acled_codes.TIME_PRECISION_OUT[event.date_precision],
        "disorder_type": (
            "Political violence"  # ACLED counts mob violence as political violence
            if event.event_type.slug == "mob-violence"
            else acled_codes.DISORDER.get(top.slug, "")
        ),
        "event_type": top.name,
        "sub_event_type": event.event_type.name if event.event_type.parent_id else "",
        "actor1": actor1.name if actor1 else "",
        "assoc_actor_1": "; ".join(link.actor.name for link in assoc1),
        "inter1": inter1,
        "actor2": actor2.name if actor2 else "",
        "assoc_actor_2": "; ".join(link.actor.name for link in assoc2),
        "inter2": inter2 if actor2 else 0,  # ACLED writes 0: no second actor
        "interaction": (
            int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
            if inter1 and inter2
            else (inter1 * 10 if inter1 and not actor2 else None)
        ),
        "civilian_targeting": (
            "Civilian targeting" if any(link.role == "victim" for link in links) else ""
        ),
        "iso": countries.iso_numeric(code) if code else None,
        "region": countries.region(code),
        "country": countries.name(code, dataset=DATASET),
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": "",
        "location": place.name,
        "latitude": f"{place.lat:.5f}" if place.location else "",
        "longitude": f"{place.lon:.5f}" if place.location else "",
        "geo_precision": place.precision or "",
        "source": "; ".join(publishers),
        "source_scale": "",
        "notes": event.summary,
        "fatalities": event.fatalities_best,
        "tags": "",
        "timestamp": int(event.updated_at.timestamp()),
        **extension.export(event),
    }
