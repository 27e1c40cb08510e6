"""The import streams its rows in batches (memory bounded by the batch, not the file)
and a re-import skips the rows unchanged since the last import (issue 15)."""

import io
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from events.models import Event, EventActor
from interchange import acled, files, stream, stream_threads, writer, writer_references
from interchange.records import ImportRejected
from interchange.tests.samples import _acled_csv, _counts

pytestmark = pytest.mark.django_db

REAL = Path(__file__).parent / "data" / "real"


def _rows(count: int, **cells) -> list[dict[str, str]]:
    return [
        {"event_id_cnty": f"SYR{n}", "location": f"Village {n}", **cells}
        for n in range(1, count + 1)
    ]


class _Calls(list):
    def __init__(self) -> None:
        super().__init__()
        self.source: dict[str, io.BytesIO] = {}


@pytest.fixture
def parsed(monkeypatch):
    """The rows acled.parse was given, call by call, with the file position then."""
    calls = _Calls()
    parse = acled.parse

    def watching(rows, **kwargs):
        calls.append(([row.cells["event_id_cnty"] for row in rows], _position()))
        return parse(rows, **kwargs)

    def _position() -> int | None:
        return calls.source["file"].tell() if "file" in calls.source else None

    monkeypatch.setattr(acled, "parse", watching)
    return calls


def test_rows_are_parsed_and_written_batch_by_batch_as_the_file_is_read(
    tmp_path, monkeypatch, parsed
):
    monkeypatch.setattr(writer, "BATCH", 3)
    data = _acled_csv(tmp_path, _rows(40, notes="A long note. " * 60)).read_bytes()
    parsed.source["file"] = source = io.BytesIO(data)

    report = files.event_import_stream(source=source, fmt="acled")

    assert report.created == 40
    assert [len(ids) for ids, _ in parsed] == [3] * 13 + [1]
    first_position = parsed[0][1]
    assert first_position < len(data) / 2  # the rest of the file not read yet


def test_a_generator_of_lines_is_never_materialised(tmp_path, monkeypatch):
    """csvio.read_rows takes an iterator of lines and yields rows one at a time."""
    monkeypatch.setattr(writer, "BATCH", 2)
    path = _acled_csv(tmp_path, _rows(6))
    pulled = []

    def lines():
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            pulled.append(line)
            yield line

    from interchange import csvio

    rows = csvio.read_rows(lines(), required=acled.REQUIRED, errors=[])
    first = next(rows)
    assert first.cells["event_id_cnty"] == "SYR1"
    assert len(pulled) < 7  # header + 6 rows: the generator was not drained


def test_reimport_skips_unchanged_rows_without_parsing_or_writing(tmp_path, parsed):
    path = _acled_csv(tmp_path, _rows(5))
    files.event_import_file(path=path, fmt="acled")
    parsed.clear()

    with CaptureQueriesContext(connection) as queries:
        report = files.event_import_file(path=path, fmt="acled")

    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert parsed == []  # no row parsed
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "events_dataversion" not in q["sql"]
    ]
    assert writes == []


def test_reimport_parses_only_the_changed_row(tmp_path, parsed):
    files.event_import_file(path=_acled_csv(tmp_path, _rows(5)), fmt="acled")
    parsed.clear()
    rows = _rows(5)
    rows[2]["fatalities"] = "7"

    report = files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")

    assert (report.updated, report.unchanged) == (1, 4)
    assert [ids for ids, _ in parsed] == [["SYR3"]]
    assert Event.objects.get(external_id="SYR3").fatalities_best == 7


def test_an_event_edited_since_the_import_is_compared_again(tmp_path, parsed):
    path = _acled_csv(tmp_path, _rows(2))
    files.event_import_file(path=path, fmt="acled")
    Event.objects.filter(external_id="SYR1").update(
        fatalities_best=99, version=F("version") + 1
    )  # an edit through the admin or a service advances the version
    parsed.clear()

    report = files.event_import_file(path=path, fmt="acled")

    assert [ids for ids, _ in parsed] == [["SYR1"]]
    assert (report.updated, report.unchanged) == (1, 1)
    assert Event.objects.get(external_id="SYR1").fatalities_best == 2


def test_events_imported_before_the_hash_get_it_on_the_next_reimport(tmp_path, parsed):
    path = _acled_csv(tmp_path, _rows(3))
    files.event_import_file(path=path, fmt="acled")
    Event.objects.update(import_hash="")  # as imported by the older code
    versions = list(Event.objects.order_by("pk").values_list("version", flat=True))

    again = files.event_import_file(path=path, fmt="acled")
    parsed.clear()
    third = files.event_import_file(path=path, fmt="acled")

    assert again.unchanged == third.unchanged == 3
    assert parsed == []
    assert list(Event.objects.order_by("pk").values_list("version", flat=True)) == (
        versions
    )  # the stored hash is bookkeeping: no edit, no new version


