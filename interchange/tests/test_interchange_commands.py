"""The import and export commands: problems and counts printed, bad filters refused, the
filtered file written; the crosswalk documents every column."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.models import Event
from events.tests.factories import (
    EventFactory,
)
from interchange import acled, ucdp
from interchange.tests.samples import DATA, SAMPLES
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_import_command_prints_one_line_per_kind_of_problem_and_fails():
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="4 error"):
        call_command(
            "import_events", "--format", "acled", str(DATA / "acled_bad_rows.csv"),
            stderr=stderr,
        )  # fmt: skip
    lines = stderr.getvalue().splitlines()
    assert lines[0] == "Layout: ACLED current (API / data export, 2020s)"
    assert (
        "1 row: event_date: … is not a valid date (line 3); "
        "e.g. line 3: event_date: '2019-02-30' is not a valid date"
    ) in lines
    assert len(lines) == 2 + 4  # layout, date format, four kinds of problem
    assert Event.objects.count() == 0


def test_import_command_reports_counts():
    stdout = io.StringIO()
    call_command(
        "import_events", "--format", "ucdp", str(SAMPLES["ucdp"]),
        "--status", "published", stdout=stdout,
    )  # fmt: skip
    assert "2 were created" in stdout.getvalue()
    assert Event.objects.published().count() == 2


def test_export_command_rejects_bad_filters(tmp_path):
    with pytest.raises(CommandError, match="--date-from"):
        call_command(
            "export_events", "--format", "acled", "--out", str(tmp_path / "x.csv"),
            "--date-from", "2019-02-30",
        )  # fmt: skip
    assert not (tmp_path / "x.csv").exists()


def test_export_command_writes_filtered_file(tmp_path):
    EventFactory(title="Inside", place=PlaceFactory(name="In"))
    out = tmp_path / "events.geojson"
    call_command(
        "export_events", "--format", "geojson", "--out", str(out),
        "--in-bbox", "36,35,37,36", stdout=io.StringIO(),
    )  # fmt: skip
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [f["properties"]["title"] for f in document["features"]] == ["Inside"]


@pytest.mark.parametrize("module", [acled, ucdp])
def test_crosswalk_documents_every_column(module):
    doc = (Path(__file__).resolve().parents[2] / "docs" / "crosswalk.md").read_text()
    missing = [c for c in module.COLUMNS if f"`{c}`" not in doc]
    assert missing == []
