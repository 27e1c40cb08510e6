"""Read a GeoJSON FeatureCollection feature by feature: memory bounded by one feature.

ijson's parser events (its C backend, yajl2_c) are turned into one feature at a time,
so a file of millions of features is never held whole. The nesting depth is counted
here and refused past MAX_DEPTH (a "[[[[…" file used to crash the whole-file decoder).
A file that is not JSON is refused with the line of its first fault (found again with
ijson's pure-Python backend, which reports the byte offset).
"""

import itertools
import re
from array import array
from collections.abc import Iterator
from typing import IO

import ijson
import numpy as np
from ijson.backends import python as slow_backend
from ijson.common import JSONError, ObjectBuilder

from interchange import geojson, writer
from interchange.records import ImportRejected, RowError
from interchange.stream import not_utf8, sort_errors

# A GeoJSON feature nests a handful of levels (FeatureCollection > features > Feature >
# properties > place/actors > item); the old whole-file decoder accepted ~900.
MAX_DEPTH = 512
_OPEN = frozenset({"start_map", "start_array"})
_CLOSE = frozenset({"end_map", "end_array"})
_BOM = b"\xef\xbb\xbf"


def _refused(message: str, where: str = "file") -> ImportRejected:
    return ImportRejected([RowError(where, "", message)])


def _start(source: IO[bytes]) -> None:
    source.seek(0)
    if source.read(3) != _BOM:
        source.seek(0)


def _events(source: IO[bytes]) -> Iterator[tuple[str, object]]:
    """ijson's events with the depth counted; JSON and UTF-8 faults become
    ImportRejected naming their line."""
    _start(source)
    depth = 0
    try:
        for event, value in ijson.basic_parse(source, use_float=True):
            if event in _OPEN:
                depth += 1
                if depth > MAX_DEPTH:
                    raise _refused("is nested too deeply to be a GeoJSON file")
            elif event in _CLOSE:
                depth -= 1
            yield event, value
    except (JSONError, UnicodeDecodeError) as error:
        raise _located(source, error) from None


def _located(source: IO[bytes], error: Exception) -> ImportRejected:
    """The first fault's line (read again with the pure-Python parser, which says
    where); a byte that is not UTF-8 is named as such."""
    utf8 = not_utf8(source)
    if utf8.errors[0].where != "file":
        return utf8
    _start(source)
    if not source.read(4096).strip():
        return _refused("is empty, not a GeoJSON FeatureCollection")
    first = str(error).strip().splitlines()[0] if str(error).strip() else "bad JSON"
    _start(source)
    offset = None
    try:
        for _ in slow_backend.basic_parse(source):
            pass
    except JSONError as slow:
        found = re.search(r"at (\d+)$", str(slow))
        offset = int(found.group(1)) if found else None
        first = str(slow)
    except Exception:  # noqa: BLE001,S110 - the fast parser's message stands
        pass
    if offset is None:
        return _refused(f"is not valid JSON: {first}")
    _start(source)
    before = source.read(offset)
    line = before.count(b"\n") + 1
    return _refused(f"is not valid JSON: {first}", f"line {line}")


def _value(events: Iterator[tuple[str, object]], event: str, value: object) -> object:
    """The whole value that starts with this event."""
    if event not in _OPEN:
        return value
    builder = ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for event, value in events:
        builder.event(event, value)
        if event in _OPEN:
            depth += 1
        elif event in _CLOSE:
            depth -= 1
            if depth == 0:
                break
    return builder.value


def _skip(events: Iterator[tuple[str, object]], event: str) -> None:
    if event not in _OPEN:
        return
    depth = 1
    for event, _ in events:
        if event in _OPEN:
            depth += 1
        elif event in _CLOSE:
            depth -= 1
            if depth == 0:
                return


def features(
    source: IO[bytes], errors: list[RowError], *, build: bool = True
) -> Iterator[object]:
    """Each item of the top-level "features" array, as it is read (None for each when
    not ``build``: counting).

    Raises ImportRejected for a file that is not JSON (or nests too deeply); appends to
    ``errors`` when the document is not a FeatureCollection with a features list
    (known only at its end: the importer's transaction is rolled back then)."""
    events = _events(source)
    first = next(events)  # an empty file is a JSON fault
    if first[0] != "start_map":
        for _ in events:  # a JSON or depth fault is reported before the shape
            pass
        errors.append(RowError("file", "type", "must be a GeoJSON FeatureCollection"))
        return
    kind, listed = None, False
    for event, key in events:
        if event == "end_map":
            break
        event, value = next(events)
        if key == "features" and event == "start_array":
            listed = True
            for event, value in events:
                if event == "end_array":
                    break
                if build:
                    yield _value(events, event, value)
                else:
                    _skip(events, event)
                    yield None
        elif key == "type" and event not in _OPEN:
            kind = value
        else:
            _skip(events, event)
    for _ in events:  # what follows the document: ijson refuses trailing data
        pass
    if kind != "FeatureCollection":
        errors.append(RowError("file", "type", "must be a GeoJSON FeatureCollection"))
    elif not listed:
        errors.append(RowError("file", "features", "must be a list"))


def count(source: IO[bytes]) -> int:
    """How many features the file has (for the progress bar); 0 when it is not a
    FeatureCollection (the import reports why)."""
    total = 0
    for _ in features(source, [], build=False):
        total += 1
    return total


class FeatureImporter:
    """Our GeoJSON format, read and written in batches of writer.BATCH features.

    As for CSV (stream.Importer): writing stops at the first bad feature, reading goes
    on to report every one, and repeated ids are found from a 64-bit hash per feature,
    the file read again to name them only when one repeats."""

    def __init__(self, source: IO[bytes], *, types, info) -> None:
        self.source = source
        self.types = types
        self.info = info

    def _batches(self, errors: list[RowError]) -> Iterator[list[tuple[int, object]]]:
        numbered = enumerate(features(self.source, errors), start=1)
        while chunk := list(itertools.islice(numbered, writer.BATCH)):
            yield chunk

    def run(self, batches: writer.Writer, report, total: int, progress) -> None:
        errors: list[RowError] = []
        ids = array("q")
        done, refused = 0, False
        for chunk in self._batches(errors):
            records = geojson.parse(chunk, types=self.types, errors=errors)
            done += len(chunk)
            report.rows += len(records)
            keys = [(r.dataset, r.external_id) for r in records]
            ids.extend(hash(key) for key in keys)
            for record in records:
                report.countries[record.place.country_code] += 1
                report.flagged += bool(record.note)
            refused = refused or bool(errors) or len(set(keys)) < len(keys)
            if not refused:
                for name, kind in writer.actor_kinds(records).items():
                    batches.kinds.setdefault(name, kind)
                batches.write_batch(records)
            if progress:
                progress(done, max(total, done))
        errors.extend(self._repeats(ids))
        if errors:
            raise ImportRejected(sort_errors(errors), info=self.info)

    def _repeats(self, ids: array) -> list[RowError]:
        hashes = np.sort(np.frombuffer(ids, dtype=np.int64))
        repeated = set(hashes[1:][hashes[1:] == hashes[:-1]].tolist())
        if not repeated:
            return []
        errors: list[RowError] = []
        seen: dict[tuple[str, str], str] = {}
        for chunk in self._batches([]):
            for record in geojson.parse(chunk, types=self.types, errors=[]):
                key = (record.dataset, record.external_id)
                if hash(key) not in repeated:
                    continue
                if key in seen:
                    errors.append(
                        RowError(record.where, "id", f"{key[1]!r} repeats {seen[key]}")
                    )
                seen.setdefault(key, record.where)
        return errors
