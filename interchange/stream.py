"""Stream a dataset's rows through the import in batches: memory bounded by the batch.

A CSV file is read twice, line by line: once for its row count and the distinct dates
that choose its date format (records.DateReader), then batch by batch. Each batch's
existing events are found with one query; a row whose content hash (with the event's
version: no edit since) is the one stored on its event at the last import is unchanged,
and is neither parsed nor written. The other rows are parsed, checked and written.
Repeated ids are found from a 64-bit hash per id (8 bytes a row), compared once at the
end; only when one repeats is the file read again to name the lines.

The read-ahead thread and the garbage collector's setting are stream_threads.
"""

import contextlib
import csv
import hashlib
import io
import itertools
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import IO

import numpy as np

from interchange import acled, csvio, stream_threads, ucdp, writer
from interchange.records import (
    DateReader,
    ImportRejected,
    ParseInfo,
    RowError,
    year_of,
)
from interchange.taxonomy import TypeIndex, split_external_id

# Part of every row hash: bump it when a parser reads a row differently, so that
# a re-import parses every row again instead of skipping it as unchanged.
HASH_SCHEME = "2"  # 2: GED's "publisher,date,headline" sources


Rows = Callable[[list[RowError], ParseInfo], Iterator[csvio.CsvRow]]


def text_lines(stream: IO[bytes]) -> Iterator[str]:
    """The lines of a UTF-8 file (a byte-order mark dropped), read as needed.

    Raises ImportRejected naming the first line that is not UTF-8."""
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield from text
    except UnicodeDecodeError:
        raise not_utf8(stream) from None
    finally:
        with contextlib.suppress(ValueError):  # closed by its owner already
            text.detach()  # else closing the wrapper would close the caller's stream