def test_repeated_id_in_a_later_batch_is_named_and_nothing_is_written(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(writer, "BATCH", 2)
    rows = _rows(5) + [{"event_id_cnty": "SYR2", "location": "Elsewhere"}]

    with pytest.raises(ImportRejected) as rejected:
        files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")

    assert [str(e) for e in rejected.value.errors] == [
        "line 7: id: 'SYR2' repeats line 3"
    ]
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_a_bad_row_in_a_later_batch_writes_nothing_and_all_errors_are_listed(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(writer, "BATCH", 2)
    rows = _rows(7)
    rows[4]["fatalities"] = "many"
    rows[6]["latitude"] = "95"

    with pytest.raises(ImportRejected) as rejected:
        files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")

    assert [str(e) for e in rejected.value.errors] == [
        "line 6: fatalities: 'many' is not a whole number",
        "line 8: latitude: '95' is outside [-90, 90]",
    ]
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_one_event_split_across_batches_still_merges(monkeypatch):
    name = "acled_one_row_per_actor_bangladesh2024.csv"
    monkeypatch.setattr(writer, "BATCH", 1)

    report = files.event_import_file(path=REAL / name, fmt="acled")

    assert (report.rows, report.merged_rows) == (17, 13)
    event = Event.objects.get(external_id="BGD28032")
    assert EventActor.objects.filter(event=event).count() == 3


def test_dry_run_of_a_reimport_counts_unchanged_and_countries(tmp_path):
    path = _acled_csv(tmp_path, _rows(4))
    files.event_import_file(path=path, fmt="acled")

    report = files.event_import_file(path=path, fmt="acled", dry_run=True)

    assert (report.rows, report.unchanged) == (4, 4)
    assert report.countries == {"SY": 4}


def test_invalid_utf8_in_a_later_chunk_names_its_line(tmp_path):
    rows = _rows(300, notes="x" * 100)
    data = _acled_csv(tmp_path, rows).read_bytes()
    bad = data.replace(b"Village 250,", b"Villag\xe9 250,")
    line = data[: data.index(b"Village 250,")].count(b"\n") + 1

    with pytest.raises(ImportRejected) as rejected:
        files.event_import_stream(source=io.BytesIO(bad), fmt="acled")

    assert [str(e) for e in rejected.value.errors] == [
        f"line {line}: is not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_hash_scheme_is_part_of_the_row_hash(tmp_path, monkeypatch, parsed):
    path = _acled_csv(tmp_path, _rows(2))
    files.event_import_file(path=path, fmt="acled")
    monkeypatch.setattr(stream, "HASH_SCHEME", "changed parser")
    parsed.clear()

    report = files.event_import_file(path=path, fmt="acled")

    assert [ids for ids, _ in parsed] == [["SYR1", "SYR2"]]
    assert report.unchanged == 2


def test_place_cache_started_again_still_finds_the_places_written(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(writer, "BATCH", 1)
    monkeypatch.setattr(
        writer_references, "PLACE_CACHE", 0
    )  # forgotten after every batch
    rows = [{"event_id_cnty": f"SYR{n}", "location": "Kabani"} for n in range(4)]

    report = files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")

    assert (report.created, report.places_created) == (4, 1)
    assert len({e.place_id for e in Event.objects.all()}) == 1


def test_batches_parsed_ahead_keep_only_the_rows_to_write(tmp_path, monkeypatch):
    """A batch parsed whole in the reading thread (most rows of the last batch were
    to be written) writes only its changed rows; its unchanged row stays unchanged."""
    monkeypatch.setattr(writer, "BATCH", 4)
    monkeypatch.setattr(
        stream_threads, "ahead", lambda items: items
    )  # in order, one thread
    files.event_import_file(path=_acled_csv(tmp_path, _rows(8)), fmt="acled")
    rows = _rows(8)
    for number in (0, 1, 2, 4, 5, 6):  # 3 of 4 rows changed in each batch
        rows[number]["fatalities"] = "7"
    rows[6]["latitude"] = "95"  # a bad row in the batch parsed ahead
    seen = []
    prepared = stream.Importer._prepared

    def watching(self, rows):
        for batch in prepared(self, rows):
            seen.append(batch.parsed is not None)
            yield batch

    monkeypatch.setattr(stream.Importer, "_prepared", watching)

    with pytest.raises(ImportRejected) as refused:
        files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")

    assert seen == [False, True]  # the second batch was parsed ahead, whole
    assert [e.where for e in refused.value.errors] == ["line 8"]
    rows[6]["latitude"] = "35.70"
    report = files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")
    assert seen[2:] == [False, True]
    assert (report.created, report.updated, report.unchanged) == (0, 6, 2)
    changed = Event.objects.filter(fatalities_best=7).values_list(
        "external_id", flat=True
    )
    assert sorted(changed) == ["SYR1", "SYR2", "SYR3", "SYR5", "SYR6", "SYR7"]


def test_ahead_keeps_order_and_hands_over_the_producers_error():
    def items():
        yield from range(5)
        raise ValueError("bad row")

    got = []

    def consume() -> None:
        got.extend(stream_threads.ahead(items()))

    with pytest.raises(ValueError, match="bad row"):
        consume()
    assert got == [0, 1, 2, 3, 4]


def test_a_consumer_that_stops_early_stops_the_producer():
    produced = []

    def items():
        for number in range(1000):
            produced.append(number)
            yield number

    for item in stream_threads.ahead(items(), depth=2):
        if item == 3:
            break
    assert len(produced) < 10  # stopped, not drained to the end


def test_an_import_stops_no_thread_for_a_collection_of_its_own(tmp_path):
    """An import runs no garbage collection itself: one holds the GIL while it scans
    the whole heap, and every other thread of the process (a web server's requests,
    the map bench's) waited 420 ms at its start (bench/README.md, "The second process
    during an import"). Automatic collections are off here, so any seen is the
    import's own; the import still happens, with its thresholds put back after."""
    import gc

    path = _acled_csv(tmp_path, _rows(3))
    collections: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    thresholds, was_enabled = gc.get_threshold(), gc.isenabled()
    gc.disable()
    gc.callbacks.append(seen)
    try:
        report = files.event_import_file(path=path, fmt="acled")
    finally:
        gc.callbacks.remove(seen)
        if was_enabled:
            gc.enable()

    assert report.created == 3
    assert collections == []
    assert gc.get_threshold() == thresholds
