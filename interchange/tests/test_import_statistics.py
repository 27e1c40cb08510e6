"""A long import keeps PostgreSQL's statistics of the tables it grows (issue 15).

Found on a 3,000,000-row ACLED import into an empty database: without statistics the
planner takes a batch's lookup of 2,000 external ids for one that matches every row,
reads every row of the dataset through the (dataset, id) index's first column, and
the import slowed from 3,900 to under 2,000 rows/s as the table grew. The writer now
analyses the events and places tables inside the import's transaction as they grow."""

import pytest
from django.db import connection

from events.models import Event
from interchange import files, writer
from interchange.tests.samples import _acled_csv

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's planner statistics"
    ),
]


def _rows(count: int, start: int = 0) -> list[dict[str, str]]:
    return [
        {"event_id_cnty": f"STAT{number}", "location": f"Village {number}"}
        for number in range(start, start + count)
    ]


def _has_statistics(table: str, column: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stats WHERE tablename = %s AND attname = %s",
            [table, column],
        )
        return cursor.fetchone()[0] > 0


def _reltuples(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def test_an_import_that_grows_the_tables_analyses_them(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "ANALYZE_AFTER", 30)
    monkeypatch.setattr(writer, "BATCH", 20)
    table = Event._meta.db_table
    # The tables as this test finds them (empty): an earlier test's ANALYZE leaves its
    # row count in pg_class even when its transaction rolls back.
    assert not Event.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}, events_place")
    assert not _has_statistics(table, "external_id")
    files.event_import_file(path=_acled_csv(tmp_path, _rows(80)), fmt="acled")
    assert Event.objects.filter(external_id__startswith="STAT").count() == 80
    assert _has_statistics(table, "external_id")
    assert _has_statistics("events_place", "name")
    assert _reltuples(table) >= 40  # analysed after 40 rows (≥ 30), and after 80


def test_a_small_import_into_a_large_table_does_not_analyse_it(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "BATCH", 20)
    monkeypatch.setattr(writer, "ANALYZE_AFTER", 10**9)
    files.event_import_file(path=_acled_csv(tmp_path, _rows(100)), fmt="acled")
    with connection.cursor() as cursor:  # the table as analysed: 100 events
        cursor.execute(f"ANALYZE {Event._meta.db_table}")
    monkeypatch.setattr(writer, "ANALYZE_AFTER", 30)
    calls = []
    keep = writer.Writer._keep_statistics

    def counted(self, added):
        before = self.grown
        keep(self, added)
        calls.append(self.grown < before + added)  # True: it analysed

    monkeypatch.setattr(writer.Writer, "_keep_statistics", counted)
    files.event_import_file(path=_acled_csv(tmp_path, _rows(40, 100)), fmt="acled")
    assert calls == [False, False]  # 40 rows into a table of 100: its statistics hold
    calls.clear()
    files.event_import_file(path=_acled_csv(tmp_path, _rows(120, 140)), fmt="acled")
    # analysed once it added as many rows as the table held (100), then not again
    assert calls == [False, False, False, False, True, False]
