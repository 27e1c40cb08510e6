"""Control of territory through interchange: a real ACLED excerpt of territory changes
(data/real/acled_territory_changes_multicountry2020.csv) imported by the real importer
makes control periods; the exports say who took control; the round trip keeps it."""

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from control import history as control_history
from control import selectors as control_selectors
from events import dataversion
from events.models import Event
from interchange import files
from places.models import Place

pytestmark = pytest.mark.django_db

EXCERPT = (
    Path(__file__).parent
    / "data"
    / "real"
    / "acled_territory_changes_multicountry2020.csv"
)
YEMEN_2012 = "Military Forces of Yemen (2012-) Amajid Brigade"
HOUTHIS = "Military Forces of Yemen (2016-) Supreme Political Council"


def _import(status=Event.Status.PUBLISHED) -> files.ImportReport:
    report = files.event_import_file(path=EXCERPT, fmt="acled", status=status)
    dataversion.memos_reset()  # a test's writes never commit: forget the memo
    return report


def _periods(name: str) -> list[dict]:
    place = Place.objects.get(name=name)
    history = control_history.place_control_history_public(place.pk)
    return history["periods"] if history else []


def _on(day: str) -> dict[str, dict]:
    body = control_selectors.control_geojson_public(
        day=dt.date.fromisoformat(day), bbox=None
    )
    return {
        f["properties"]["place"]: f["properties"] for f in json.loads(body)["features"]
    }


def test_imported_territory_changes_make_control_periods():
    report = _import()
    assert report.created == 20
    # Regained on 28 April and again on 3 May, by the same side: two periods, each
    # with its own event.
    first, second = _periods("Mukayras")
    assert (first["since"], first["until"]) == ("2020-04-28", "2020-05-02")
    assert (second["since"], second["until"]) == ("2020-05-03", None)
    assert first["actors"] == second["actors"] == [YEMEN_2012]
    assert first["justified_by"][0]["id"] != second["justified_by"][0]["id"]
    # The other side's gain is the other side's colour.
    on = _on("2020-05-01")
    assert on["Am Taffah"]["actors"][0]["name"] == HOUTHIS
    assert on["Am Taffah"]["color"] != on["Burkan"]["color"]
    # Not yet taken on 29 April; taken after 4 May (the Taliban gain).
    assert "Yaftali Sufla" not in _on("2020-04-29")
    assert _on("2020-05-08")["Yaftali Sufla"]["actors"][0]["name"] == "Taliban"


def test_a_week_precise_row_keeps_its_window():
    _import()
    (quissanga,) = _periods("Quissanga")  # time_precision 2: "around 5 May"
    assert quissanga["precision"] == "week"
    assert quissanga["uncertain_until"] is not None
    assert quissanga["uncertain_until"] > quissanga["since"]


def test_imported_drafts_make_no_control_until_published():
    _import(status=Event.Status.DRAFT)
    assert _on("2020-05-10") == {}


def test_exports_say_who_took_control(tmp_path):
    _import()
    acled = tmp_path / "out.csv"
    files.event_export_file(fmt="acled", path=acled)
    rows = list(
        csv.DictReader(io.StringIO(acled.read_text(encoding="utf-8-sig"), newline=""))
    )
    assert len(rows) == 20
    assert all(row["cm_control"] == row["actor1"] for row in rows)
    ucdp = tmp_path / "out-ucdp.csv"
    files.event_export_file(fmt="ucdp", path=ucdp)
    ucdp_rows = list(
        csv.DictReader(io.StringIO(ucdp.read_text(encoding="utf-8-sig"), newline=""))
    )
    assert {row["cm_control"] for row in ucdp_rows} >= {"Taliban", HOUTHIS}
    geojson = tmp_path / "out.geojson"
    files.event_export_file(fmt="geojson", path=geojson)
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    taken = {
        f["properties"]["place"]["name"]: f["properties"]["control"]["taken_by"]["name"]
        for f in features
    }
    assert taken["Yaftali Sufla"] == "Taliban"
    assert taken["Am Taffah"] == HOUTHIS


def test_events_that_change_no_control_export_an_empty_control(tmp_path):
    from events.tests.factories import EventActorFactory, EventFactory, event_type

    event = EventFactory(event_type=event_type("armed-clash"))
    EventActorFactory(event=event, role="initiator")
    out = tmp_path / "out.csv"
    files.event_export_file(fmt="acled", path=out)
    (row,) = csv.DictReader(
        io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")
    )
    assert row["cm_control"] == ""
    geojson = tmp_path / "out.geojson"
    files.event_export_file(fmt="geojson", path=geojson)
    (feature,) = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    assert feature["properties"]["control"] is None


@pytest.mark.parametrize("fmt", ["acled", "geojson"])
def test_the_round_trip_keeps_the_control_periods(fmt, tmp_path):
    _import()
    before = {
        name: [(p["since"], p["actors"], p["state"]) for p in _periods(name)]
        for name in ("Mukayras", "Am Taffah", "Quissanga", "Yaftali Sufla")
    }
    out = tmp_path / f"out.{fmt}"
    files.event_export_file(fmt=fmt, path=out)
    Event.objects.all().delete()
    report = files.event_import_file(path=out, fmt=fmt, status=Event.Status.PUBLISHED)
    assert report.created == 20
    dataversion.memos_reset()
    after = {
        name: [(p["since"], p["actors"], p["state"]) for p in _periods(name)]
        for name in before
    }
    assert after == before
