"""Import a dataset file atomically (validate everything, then write all or nothing); export.

Over ~400 lines on purpose: the import transaction and its dry run walk the same
rows with the same checks; the per-dataset columns live in acled/ucdp/geojson.
"""

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import (
    DataError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    transaction,
)

from events import selectors
from events.filters import EventFilters
from events.models import Event
from interchange import acled, csvio, geojson, problems, ucdp, writer
from interchange.records import (
    EventRecord,
    ImportFailed,
    ImportRejected,
    ParseInfo,
    RowError,
)
from interchange.taxonomy import type_index

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
    layout: str = ""  # what the header says the file is (acled.LAYOUTS, ucdp.LAYOUTS)
    date_format: str = ""
    merged_rows: int = 0
    countries: Counter = field(default_factory=Counter)
    flagged: int = 0  # events whose published figures are inconsistent (import_note)

    def __str__(self) -> str:
        verb = "would be" if self.dry_run else "were"
        return (
            f"{self.rows} events read: {self.created} {verb} created, {self.updated} "
            f"updated, {self.unchanged} unchanged; new places {self.places_created}, "
            f"actors {self.actors_created}, sources {self.sources_created}."
        )

    def summary(self) -> list[str]:
        """The file as the importer understood it, for --dry-run and the command."""
        lines = [f"Layout: {problems.layout_label(self.format, self.layout)}"]
        if self.date_format:
            lines.append(f"Date format: {self.date_format}")
        if self.merged_rows:
            lines.append(f"Rows merged into their event (one row per actor): "
                         f"{self.merged_rows}")  # fmt: skip
        if self.countries:
            shown = ", ".join(
                f"{c or '?'} {n}" for c, n in self.countries.most_common(12)
            )
            more = len(self.countries) - 12
            lines.append(f"Countries ({len(self.countries)}): {shown}"
                         + (f", and {more} more" if more > 0 else ""))  # fmt: skip
        if self.flagged:
            lines.append(f"Kept as published, flagged on the event: {self.flagged} "
                         "row(s) with inconsistent fatality figures")  # fmt: skip
        lines.append(str(self))
        return lines


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


def _parse(data: bytes, fmt: str, info: ParseInfo) -> list[EventRecord]:
    """Every record of the file, or ImportRejected listing every bad row.

    Repeated ids are found from the raw ids, in the same pass as every other error."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; expected one of {FORMATS}")
    text = _decode(data)
    errors: list[RowError] = []
    types = type_index()
    document = None
    if fmt == "geojson" or (fmt == "ucdp" and text.lstrip().startswith("{")):
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
    if fmt == "geojson":
        info.layout = "geojson"
        records = geojson.parse(document, types=types, errors=errors)
        info.keys = [((r.dataset, r.external_id), r.where) for r in records]
    elif document is not None:  # a UCDP GED release as GeoJSON
        info.layout = ucdp.GED_GEOJSON
        rows = ucdp.rows_from_geojson(document, errors)
        records = ucdp.parse(rows, types=types, errors=errors, info=info)
    else:
        module = CSV_FORMATS[fmt]
        info.layout, rename, required = module.layout(csvio.header_names(text))
        rows = list(
            csvio.read_rows(text, required=required, errors=errors, rename=rename)
        )
        records = module.parse(rows, types=types, errors=errors, info=info)
    seen: dict[tuple[str, str], str] = {}
    for key, where in info.keys:
        if key in seen:
            errors.append(RowError(where, "id", f"{key[1]!r} repeats {seen[key]}"))
        seen.setdefault(key, where)
    if errors:
        raise ImportRejected(_sorted(errors), info=info)
    return records


def _sorted(errors: list[RowError]) -> list[RowError]:
    def order(error: RowError) -> tuple[int, int]:
        kind, _, number = error.where.partition(" ")
        return (0 if kind == "file" else 1, int(number) if number.isdigit() else 0)

    return sorted(errors, key=order)


def _run(
    records: list[EventRecord],
    report: ImportReport,
    status: str,
    progress: writer.Progress | None,
) -> None:
    """Raises ImportRejected for the file's fault (a bad value, a broken constraint)
    and ImportFailed for the system's (the database stopped or refused, the disk is
    full), which no row caused (issue 12)."""
    batches = writer.Writer(report, status, writer.actor_kinds(records))
    try:
        with transaction.atomic():
            try:
                batches.write(records, progress)
            except ValidationError as error:
                raise ImportRejected([RowError("file", "", _message(error))]) from None
            except (IntegrityError, DataError) as error:
                raise ImportRejected([RowError("file", "", str(error))]) from None
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
    progress: writer.Progress | None = None,
) -> ImportReport:
    """Import a whole file or nothing; idempotent on (external_dataset, external_id).

    Raises ImportRejected with every bad row (nothing written). ``status`` applies to
    new events only; existing events keep theirs. Never removes actors or sources.
    """
    if status not in (Event.Status.DRAFT, Event.Status.PUBLISHED):
        raise ValueError(f"Imported events are draft or published, not {status!r}")
    _check_size(len(data))
    info = ParseInfo()
    records = _parse(data, fmt, info)
    report = ImportReport(
        format=fmt,
        rows=len(records),
        dry_run=dry_run,
        layout=info.layout,
        date_format=info.date_format,
        merged_rows=info.merged_rows,
        countries=Counter(r.place.country_code for r in records),
        flagged=sum(1 for r in records if r.note),
    )
    _run(records, report, status, progress)
    return report


def event_import_file(
    *,
    path: Path | str,
    fmt: str,
    status: str = Event.Status.DRAFT,
    dry_run: bool = False,
    progress: writer.Progress | None = None,
) -> ImportReport:
    """event_import_bytes for a file on disk; its size is checked before reading."""
    path = Path(path)
    _check_size(path.stat().st_size)
    return event_import_bytes(
        data=path.read_bytes(),
        fmt=fmt,
        status=status,
        dry_run=dry_run,
        progress=progress,
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
