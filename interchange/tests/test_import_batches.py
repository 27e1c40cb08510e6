"""One batch of an import may hold new, changed and unchanged rows; the batch's lookups
and the collector settings that made a first import faster on PostGIS (issue 15).
Runs on SpatiaLite and on PostGIS (scripts/test-postgis.sh): the same contents on both."""

import gc
import threading

import pytest
from django.db import connection

from events.models import Event, EventActor, EventSource
from interchange import acled, bulkinsert, files, stream_threads, writer
from interchange.records import ImportFailed, ImportRejected
from interchange.tests.samples import _acled_csv, _counts
from places.models import Place

pytestmark = pytest.mark.django_db


def _rows(*numbers: int, **cells) -> list[dict[str, str]]:
    return [
        {"event_id_cnty": f"MIX{n}", "location": f"Village {n}", **cells}
        for n in numbers
    ]


def _contents() -> list[tuple]:
    """Every imported event as the database holds it, with its links."""
    found = []
    for event in Event.objects.order_by("external_id"):
        actors = sorted(
            EventActor.objects.filter(event=event).values_list("actor__name", "role")
        )
        sources = sorted(
            EventSource.objects.filter(event=event).values_list(
                "source__publisher", "stance"
            )
        )
        found.append(
            (
                event.external_id,
                event.version,
                event.fatalities_best,
                event.summary,
                event.place.name,
                event.place.lat,
                actors,
                sources,
                event.history.count(),
            )
        )
    return found


def test_one_batch_of_new_changed_and_unchanged_rows(tmp_path):
    files.event_import_file(path=_acled_csv(tmp_path, _rows(1, 2, 3, 4)), fmt="acled")
    rows = (
        _rows(1, 2)  # unchanged
        + _rows(3, fatalities="9", notes="Shelling resumed.")  # changed
        + _rows(4, actor2="Actor Three", source="SOHR; Enab Baladi")  # gains links
        + _rows(5, 6, latitude="35.9")  # new
    )

    report = files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")

    assert (report.created, report.updated, report.unchanged) == (2, 2, 2)
    assert _contents() == [
        ("MIX1", 0, 2, "", "Village 1", 35.7,
         [("Actor One", "initiator"), ("Actor Two", "target")], [("SOHR", "reports")], 1),
        ("MIX2", 0, 2, "", "Village 2", 35.7,
         [("Actor One", "initiator"), ("Actor Two", "target")], [("SOHR", "reports")], 1),
        ("MIX3", 1, 9, "Shelling resumed.", "Village 3", 35.7,
         [("Actor One", "initiator"), ("Actor Two", "target")], [("SOHR", "reports")], 2),
        ("MIX4", 0, 2, "", "Village 4", 35.7,
         [("Actor One", "initiator"), ("Actor Three", "target"),
          ("Actor Two", "target")], [("Enab Baladi", "reports"), ("SOHR", "reports")], 1),
        ("MIX5", 0, 2, "", "Village 5", 35.9,
         [("Actor One", "initiator"), ("Actor Two", "target")], [("SOHR", "reports")], 1),
        ("MIX6", 0, 2, "", "Village 6", 35.9,
         [("Actor One", "initiator"), ("Actor Two", "target")], [("SOHR", "reports")], 1),
    ]  # fmt: skip
    assert Place.objects.count() == 6


def test_the_same_file_again_changes_nothing(tmp_path):
    rows = _rows(1, 2) + _rows(3, actor2="Actor Three", source="SOHR; Enab Baladi")
    path = _acled_csv(tmp_path, rows)
    files.event_import_file(path=path, fmt="acled")
    before = (_contents(), _counts())

    report = files.event_import_file(path=path, fmt="acled")

    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert (_contents(), _counts()) == before


@pytest.mark.parametrize(
    "external_id",
    ['SYR"1', "SYR,2", "SYR\\3", "SYR{4}", "SYR'5", "سوريا6", "SYR 7", "NULL"],
)
def test_ids_with_quotes_commas_and_braces_are_found_again(tmp_path, external_id):
    path = _acled_csv(tmp_path, [{"event_id_cnty": external_id}])
    files.event_import_file(path=path, fmt="acled")
    Event.objects.update(import_hash="")  # compared value by value, not skipped

    report = files.event_import_file(path=path, fmt="acled")

    assert (report.created, report.unchanged) == (0, 1)
    assert Event.objects.get().external_id == external_id


def test_a_failing_row_in_the_middle_leaves_nothing_half_written(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "BATCH", 3)
    files.event_import_file(path=_acled_csv(tmp_path, _rows(1, 2)), fmt="acled")
    before = (_contents(), _counts(), Place.history.count())
    rows = _rows(1, 2, 3, 4, 5, 6, 7, 8)
    rows[0]["fatalities"] = "5"  # changed, in the first batch (written)
    rows[4]["latitude"] = "95"  # bad, in the second batch

    with pytest.raises(ImportRejected):
        files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")

    assert (_contents(), _counts(), Place.history.count()) == before


