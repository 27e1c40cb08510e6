"""Exports: round trips through import give the same events, published events only,
filters applied, formula escaping reversible, hostile strings, BOM and Arabic."""

import csv
import io
import json

import pytest

from events.models import Actor, Event
from events.tests.factories import (
    EventFactory,
    event_type,
)
from interchange import acled, csvio, ucdp
from interchange.tests.samples import (
    DATA,
    _counts,
    _export,
    _import,
    _native_event,
    _snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "geojson"])
def test_export_then_import_gives_the_same_events(fmt, tmp_path):
    for sample_format in ("acled", "ucdp", "geojson"):
        _import(sample_format, status="published")
    Event.objects.filter(place__location__isnull=True).delete()  # not exportable
    _native_event()
    before = _snapshot(fmt)
    path = _export(fmt, tmp_path)
    Event.objects.all().delete()
    report = _import(fmt, path, status="published")
    assert report.created == len(before)
    assert _snapshot(fmt) == before


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "geojson"])
def test_export_reimported_into_the_same_database_changes_nothing(fmt, tmp_path):
    _import("acled", status="published")
    _native_event()
    path = _export(fmt, tmp_path)
    before = _counts()
    report = _import(fmt, path)
    assert _counts() == before
    assert (report.created, report.updated) == (0, 0)


def test_export_contains_only_published_events(tmp_path):
    shown = EventFactory(title="Published one")
    EventFactory(title="Draft one", status=Event.Status.DRAFT)
    EventFactory(title="Retracted one", status=Event.Status.RETRACTED)
    document = json.loads(_export("geojson", tmp_path).read_text(encoding="utf-8"))
    assert [f["properties"]["title"] for f in document["features"]] == [shown.title]
    rows = list(
        csv.DictReader(io.StringIO(_export("acled", tmp_path).read_text("utf-8-sig")))
    )
    assert [row["event_id_cnty"] for row in rows] == [f"conflictmap:{shown.pk}"]


def test_export_applies_filters(tmp_path):
    EventFactory(title="Clash", event_type=event_type("armed-clash"))
    EventFactory(title="Strike", event_type=event_type("air-drone-strike"))
    path = _export("geojson", tmp_path, types=["explosions-remote-violence"])
    titles = [
        f["properties"]["title"] for f in json.loads(path.read_text())["features"]
    ]
    assert titles == ["Strike"]


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=1", "''=1"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("'quoted'", "'quoted'"),
    ],
)
def test_formula_escaping_is_reversible(value, escaped):
    assert csvio.escape_cell(value) == escaped
    assert csvio.unescape_cell(escaped) == value


def test_hostile_strings_are_escaped_on_export_and_survive_a_round_trip(tmp_path):
    _import("acled", DATA / "acled_hostile.csv", status="published")
    names = sorted(Actor.objects.values_list("name", flat=True))
    path = _export("acled", tmp_path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    text_columns = [i for i, c in enumerate(acled.COLUMNS) if c in acled.TEXT_COLUMNS]
    for row in rows[1:]:
        for index in text_columns:
            assert row[index][:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert rows[1][acled.COLUMNS.index("actor1")].startswith("'=HYPERLINK(")
    assert rows[1][acled.COLUMNS.index("latitude")] == "35.55000"  # numbers untouched
    Event.objects.all().delete()
    Actor.objects.all().delete()
    _import("acled", path)
    assert sorted(Actor.objects.values_list("name", flat=True)) == names


def test_csv_exports_start_with_a_bom_and_keep_arabic(tmp_path):
    _native_event()
    data = _export("ucdp", tmp_path).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "الجبهة الوطنية للتحرير" in data.decode("utf-8-sig")
    assert ucdp.COLUMNS[0] == data.decode("utf-8-sig").split(",", 1)[0]
