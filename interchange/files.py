"""Import a dataset file atomically (validate everything, then write all or nothing); export.

Over ~400 lines on purpose: the import transaction and its dry run walk the same
rows with the same checks; the per-dataset columns live in acled/ucdp/geojson.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import (
    DataError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    transaction,
)
from django.utils import timezone

from events import selectors
from events import services as event_services
from events.filters import EventFilters, parse_id
from events.models import Actor, Event, EventSource, Source
from interchange import acled, csvio, geojson, ucdp
from interchange.records import (
    ActorRecord,
    EventRecord,
    ImportFailed,
    ImportRejected,
    PlaceRecord,
    RowError,
    SourceRecord,
)
from interchange.taxonomy import type_index
from places.models import Place

FORMATS = ("acled", "ucdp", "geojson")
CSV_FORMATS = {"acled": acled, "ucdp": ucdp}


@dataclass
class ImportReport:
    format: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    places_created: int = 0
    actors_created: int = 0
    sources_created: int = 0
    dry_run: bool = False

    def __str__(self) -> str:
        verb = "would be" if self.dry_run else "were"
        return (
            f"{self.rows} events read: {self.created} {verb} created, {self.updated} "
            f"updated, {self.unchanged} unchanged; new places {self.places_created}, "
            f"actors {self.actors_created}, sources {self.sources_created}."
        )


def _check_size(size: int) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportRejected(
            [RowError("file", "", f"is {size} bytes, more than the {limit} allowed")]
        )


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRejected(
            [
                RowError(
                    f"line {line}",
                    "",
                    f"is not valid UTF-8 (byte 0x{data[error.start]:02x}); "
                    "save the file as UTF-8",
                )
            ]
        ) from None


def _parse(data: bytes, fmt: str) -> list[EventRecord]:
    """Every record of the file, or ImportRejected listing every bad row."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; expected one of {FORMATS}")
    text = _decode(data)
    errors: list[RowError] = []
    types = type_index()
    if fmt == "geojson":
        try:
            document = json.loads(text)
        except RecursionError:  # "[[[[…": the decoder recurses once per level
            raise ImportRejected(
                [RowError("file", "", "is nested too deeply to be a GeoJSON file")]
            ) from None
        except json.JSONDecodeError as error:
            raise ImportRejected(
                [
                    RowError(
                        f"line {error.lineno}", "", f"is not valid JSON: {error.msg}"
                    )
                ]
            ) from None
        records = geojson.parse(document, types=types, errors=errors)
    else:
        module = CSV_FORMATS[fmt]
        rows = list(csvio.read_rows(text, required=module.REQUIRED, errors=errors))
        records = module.parse(rows, types=types, errors=errors)
    seen: dict[tuple[str, str], str] = {}
    for record in records:
        key = (record.dataset, record.external_id)
        if key in seen:
            errors.append(
                RowError(
                    record.where, "id", f"{record.external_id!r} repeats {seen[key]}"
                )
            )
        seen.setdefault(key, record.where)
    if errors:
        raise ImportRejected(_sorted(errors))
    return records


def _sorted(errors: list[RowError]) -> list[RowError]:
    def order(error: RowError) -> tuple[int, int]:
        kind, _, number = error.where.partition(" ")
        return (0 if kind == "file" else 1, int(number) if number.isdigit() else 0)

    return sorted(errors, key=order)