def test_the_lookup_sends_a_batchs_ids_as_one_parameter():
    """PostgreSQL: 2,000 placeholders cost psycopg a parse of the query per batch
    and the server 0.7 CPU-s per 100k rows on a re-import."""
    seen = []

    def capture(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    keys = [("acled", f"ID{number}") for number in range(2000)]
    with connection.execute_wrapper(capture):
        found = writer.Writer(files.ImportReport(format="acled"), "draft", {}).existing(
            keys
        )

    assert found == {}
    lookups = [params for sql, params in seen if "external_id" in sql]
    expected = 1 if connection.vendor == "postgresql" else 2000
    assert [len(params) - 1 for params in lookups] == [expected]  # and the dataset


def test_an_import_collects_cycles_less_often_and_gives_the_collector_back(
    tmp_path, monkeypatch
):
    during = []
    write_batch = writer.Writer.write_batch

    def watching(self, *args, **kwargs):
        during.append((gc.get_threshold()[0], gc.get_freeze_count() > 0))
        return write_batch(self, *args, **kwargs)

    monkeypatch.setattr(writer.Writer, "write_batch", watching)
    thresholds = gc.get_threshold()
    rows = _rows(1, 2)

    files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")
    rows[1]["latitude"] = "95"
    with pytest.raises(ImportRejected):
        files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")

    assert during == [(stream_threads.GC_YOUNG, True)]
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


# PostgreSQL: a batch's inserts are written by a second thread on the same connection
# while the next batch is prepared (bulkinsert.Later). On SpatiaLite they are written
# at once; these tests hold on both.


def test_an_id_repeated_in_the_next_batch_is_named_and_nothing_is_written(
    tmp_path, monkeypatch
):
    """The next batch's ids are looked up before the batch before it is written: a
    repeat is found from the ids not written yet, not from a broken constraint."""
    monkeypatch.setattr(writer, "BATCH", 2)
    rows = _rows(1, 2, 3) + [{"event_id_cnty": "MIX2", "location": "Elsewhere"}]

    with pytest.raises(ImportRejected) as rejected:
        files.event_import_file(path=_acled_csv(tmp_path, rows), fmt="acled")

    assert [str(e) for e in rejected.value.errors] == [
        "line 5: id: 'MIX2' repeats line 3"
    ]
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_an_insert_refused_by_the_database_rejects_the_file_and_writes_nothing(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(writer, "BATCH", 2)
    files.event_import_file(path=_acled_csv(tmp_path, _rows(1)), fmt="acled")
    before = (_contents(), _counts(), Place.history.count())
    parse = acled.parse

    def negative(rows, **kwargs):  # past the parser's check: the database refuses
        records = parse(rows, **kwargs)
        for record in records:
            if record.external_id == "MIX4":
                record.fatalities_best = -1
        return records

    monkeypatch.setattr(acled, "parse", negative)

    with pytest.raises(ImportRejected) as rejected:
        files.event_import_file(
            path=_acled_csv(tmp_path, _rows(2, 3, 4, 5, 6, 7)), fmt="acled"
        )

    assert "fatalities_best" in str(rejected.value.errors[0])
    assert (_contents(), _counts(), Place.history.count()) == before
    assert [t.name for t in threading.enumerate() if "import-writer" in t.name] == []


def test_the_inserts_are_written_on_the_imports_own_connection(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "BATCH", 2)
    written = []
    run = bulkinsert._run

    def watching(raw, steps):
        written.append((threading.current_thread().name, raw, len(steps)))
        return run(raw, steps)

    monkeypatch.setattr(bulkinsert, "_run", watching)

    report = files.event_import_file(
        path=_acled_csv(tmp_path, _rows(*range(7))), fmt="acled"
    )

    assert report.created == Event.objects.count() == 7
    if connection.vendor == "postgresql":
        assert len(written) == 4  # one hand-over a batch
        assert {name.split("_")[0] for name, _, _ in written} == {"import-writer"}
        assert {id(raw) for _, raw, _ in written} == {id(connection.connection)}
    else:
        assert written == []  # SpatiaLite writes as it goes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the writing thread")
def test_a_system_fault_in_the_writing_thread_is_reported_as_one(tmp_path, monkeypatch):
    import psycopg

    monkeypatch.setattr(writer, "BATCH", 2)
    run = bulkinsert._run
    calls = []

    def failing(raw, steps):
        calls.append(len(steps))
        if len(calls) == 2:
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        return run(raw, steps)

    monkeypatch.setattr(bulkinsert, "_run", failing)
    path = _acled_csv(tmp_path, _rows(*range(7)))

    with pytest.raises(ImportFailed) as failed:
        files.event_import_file(path=path, fmt="acled")

    assert str(failed.value).startswith("The database stopped or refused the import")
    assert _counts() == (0, 0, 0, 0, 0, 0)
    monkeypatch.setattr(bulkinsert, "_run", run)
    assert files.event_import_file(path=path, fmt="acled").created == 7


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the writing thread")
def test_a_batchs_foreign_keys_are_checked_when_it_is_written(tmp_path, monkeypatch):
    """Checked at the end of the batch's inserts, in the writing thread, not at the
    commit (2.9 CPU-s per 100k rows that nothing overlapped): a dangling reference
    rejects the file like any refused row, and nothing is written."""
    monkeypatch.setattr(writer, "BATCH", 2)
    place = writer.Writer._place

    def dangling(self, record, dataset, new):
        if record.name == "Village 3":
            return Place(pk=2_000_000_000, name=record.name)  # never written
        return place(self, record, dataset, new)

    monkeypatch.setattr(writer.Writer, "_place", dangling)

    with pytest.raises(ImportRejected) as rejected:
        files.event_import_file(
            path=_acled_csv(tmp_path, _rows(*range(7))), fmt="acled"
        )

    assert "events_event_place_id" in str(rejected.value.errors[0])
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_overlapping_imports_give_the_collector_back_once_both_end():
    """Two imports in two threads of one process (a threaded server): the one that
    ends first must not leave the other's settings behind for good."""
    thresholds = gc.get_threshold()
    first, second = stream_threads.few_collections(), stream_threads.few_collections()

    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert (
        gc.get_threshold()[0] == stream_threads.GC_YOUNG
    )  # the second import still runs
    second.__exit__(None, None, None)

    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0