def not_utf8(stream: IO[bytes]) -> ImportRejected:
    stream.seek(0)
    for number, line in enumerate(stream, start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            byte = line[error.start]
            return ImportRejected(
                [
                    RowError(
                        f"line {number}",
                        "",
                        f"is not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8",
                    )
                ]
            )
    return ImportRejected([RowError("file", "", "is not valid UTF-8")])


class CsvFile:
    """A dataset CSV file: its layout, row count and date format (the first reading),
    and its rows, read again each time they are asked for."""

    def __init__(self, stream: IO[bytes], module, info: ParseInfo) -> None:
        self.stream = stream
        self.module = module
        lines = text_lines(stream)
        first = next(lines, "")
        raw = csvio.header_names(first)
        info.layout, self.rename, self.required = module.layout(raw)
        self.layout = info.layout
        names = [self.rename.get(name, name) for name in raw]
        self.names = names
        missing = [name for name in self.required if name not in names]
        # other header faults (too many columns, repeated ones) are csvio's to report
        plain = len(names) <= csvio.MAX_COLUMNS and len(set(names)) == len(names)
        if missing and first.strip() and plain:
            info.layout = ""  # not this dataset's layout at all
            reason = f"missing required columns: {', '.join(missing)}"
            raise ImportRejected(
                [RowError("line 1", "header", reason + _other_dataset(raw, module))],
                info=info,
            )
        self.total, samples = _survey(first, lines, names, module.DATE_COLUMNS)
        self.dates = DateReader(samples)

    def rows(self, errors: list[RowError], info: ParseInfo) -> Iterator[csvio.CsvRow]:
        rows = csvio.read_rows(
            text_lines(self.stream),
            required=self.required,
            errors=errors,
            rename=self.rename,
        )
        if self.layout == acled.ONE_ROW_PER_ACTOR:
            return acled.merged(rows, info)
        return rows


def _other_dataset(names: list[str], module) -> str:
    """'; these are UCDP GED columns: import the file as ucdp' when they are."""
    for other, label in ((acled, "ACLED"), (ucdp, "UCDP GED")):
        _, rename, required = other.layout(names)
        renamed = {rename.get(name, name) for name in names}
        if other is not module and all(name in renamed for name in required):
            return f"; these are {label} columns: import the file as {other.DATASET}"
    return ""


def _survey(
    first: str,
    lines: Iterator[str],
    names: list[str],
    date_columns: tuple[tuple[str, str | None], ...],
) -> tuple[int, set[tuple[str, int | None]]]:
    """Rows and distinct (date, year) pairs of a CSV file, read with the csv module
    alone (the cells are checked on the second reading)."""
    where = [
        (names.index(date), names.index(year) if year in names else None)
        for date, year in date_columns
        if date in names
    ]
    reader = csv.reader(
        itertools.chain([first], lines), delimiter=csvio.delimiter(first)
    )
    count, samples = 0, set()
    try:
        next(reader, None)  # the header
        for cells in reader:
            if len(cells) != len(names):
                continue  # an error the second reading reports
            count += 1
            for date, year in where:
                value = cells[date].strip()
                if value:
                    samples.add(
                        (value, year_of(cells[year]) if year is not None else None)
                    )
    except csv.Error:
        pass  # reported with its line by the second reading
    return count, samples


def samples_of(
    rows: Iterable[csvio.CsvRow], date_columns: tuple[tuple[str, str | None], ...]
) -> set[tuple[str, int | None]]:
    """Distinct (date, year) pairs of rows already in memory (GED as GeoJSON)."""
    samples = set()
    for row in rows:
        for date, year in date_columns:
            value = row.cells.get(date, "").strip()
            if value:
                samples.add((value, year_of(row.cells.get(year, "")) if year else None))
    return samples


class Importer:
    """Reads rows in batches, skips the unchanged, parses and writes the others.

    Writing stops at the first error; reading goes on to the end, so that every bad
    row is reported, then ImportRejected rolls the transaction back."""

    def __init__(
        self,
        *,
        rows: Rows,
        module,
        info: ParseInfo,
        dates: DateReader,
        types: TypeIndex,
        salt: str,
    ) -> None:
        self.rows = rows
        self.module = module
        self.info = info
        self.dates = dates
        self.types = types
        self.salt = salt.encode()
        self.errors: list[RowError] = []
        self.ids = array("q")  # hash((dataset, id)) of every row: 8 bytes each
        # Parse whole batches in the reading thread (ahead()) once most rows of the
        # last batch were to be written (a first import); a re-import parses only
        # its changed rows, here.
        self.parse_ahead = False

    def key(self, row: csvio.CsvRow) -> tuple[str, str] | None:
        value = row.cells.get(self.module.ID_COLUMN, "")
        raw = "" if value == "NA" else value.strip()
        dataset, external_id = split_external_id(self.module.DATASET, raw)
        return (dataset, external_id) if external_id else None

    def digest(self, row: csvio.CsvRow) -> str:
        content = "\x1f".join(row.cells.values()).encode("utf-8", "surrogatepass")
        return hashlib.blake2b(self.salt + content, digest_size=12).hexdigest()

    def run(
        self,
        batches: writer.Writer,
        report,
        total: int,
        progress: writer.Progress | None,
    ) -> None:
        self.info.date_format = self.dates.label
        rows = self.rows(self.errors, self.info)
        done = 0
        with batches.later.running():  # PostgreSQL: a batch written during the next
            for batch in stream_threads.ahead(self._prepared(rows)):
                self._chunk(batch, batches, report)
                done += len(batch.keyed)
                if progress:
                    progress(min(done + self.info.merged_rows, total), total)
        self.errors.extend(self._repeats())
        if self.errors:
            raise ImportRejected(sort_errors(self.errors), info=self.info)

    def _prepared(self, rows: Iterator[csvio.CsvRow]) -> Iterator["_Batch"]:
        """The batches keyed and hashed, and parsed while batches have rows to write
        (run in a thread by ahead(): no database here)."""
        while chunk := list(itertools.islice(rows, writer.BATCH)):
            keyed = [(row, self.key(row), self.digest(row)) for row in chunk]
            parsed = None
            if self.parse_ahead:
                errors: list[RowError] = []
                records = self.module.parse(
                    chunk,
                    types=self.types,
                    errors=errors,
                    info=self.info,
                    dates=self.dates,
                )
                parsed = (records, errors)
            yield _Batch(keyed, parsed)

    def _chunk(self, batch: "_Batch", batches: writer.Writer, report) -> None:
        keyed = batch.keyed
        for _, key, _ in keyed:
            if key is not None:
                self.ids.append(hash(key))
        existing = batches.existing(key for _, key, _ in keyed if key is not None)
        fresh, digests, places, skipped = [], {}, [], set()
        for row, key, digest in keyed:
            old = existing.get(key) if key is not None else None
            if old is not None and old.import_hash == f"{old.version}:{digest}":
                report.rows += 1  # as imported, not edited since: nothing to do
                report.unchanged += 1
                report.flagged += bool(old.import_note)
                places.append(old.place_id)
                skipped.add(row.where)
                continue
            fresh.append(row)
            digests[row.where] = digest
        if places:
            codes = batches.country_codes(set(places))
            report.countries.update(codes.get(pk) or "" for pk in places)
        self.parse_ahead = len(fresh) * 2 > len(keyed)  # the next batches likely alike
        if not fresh:
            return
        if batch.parsed is not None:  # parsed whole: keep what the rows to write gave
            parsed, errors = batch.parsed
            records = [r for r in parsed if r.where not in skipped]
            self.errors.extend(e for e in errors if e.where not in skipped)
        else:
            records = self.module.parse(
                fresh,
                types=self.types,
                errors=self.errors,
                info=self.info,
                dates=self.dates,
            )
        report.rows += len(records)
        for record in records:
            record.digest = digests[record.where]
            report.countries[record.place.country_code] += 1
            report.flagged += bool(record.note)
        keys = [(r.dataset, r.external_id) for r in records]
        if (
            self.errors
            or len(set(keys)) < len(keys)
            # an id of the batch before, not written yet, so not looked up: repeated
            or not batches.pending_keys.isdisjoint(keys)
        ):
            return  # the file is refused: read on for its other errors, write no more
        for name, kind in writer.actor_kinds(records).items():
            batches.kinds.setdefault(name, kind)
        batches.write_batch(records, existing)

    def _repeats(self) -> list[RowError]:
        """'line 9: id: 'X' repeats line 2' for every repeated id; reads the rows
        again only when some 64-bit id hash repeats."""
        hashes = np.sort(np.frombuffer(self.ids, dtype=np.int64))
        repeated = set(hashes[1:][hashes[1:] == hashes[:-1]].tolist())
        if not repeated:
            return []
        errors, seen = [], {}
        for row in self.rows([], ParseInfo(layout=self.info.layout)):
            key = self.key(row)
            if key is None or hash(key) not in repeated:
                continue
            if key in seen:
                errors.append(
                    RowError(row.where, "id", f"{key[1]!r} repeats {seen[key]}")
                )
            seen.setdefault(key, row.where)
        return errors


class _Batch:
    """Rows with their (dataset, id) key and content hash; and, when parsed ahead,
    every row's records and errors (kept only for the rows that are written)."""

    __slots__ = ("keyed", "parsed")

    def __init__(self, keyed, parsed) -> None:
        self.keyed: list[tuple[csvio.CsvRow, tuple[str, str] | None, str]] = keyed
        self.parsed: tuple[list, list[RowError]] | None = parsed


def sort_errors(errors: list[RowError]) -> list[RowError]:
    """File-wide errors first, then by line."""

    def order(error: RowError) -> tuple[int, int]:
        kind, _, number = error.where.partition(" ")
        return (0 if kind == "file" else 1, int(number) if number.isdigit() else 0)

    return sorted(errors, key=order)