class _Writer:
    """Writes validated records; caches places, actors and sources across rows."""

    def __init__(self, report: ImportReport, status: str):
        self.report = report
        self.status = status
        self.places: dict[tuple[str, str, str], Place] = {}
        self.actors: dict[str, Actor] = {}
        for actor in Actor.objects.all():
            for name in [*actor.aliases, actor.name]:  # the canonical name wins
                if isinstance(name, str):
                    self.actors[name.strip().lower()] = actor

    def place(self, record: PlaceRecord, dataset: str) -> Place:
        key = (record.name, record.country_code, record.admin1)
        if key in self.places:
            return self.places[key]
        place = Place.objects.filter(
            name=record.name, country_code=record.country_code, admin1=record.admin1
        ).first()
        if record.lat is None:
            if place is None:
                from places import (
                    services as place_services,  # geocoding engineer's service
                )

                place = place_services.place_get_or_create(
                    name=record.name,
                    country_code=record.country_code,
                    admin1=record.admin1,
                    admin2=record.admin2,
                    feature_type=record.feature_type,
                    name_ar=record.name_ar,
                )  # geocoded after commit
                self.report.places_created += 1
        elif place is None:
            place = Place(
                name=record.name,
                name_ar=record.name_ar,
                country_code=record.country_code,
                admin1=record.admin1,
                admin2=record.admin2,
                feature_type=record.feature_type,
            )
            self._locate(place, record, dataset)
            place.full_clean()
            place.save()
            self.report.places_created += 1
        elif place.location is None and not place.is_manual:
            # A place still waiting for the geocoder takes the dataset's point.
            self._locate(place, record, dataset)
            place.full_clean()
            place.save()
        self.places[key] = place
        return place

    @staticmethod
    def _locate(place: Place, record: PlaceRecord, dataset: str) -> None:
        place.location = Point(record.lon, record.lat, srid=4326)  # GEOS: x=lon, y=lat
        place.precision = record.precision
        place.provenance = Place.Provenance.IMPORT
        place.geocode_status = Place.GeocodeStatus.DONE
        place.geocode_label = f"{dataset} coordinates"
        place.geocoded_at = timezone.now()

    def actor(self, record: ActorRecord) -> Actor:
        key = record.name.strip().lower()
        if key not in self.actors:
            actor = Actor(name=record.name.strip(), kind=record.kind)
            actor.full_clean()
            actor.save()
            self.report.actors_created += 1
            self.actors[key] = actor
        return self.actors[key]

    def source(self, record: SourceRecord) -> Source:
        source = Source.objects.filter(
            publisher=record.publisher, title=record.title
        ).first()
        if source is None:
            source = Source(
                publisher=record.publisher,
                title=record.title,
                url=record.url,
                published_at=record.published_at,
                language=record.language or "en",
            )
            source.full_clean()
            source.save()
            self.report.sources_created += 1
        return source

    def event(self, record: EventRecord) -> None:
        place = self.place(record.place, record.dataset)
        event = _existing(record)
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
        }
        if event is None:
            event = Event(
                status=self.status,
                external_dataset=record.dataset,
                external_id=record.external_id,
                **values,
            )
            event.full_clean()
            event.save()
            self._links(event, record)
            self.report.created += 1
            return
        changed = [
            name
            for name, value in values.items()
            if name.removesuffix("_id") in record.carried
            and getattr(event, name) != value
        ]
        for name in changed:
            setattr(event, name, values[name])
        if changed:
            event.full_clean()
            event.version += 1  # an admin form opened before now is stale
            event.save()
        if self._links(event, record) or changed:
            self.report.updated += 1
        else:
            self.report.unchanged += 1

    def _links(self, event: Event, record: EventRecord) -> bool:
        """Add the record's actors and sources missing from the event; True if any.

        Never removes a link or changes a role or stance. An actor already on the
        event (in any role) is not added again, nor is a source already cited when
        the format has no stances, nor a bare publisher (ACLED) the event already
        cites with a title: CSV formats are coarser than curated data.
        """
        added = False
        linked_actors = set(event.event_actors.values_list("actor_id", "role"))
        linked_actor_ids = {actor_id for actor_id, _ in linked_actors}
        for actor_record in record.actors:
            actor = self.actor(actor_record)
            if (actor.pk, actor_record.role) in linked_actors:
                continue
            if actor.pk in linked_actor_ids and not record.roles_exact:
                continue
            event_services.event_actor_add(
                event=event, actor=actor, role=actor_record.role
            )
            linked_actors.add((actor.pk, actor_record.role))
            linked_actor_ids.add(actor.pk)
            added = True
        cited = list(
            event.event_sources.values_list(
                "source_id", "source__publisher", "stance", "speaker"
            )
        )
        for source_record in record.sources:
            if not source_record.title and any(
                publisher == source_record.publisher for _, publisher, _, _ in cited
            ):
                continue
            source = self.source(source_record)
            stance = source_record.stance
            if stance is None:
                if any(source_id == source.pk for source_id, _, _, _ in cited):
                    continue
                stance = EventSource.Stance.REPORTS
            key = (source.pk, source.publisher, stance, source_record.speaker)
            if key in cited:
                continue
            event_services.event_source_add(
                event=event,
                source=source,
                stance=stance,
                speaker=source_record.speaker,
                quote=source_record.quote,
            )
            cited.append(key)
            added = True
        return added


def _existing(record: EventRecord) -> Event | None:
    """The event a record updates: same (dataset, id); for 'conflictmap:<pk>' ids
    written by our own export, the hand-made event with that pk if it still has the
    same start date and place name (so another instance's export cannot hit it)."""
    event = Event.objects.filter(
        external_dataset=record.dataset, external_id=record.external_id
    ).first()
    if (
        event is None
        and record.dataset == "conflictmap"
        and parse_id(record.external_id) is not None
    ):
        event = Event.objects.filter(
            pk=parse_id(record.external_id),
            external_id="",
            date_start=record.date_start,
            place__name=record.place.name,
        ).first()
    return event


