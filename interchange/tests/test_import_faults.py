"""An import that the system (disk, database) fails says so, never blames a row, and
leaves nothing behind (issue 12, reproduction 7); an import's update is never undone
by an admin form opened before it (reproduction 4)."""

import io
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from events.models import Event
from interchange import files
from interchange.records import ImportFailed
from interchange.tests.samples import _acled_csv, _counts

pytestmark = [pytest.mark.django_db, pytest.mark.faults]


@contextmanager
def disk_full_after(pages: int):
    """SQLite's own disk-full: the database may grow only ``pages`` more pages."""
    if connection.vendor != "sqlite":
        pytest.skip("simulates a full disk with SQLite's max_page_count")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        used = cursor.fetchone()[0]
        cursor.execute("PRAGMA max_page_count")
        limit = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {used + pages}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA max_page_count = {limit}")


def _big_file(tmp_path, rows: int = 400):
    return _acled_csv(
        tmp_path,
        [
            {"event_id_cnty": f"SYR{n}", "notes": "A long note. " * 40,
             "location": f"Village {n}", "actor1": f"Actor {n}"}
            for n in range(rows)
        ],
    )  # fmt: skip


def test_disk_full_mid_import_is_a_system_fault_and_writes_nothing(tmp_path):
    path = _big_file(tmp_path)
    before = _counts()

    with disk_full_after(20), pytest.raises(ImportFailed) as failed:
        files.event_import_file(path=path, fmt="acled")

    message = str(failed.value)
    assert message.startswith("The disk is full")
    assert "nothing was imported" in message
    assert "run the same import again" in message
    assert "line " not in message
    assert _counts() == before
    report = files.event_import_file(path=path, fmt="acled")  # space again: it works
    assert report.created == 400


def test_import_command_says_the_disk_is_full_not_which_line(tmp_path):
    path = _big_file(tmp_path)
    stderr = io.StringIO()

    with disk_full_after(20), pytest.raises(CommandError) as failed:
        call_command("import_events", "--format", "acled", str(path), stderr=stderr)

    assert "The disk is full" in str(failed.value)
    assert "nothing was imported" in str(failed.value)
    assert "line " not in str(failed.value) + stderr.getvalue()
    assert Event.objects.count() == 0


def test_an_import_update_makes_an_open_admin_form_stale(tmp_path, admin_client):
    path = _acled_csv(tmp_path, [{"event_id_cnty": "SYR1", "fatalities": "2"}])
    files.event_import_file(path=path, fmt="acled")
    event = Event.objects.get(external_id="SYR1")
    url = f"/admin/events/event/{event.pk}/change/"
    opened = admin_client.get(url).context["adminform"].form["base_version"].value()

    files.event_import_file(
        path=_acled_csv(tmp_path, [{"event_id_cnty": "SYR1", "fatalities": "9"}]),
        fmt="acled",
    )

    event.refresh_from_db()
    assert event.fatalities_best == 9
    assert event.version == opened + 1
