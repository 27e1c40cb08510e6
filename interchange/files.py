"""Import a dataset file atomically (all rows or nothing, every bad row named); export.

The rows stream through one transaction in batches (interchange.stream): written while
the file is good, rolled back at the end when any row is bad, so memory is bounded by
the batch. The per-dataset columns live in acled/ucdp/geojson.
"""

import io
import json
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
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
from interchange import (
    acled,
    csvio,
    geojson,
    jsonstream,
    problems,
    stream,
    stream_threads,
    ucdp,
    writer,
)
from interchange.records import (
    DateReader,
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


def _is_json(source: IO[bytes]) -> bool:
    source.seek(0)
    head = source.read(4096).lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()
    source.seek(0)
    return head.startswith(b"{")


DATA_SUFFIXES = (".csv", ".geojson", ".json")


def _unzipped(source: IO[bytes]) -> IO[bytes]:
    """The data file of a zip archive (UCDP publishes its releases zipped:
    ged251-csv.zip holds GEDEvent_v25_1.csv); any other file as it is."""
    source.seek(0)
    head = source.read(4)
    source.seek(0)
    if head != b"PK\x03\x04":
        return source
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise ImportRejected(
            [RowError("file", "", "is a damaged zip archive")]
        ) from None
    members = [
        m
        for m in archive.infolist()
        if not m.is_dir()
        and not m.filename.startswith("__MACOSX/")
        and m.filename.lower().endswith(DATA_SUFFIXES)
    ]
    if len(members) != 1:
        names = ", ".join(m.filename for m in members) or "none"
        raise ImportRejected([RowError("file", "", (
            f"is a zip archive with {len(members)} data files ({names}); it must hold "
            "exactly one .csv, .geojson or .json file"))])  # fmt: skip
    _check_size(members[0].file_size)
    try:
        return archive.open(members[0])
    except (RuntimeError, NotImplementedError) as error:  # encrypted, unknown method
        raise ImportRejected(
            [RowError("file", "", f"{members[0].filename} cannot be read: {error}")]
        ) from None


def _ged_geojson(source: IO[bytes], module) -> tuple[int, DateReader, stream.Rows]:
    """A GED GeoJSON file's feature count and date format (a first reading), and its
    rows, read again each time they are asked for."""
    errors: list[RowError] = []
    total, samples = 0, set()
    for row in ucdp.rows_from_features(jsonstream.features(source, errors), errors):
        total += 1
        samples |= stream.samples_of([row], module.DATE_COLUMNS)
    if errors:
        raise ImportRejected(
            stream.sort_errors(errors), info=ParseInfo(layout=ucdp.GED_GEOJSON)
        )

    def read(errors: list[RowError], info: ParseInfo) -> Iterator:
        return ucdp.rows_from_features(jsonstream.features(source, errors), errors)

    return total, DateReader(samples), read


def _run(
    work: Callable[[writer.Writer], None],
    report: ImportReport,
    status: str,
    kinds: dict[str, str],
) -> None:
    """Raises ImportRejected for the file's fault (a bad value, a broken constraint)
    and ImportFailed for the system's (the database stopped or refused, the disk is
    full), which no row caused (issue 12)."""
    batches = writer.Writer(report, status, kinds)
    try:
        with stream_threads.few_collections(), transaction.atomic():
            try:
                work(batches)
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


def event_import_stream(
    *,
    source: IO[bytes],
    fmt: str,
    status: str = Event.Status.DRAFT,
    dry_run: bool = False,
    progress: writer.Progress | None = None,
) -> ImportReport:
    """Import a whole file or nothing; idempotent on (external_dataset, external_id).

    ``source``: the file's bytes, seekable (a CSV file is read twice, line by line,
    so memory is bounded by the batch, not the file; a GeoJSON file feature by
    feature, interchange.jsonstream). Raises
    ImportRejected with every bad row (nothing written). ``status`` applies to new
    events only; existing events keep theirs. Never removes actors or sources.
    """
    if status not in (Event.Status.DRAFT, Event.Status.PUBLISHED):
        raise ValueError(f"Imported events are draft or published, not {status!r}")
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; expected one of {FORMATS}")
    info = ParseInfo()
    report = ImportReport(format=fmt, dry_run=dry_run)
    source = _unzipped(source)
    if fmt == "geojson":
        info.layout = report.layout = "geojson"
        features = jsonstream.FeatureImporter(source, types=type_index(), info=info)
        total = jsonstream.count(source) if progress else 0
        _run(
            lambda batches: features.run(batches, report, total, progress),
            report,
            status,
            {},
        )
        return report
    module = CSV_FORMATS[fmt]
    if fmt == "ucdp" and _is_json(source):  # a UCDP GED release as GeoJSON
        info.layout = ucdp.GED_GEOJSON
        total, dates, read = _ged_geojson(source, module)
        salt = ""
    else:
        csv_file = stream.CsvFile(source, module, info)
        total, dates, read = csv_file.total, csv_file.dates, csv_file.rows
        salt = "\x1e".join(csv_file.names)
    importer = stream.Importer(
        rows=read,
        module=module,
        info=info,
        dates=dates,
        types=type_index(),
        salt=f"{stream.HASH_SCHEME}\x1e{fmt}\x1e{info.layout}\x1e{dates.format}"
        f"\x1e{salt}",
    )
    report.layout = info.layout
    try:
        _run(
            lambda batches: importer.run(batches, report, total, progress),
            report,
            status,
            {},
        )
    finally:
        report.date_format = info.date_format
        report.merged_rows = info.merged_rows
    return report


def event_import_bytes(
    *,
    data: bytes,
    fmt: str,
    status: str = Event.Status.DRAFT,
    dry_run: bool = False,
    progress: writer.Progress | None = None,
) -> ImportReport:
    """event_import_stream for a file already in memory."""
    _check_size(len(data))
    return event_import_stream(
        source=io.BytesIO(data),
        fmt=fmt,
        status=status,
        dry_run=dry_run,
        progress=progress,
    )


def event_import_file(
    *,
    path: Path | str,
    fmt: str,
    status: str = Event.Status.DRAFT,
    dry_run: bool = False,
    progress: writer.Progress | None = None,
) -> ImportReport:
    """event_import_stream for a file on disk, read as needed; its size is checked
    before reading."""
    path = Path(path)
    _check_size(path.stat().st_size)
    with path.open("rb") as source:
        return event_import_stream(
            source=source,
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