def _run(records: list[EventRecord], report: ImportReport, status: str) -> None:
    """Raises ImportRejected for a row's fault (bad value, broken constraint) and
    ImportFailed for the system's (OperationalError: the database stopped or refused,
    the disk is full), which no row caused (issue 12)."""
    writer = _Writer(report, status)
    try:
        with transaction.atomic():
            for record in records:
                try:
                    with transaction.atomic():  # savepoint: the error names its row
                        writer.event(record)
                except ValidationError as error:
                    raise ImportRejected(
                        [RowError(record.where, "", _message(error))]
                    ) from None
                except (IntegrityError, DataError) as error:
                    raise ImportRejected(
                        [RowError(record.where, "", str(error))]
                    ) from None
            if report.dry_run:
                transaction.set_rollback(True)  # everything checked, nothing kept
    except (OperationalError, InterfaceError) as error:  # also at the commit
        raise ImportFailed(_system_fault(error)) from error


def _system_fault(error: Exception) -> str:
    detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
    text = detail.lower()
    if "full" in text or "no space" in text:
        what = "The disk is full"
        then = "free some space and run the same import again"
    else:
        what = "The database stopped or refused the import"
        then = "run the same import again once it is back"
    return f"{what} ({detail}): nothing was imported; {then}."


def _message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def event_import_bytes(
    *,
    data: bytes,
    fmt: str,
    status: str = Event.Status.DRAFT,
    dry_run: bool = False,
) -> ImportReport:
    """Import a whole file or nothing; idempotent on (external_dataset, external_id).

    Raises ImportRejected with every bad row (nothing written), ImportFailed when the
    database or the disk failed (nothing written either). ``status`` applies to
    new events only; existing events keep theirs. Never removes actors or sources.
    """
    if status not in (Event.Status.DRAFT, Event.Status.PUBLISHED):
        raise ValueError(f"Imported events are draft or published, not {status!r}")
    _check_size(len(data))
    records = _parse(data, fmt)
    report = ImportReport(format=fmt, rows=len(records), dry_run=dry_run)
    _run(records, report, status)
    return report


def event_import_file(
    *,
    path: Path | str,
    fmt: str,
    status: str = Event.Status.DRAFT,
    dry_run: bool = False,
) -> ImportReport:
    """event_import_bytes for a file on disk; its size is checked before reading."""
    path = Path(path)
    _check_size(path.stat().st_size)
    return event_import_bytes(
        data=path.read_bytes(), fmt=fmt, status=status, dry_run=dry_run
    )


def _events_for_export(
    filters: EventFilters | None, limit: int | None = None
) -> Iterator[Event]:
    events = selectors.event_list_public_with_sources(filters=filters)
    if limit is not None:
        events = events[:limit]
    return events.iterator(chunk_size=500)


def event_export(
    *,
    fmt: str,
    out: IO[str],
    filters: EventFilters | None = None,
    limit: int | None = None,
) -> int:
    """Write the public events matching ``filters`` (newest ``limit`` when given) to
    ``out``; returns the count.

    Only published, located events (selectors.event_list_public). CSV text cells that
    a spreadsheet would run as a formula are prefixed with an apostrophe.
    """
    events = _events_for_export(filters, limit)
    if fmt == "geojson":
        features = [geojson.export_feature(event) for event in events]
        json.dump(
            {"type": "FeatureCollection", "features": features, "count": len(features)},
            out,
            ensure_ascii=False,
            indent=1,
        )
        out.write("\n")
        return len(features)
    if fmt not in CSV_FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; expected one of {FORMATS}")
    module = CSV_FORMATS[fmt]
    return csvio.write_rows(
        out,
        module.COLUMNS,
        (module.export_row(event) for event in events),
        text_columns=module.TEXT_COLUMNS,
    )


def event_export_file(
    *, fmt: str, path: Path | str, filters: EventFilters | None = None
) -> int:
    """event_export to a file, written to a temporary name and renamed when complete.

    CSV files start with a UTF-8 byte-order mark so that spreadsheets read Arabic.
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    encoding = "utf-8" if fmt == "geojson" else "utf-8-sig"
    try:
        with partial.open("w", encoding=encoding, newline="") as out:
            count = event_export(fmt=fmt, out=out, filters=filters)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count
