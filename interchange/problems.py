"""Problems grouped by kind (one line each, with the first rows that have it) and the
names of the layouts the importer recognises: what --dry-run and a refusal print."""

import re
from collections import defaultdict

from interchange import acled, ucdp
from interchange.records import RowError

FIRST = 5  # rows named per kind of problem
_VALUE = re.compile(r"'[^']*'|\"[^\"]*\"|\b\d+\b")


def layout_label(fmt: str, layout: str) -> str:
    if fmt == "geojson":
        return "ConflictMap GeoJSON FeatureCollection"
    return {**acled.LAYOUTS, **ucdp.LAYOUTS}.get(layout, layout or "unknown")


def kind_of(error: RowError) -> str:
    """The problem without its values: 'event_date: … is not a valid date'."""
    reason = _VALUE.sub("…", error.reason)
    return f"{error.column}: {reason}" if error.column else reason


def grouped(errors: list[RowError]) -> list[str]:
    """One line per kind of problem, most frequent first, naming its first rows and
    one example: a file with one problem on 20,000 rows prints one line."""
    kinds: dict[str, list[RowError]] = defaultdict(list)
    for error in errors:
        kinds[kind_of(error)].append(error)
    lines = []
    for kind, found in sorted(kinds.items(), key=lambda item: -len(item[1])):
        wheres = ", ".join(error.where for error in found[:FIRST])
        more = f" and {len(found) - FIRST} more" if len(found) > FIRST else ""
        rows = "row" if len(found) == 1 else "rows"
        lines.append(f"{len(found)} {rows}: {kind} ({wheres}{more}); e.g. {found[0]}")
    return lines
