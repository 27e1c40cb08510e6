"""Defensive CSV reading (size, encoding, header, cells) and formula-safe CSV writing."""

import csv
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from interchange.records import MAX_CELL_CHARS, RowError

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection,
# https://owasp.org/www-community/attacks/CSV_Injection). On export such a cell gets a
# leading apostrophe; a cell that already starts with apostrophes before one of them
# gets one more, so that import can strip exactly one and restore the original text.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def escape_cell(value: str) -> str:
    return "'" + value if _FORMULA.match(value) else value


def unescape_cell(value: str) -> str:
    return value[1:] if value.startswith("'") and _FORMULA.match(value) else value


# ACLED has 31 columns, UCDP GED 49, our cm_ extension 14: a file with far more is not
# one of ours, and refusing it at the header keeps a hostile header cheap.
MAX_COLUMNS = 500


@dataclass(frozen=True)
class CsvRow:
    line: int  # physical line the record starts on (the header is line 1)
    cells: dict[str, str]
    kind: str = "line"  # "feature" for a GeoJSON feature read as a row

    @property
    def where(self) -> str:
        return f"{self.kind} {self.line}"


def delimiter(header_line: str) -> str:
    """Comma as ACLED and UCDP write; semicolon or tab when a spreadsheet saved it so."""
    if "," in header_line:
        return ","
    for candidate in (";", "\t"):
        if candidate in header_line:
            return candidate
    return ","


def header_names(text: str) -> list[str]:
    """The lower-case column names of a CSV text (its first record), for layout detection."""
    first_line = text.split("\n", 1)[0]
    try:
        header = next(csv.reader(io.StringIO(text), delimiter=delimiter(first_line)))
    except (csv.Error, StopIteration):
        return []
    return [cell.strip().lower() for cell in header]


def read_rows(
    text: str | Iterable[str],
    *,
    required: Sequence[str],
    errors: list[RowError],
    rename: dict[str, str] | None = None,
) -> Iterator[CsvRow]:
    """Rows of a CSV text (or its lines, streamed) as dicts keyed by lower-case header
    names.

    Appends to ``errors`` (and skips the row) for wrong cell counts, NUL bytes, huge
    cells and unparsable records; a bad header stops the file with a single error.
    """
    lines = iter(io.StringIO(text, newline="") if isinstance(text, str) else text)
    first_line = next(lines, "")
    reader = csv.reader(
        itertools.chain([first_line], lines),
        delimiter=delimiter(first_line),
        strict=True,
    )
    try:
        header = next(reader, None)
    except csv.Error as error:
        errors.append(RowError("line 1", "header", f"cannot be read: {error}"))
        return
    if not header or not any(cell.strip() for cell in header):
        errors.append(RowError("line 1", "header", "the file is empty"))
        return
    if len(header) > MAX_COLUMNS:
        errors.append(
            RowError(
                "line 1",
                "header",
                f"has {len(header)} columns, more than the {MAX_COLUMNS} allowed",
            )
        )
        return
    names = [cell.strip().lower() for cell in header]
    names = [(rename or {}).get(name, name) for name in names]  # older layouts
    counts = Counter(names)  # linear: names.count() per name was quadratic
    duplicates = sorted(name for name, n in counts.items() if n > 1 and name)
    if duplicates:
        errors.append(
            RowError("line 1", "header", f"duplicate columns: {', '.join(duplicates)}")
        )
        return
    missing = [name for name in required if name not in names]
    if missing:
        errors.append(
            RowError(
                "line 1", "header", f"missing required columns: {', '.join(missing)}"
            )
        )
        return
    next_line = reader.line_num + 1
    while True:
        line = next_line
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            errors.append(RowError(f"line {line}", "", f"cannot be parsed: {error}"))
            return  # the reader cannot resynchronise after a broken quote
        next_line = reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) != len(names):
            errors.append(
                RowError(
                    f"line {line}",
                    "",
                    f"has {len(cells)} cells, the header has {len(names)}",
                )
            )
            continue
        bad = False
        for name, cell in zip(names, cells, strict=True):
            if "\x00" in cell:
                errors.append(RowError(f"line {line}", name, "contains a NUL byte"))
                bad = True
            elif len(cell) > MAX_CELL_CHARS:
                errors.append(
                    RowError(
                        f"line {line}",
                        name,
                        f"is {len(cell)} characters long (at most {MAX_CELL_CHARS})",
                    )
                )
                bad = True
        if not bad:
            yield CsvRow(
                line=line,
                cells={
                    name: unescape_cell(cell) if cell[:1] == "'" else cell
                    for name, cell in zip(names, cells, strict=True)
                    if name
                },
            )


def write_rows(
    out: io.TextIOBase,
    columns: Sequence[str],
    rows: Iterable[dict[str, object]],
    *,
    text_columns: frozenset[str],
) -> int:
    """Write a header and rows; text columns are formula-escaped. Returns the row count."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column)
            cell = "" if value is None else str(value)
            cells.append(escape_cell(cell) if column in text_columns else cell)
        writer.writerow(cells)
        count += 1
    return count
