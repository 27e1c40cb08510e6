"""Files as a new user downloads them: UCDP's releases come zipped, and a file of one
dataset may be given with the other's format."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from events.models import Event
from interchange import files, ucdp
from interchange.records import ImportRejected
from interchange.tests.test_real_files import REAL

pytestmark = pytest.mark.django_db

GED = REAL / "ucdp_ged_candidate_26_0_7.csv"
ACLED = REAL / "acled_current_api_somalia2025.csv"


def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_ged_release_zip_imports_its_csv(tmp_path):
    """UCDP publishes ged251-csv.zip holding GEDEvent_v25_1.csv; it was refused as
    'not valid UTF-8 (byte 0x..)'."""
    archive = _zip(
        tmp_path / "ged261-csv.zip", {"GEDEvent_v26_0_7.csv": GED.read_bytes()}
    )
    report = files.event_import_file(path=archive, fmt="ucdp")
    assert (report.layout, report.created) == (ucdp.GED_20, 26)
    again = files.event_import_file(path=archive, fmt="ucdp")
    assert again.unchanged == 26


def test_a_zip_with_several_data_files_is_refused_by_name(tmp_path):
    archive = _zip(
        tmp_path / "two.zip",
        {"a.csv": GED.read_bytes(), "b.csv": GED.read_bytes(), "readme.pdf": b"%PDF"},
    )
    with pytest.raises(ImportRejected) as rejected:
        files.event_import_file(path=archive, fmt="ucdp")
    assert "2 data files (a.csv, b.csv)" in str(rejected.value.errors[0])


def test_a_zip_member_larger_than_the_limit_is_refused(tmp_path, settings):
    archive = _zip(tmp_path / "big.zip", {"big.csv": GED.read_bytes()})
    settings.IMPORT_MAX_BYTES = archive.stat().st_size + 10  # the zip fits, its CSV not
    with pytest.raises(ImportRejected) as rejected:
        files.event_import_file(path=archive, fmt="ucdp")
    assert "more than the" in str(rejected.value.errors[0])


@pytest.mark.parametrize(
    ("path", "fmt", "hint"),
    [
        (GED, "acled", "these are UCDP GED columns: import the file as ucdp"),
        (ACLED, "ucdp", "these are ACLED columns: import the file as acled"),
    ],
)
def test_a_file_of_the_other_dataset_is_named_as_such(path, fmt, hint):
    """A GED file given as ACLED said 'Layout: ACLED current …' and listed ACLED's
    missing columns only."""
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_events", "--format", fmt, "--no-progress", str(path), stderr=stderr
        )
    lines = stderr.getvalue().splitlines()
    assert not any(line.startswith("Layout:") for line in lines)
    assert len(lines) == 1
    assert "missing required columns" in lines[0]
    assert hint in lines[0]


@pytest.mark.parametrize(
    ("written", "label"),
    [("{d.month}/{d.day}/{d.year} 0:00", "MM/DD/YYYY"),  # Excel, US
     ("{d:%d/%m/%Y} 00:00", "DD/MM/YYYY"),  # Excel, Europe
     ("{d:%Y-%m-%d}T00:00:00Z", "YYYY-MM-DD")],
)  # fmt: skip
def test_a_ged_file_saved_by_a_spreadsheet_keeps_its_dates(written, label, tmp_path):
    """Opened and saved again in a spreadsheet, GED's '2026-07-15 00:00:00.000'
    becomes '7/15/2026 0:00': every row failed ('is not a valid date')."""
    rows = list(csv.DictReader(io.StringIO(GED.read_text(encoding="utf-8"))))
    for row in rows:
        for column in ("date_start", "date_end"):
            day = dt.date.fromisoformat(row[column][:10])
            row[column] = written.format(d=day)
    path = tmp_path / "saved.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    report = files.event_import_file(path=path, fmt="ucdp")
    assert (report.created, report.date_format) == (26, label)
    for row in csv.DictReader(io.StringIO(GED.read_text(encoding="utf-8"))):
        event = Event.objects.get(external_id=row["id"])
        assert event.date_start.isoformat() == row["date_start"][:10]
        assert (event.date_end or event.date_start).isoformat() == row["date_end"][:10]
