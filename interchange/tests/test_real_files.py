"""Real ACLED and UCDP GED excerpts (data/real/, sources in its README) load as published."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.models import Actor, Event
from interchange import acled, acled_codes, countries, files
from interchange.records import ImportRejected

pytestmark = pytest.mark.django_db

REAL = Path(__file__).parent / "data" / "real"
ACLED_FILES = sorted(p.name for p in REAL.glob("acled_*.csv"))
UCDP_FILES = sorted(p.name for p in REAL.glob("ucdp_*.*"))


def _import(name: str, **kwargs) -> files.ImportReport:
    fmt = "ucdp" if name.startswith("ucdp") else "acled"
    return files.event_import_file(path=REAL / name, fmt=fmt, **kwargs)


def _rows(name: str) -> list[dict[str, str]]:
    text = (REAL / name).read_text(encoding="utf-8-sig")
    delimiter = ";" if "," not in text.split("\n", 1)[0] else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [{k.lower(): v for k, v in row.items()} for row in reader]


def _export(fmt: str, tmp_path: Path) -> list[dict[str, str]]:
    Event.objects.update(status=Event.Status.PUBLISHED)
    path = tmp_path / f"out.{fmt}"
    files.event_export_file(fmt=fmt, path=path)
    return _rows_of(path)


def _rows_of(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", ACLED_FILES + UCDP_FILES)
def test_every_real_excerpt_loads_and_reimports_unchanged(name):
    first = _import(name)
    assert first.created == first.rows > 0
    again = _import(name)
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.rows)


# 1. UCDP's own inconsistent figures


@pytest.mark.parametrize(
    ("name", "event_id", "figures"),
    [
        ("ucdp_ged_191.csv", "71645", (0, 10, 4)),  # low, best, high as published
        ("ucdp_ged_191.csv", "224479", (1, 0, 3)),
        ("ucdp_ged_231_reconstructed.csv", "464847", (334, 333, 333)),
    ],
)
def test_ucdp_rows_with_low_above_best_are_kept_and_flagged(name, event_id, figures):
    report = _import(name)
    event = Event.objects.get(external_dataset="ucdp", external_id=event_id)
    kept = (event.fatalities_low, event.fatalities_best, event.fatalities_high)
    assert kept == figures
    assert event.import_note.startswith("UCDP fatality figures inconsistent")
    assert report.flagged >= 1


def test_ucdp_geojson_release_with_inconsistent_rows_loads(tmp_path):
    report = _import("ucdp_ged_231_car_thirdparty_excerpt.geojson")
    assert report.layout == "ucdp-ged-geojson"
    assert report.flagged == 5
    flagged = Event.objects.exclude(import_note="")
    assert flagged.count() == 5
    exported = {row["id"]: row for row in _export("ucdp", tmp_path)}
    for event in flagged:  # written back unchanged
        row = exported[event.external_id]
        assert (row["low"], row["best"], row["high"]) == tuple(
            str(v)
            for v in (
                event.fatalities_low,
                event.fatalities_best,
                event.fatalities_high,
            )
        )


# 2. Intra-group events and actor kinds


def test_same_actor_on_both_sides_keeps_both_sides():
    _import("acled_spreadsheet_dates_dmmmyy_multicountry.csv")
    event = Event.objects.get(external_id="YEM52361")
    roles = sorted(
        (link.actor.name, link.role) for link in event.event_actors.select_related()
    )
    assert ("Military Forces of Yemen (2012-)", "initiator") in roles
    assert ("Military Forces of Yemen (2012-)", "target") in roles
    syria = Event.objects.get(external_id="SYR78148")
    assert (
        syria.event_actors.filter(actor__name="Idleb Communal Militia (Syria)").count()
        == 2
    )


@pytest.mark.parametrize(
    "name",
    [
        "acled_export2020_afghanistan.csv",
        "acled_current_benin_rwritten.csv",
        "acled_spreadsheet_dates_dmmmyy_multicountry.csv",
        "acled_export2021_ghana_semicolon.csv",
    ],
)
def test_actor_kind_comes_from_its_inter_code_and_survives_export(name, tmp_path):
    _import(name)
    for row in _rows(name):
        for actor_column, inter_column in (("actor1", "inter1"), ("actor2", "inter2")):
            code = row[inter_column]
            if row[actor_column] in ("", "NA") or code in ("", "0", "NA"):
                continue
            actor = Actor.objects.get(name=row[actor_column])
            assert actor.kind == acled_codes.INTER[code.lower()], row[actor_column]
    exported = {row["event_id_cnty"]: row for row in _export("acled", tmp_path)}
    for row in _rows(name):
        out = exported[row["event_id_cnty"]]
        if row["actor1"] == out["actor1"]:
            assert out["inter1"] == row["inter1"]
        if row["actor2"] not in ("", "NA") and row["actor2"] == out["actor2"]:
            assert out["inter2"] == row["inter2"]


# 3. Nothing moves


@pytest.mark.parametrize("name", ACLED_FILES)
def test_every_event_keeps_the_rows_point_and_precision(name):
    _import(name)
    for row in _rows(name):
        event = Event.objects.get(external_id=row["event_id_cnty"])
        lon, lat = event.place.location.coords
        assert (round(lat, 4), round(lon, 4)) == (
            round(float(row["latitude"]), 4),
            round(float(row["longitude"]), 4),
        )
        precision = row.get("geo_precision") or row.get("geo_precis")
        assert event.place.precision == int(precision)


def test_places_of_one_name_with_another_precision_stay_distinct():
    _import("acled_current_benin_rwritten.csv")  # Cotonou at precision 1 and 2
    cotonou = Event.objects.filter(place__name="Cotonou")
    assert {e.place.precision for e in cotonou} == {1, 2}


# 4. Spreadsheet-saved dates


@pytest.mark.parametrize(
    ("name", "event_id", "day", "label"),
    [
        ("acled_spreadsheet_dates_dmmmyy_multicountry.csv", "YEM52361", "2020-05-09",
         "D-Mon-YY, spreadsheet (9-May-20)"),
        ("acled_spreadsheet_dates_ddmmyy_kenya.csv", "KEN7182", "2019-12-31",
         "DD-MM-YY, spreadsheet (31-12-19)"),
        ("acled_one_row_per_actor_bangladesh2024.csv", "BGD28031", "2024-08-05",
         "D-Mon-YY, spreadsheet (9-May-20)"),
        ("acled_pre2019_asia2015.csv", "1BNG", "2015-01-01",
         "DD-Month-YYYY (01-January-2015)"),
    ],
)  # fmt: skip
def test_spreadsheet_dates_parse_with_the_year_column(name, event_id, day, label):
    report = _import(name)
    assert report.date_format == label
    assert Event.objects.get(external_id=event_id).date_start.isoformat() == day
    for row in _rows(name):  # the year column agrees with every date
        event = Event.objects.get(external_id=row["event_id_cnty"])
        assert event.date_start.year == int(row["year"])


# 6. Countries


def test_ucdp_country_names_and_gleditsch_ward_ids_resolve(tmp_path):
    _import("ucdp_ged_231_reconstructed.csv")
    for row in _rows("ucdp_ged_231_reconstructed.csv"):
        event = Event.objects.get(external_id=row["id"])
        assert event.place.country_code == countries.code_from_name(row["country"])
        assert event.place.country_code == countries.code_from_gleditsch_ward(
            int(row["country_id"])
        )
    exported = {row["id"]: row for row in _export("ucdp", tmp_path)}
    for row in _rows("ucdp_ged_231_reconstructed.csv"):  # GED's own names come back
        assert exported[row["id"]]["country"] == row["country"]
        assert exported[row["id"]]["country_id"] == row["country_id"]


# 7. Dry run summary, problems grouped


def test_dry_run_prints_the_summary():
    stdout = io.StringIO()
    call_command(
        "import_events", "--format", "acled", "--dry-run", "--no-progress",
        str(REAL / "acled_spreadsheet_dates_dmmmyy_multicountry.csv"), stdout=stdout,
    )  # fmt: skip
    lines = stdout.getvalue().splitlines()
    assert lines[0].startswith("Layout: ACLED export tool")
    assert "Date format: D-Mon-YY, spreadsheet (9-May-20)" in lines
    assert "Countries (4): SY 24, YE 2, SO 2, AF 2" in lines
    assert "30 would be created" in lines[-1]
    assert Event.objects.count() == 0


def test_problems_are_grouped_and_repeated_ids_found_in_the_same_pass(tmp_path):
    text = (REAL / "acled_spreadsheet_dates_dmmmyy_multicountry.csv").read_bytes()
    text = text.decode("utf-8")
    header, *records = text.split("\r\n")
    records = [r for r in records if r]
    bad = [re.sub(r",Armed clash,", ",Armed klash,", r) for r in records]
    path = tmp_path / "bad.csv"
    path.write_text("\r\n".join([header, *bad, records[1]]) + "\r\n")
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_events", "--format", "acled", str(path), stderr=stderr,
        )  # fmt: skip
    lines = stderr.getvalue().splitlines()
    klash = [line for line in lines if "Armed klash" in line]
    assert len(klash) == 1  # one line for every row with this problem
    assert re.match(r"\d+ rows: sub_event_type: … under … is not in", klash[0])
    assert any("repeats line 3" in line for line in lines)  # same pass


# 8. Round trip


def test_acled_then_geojson_of_the_same_events_cites_each_publisher_once(tmp_path):
    _import("ucdp_ged_191.csv")  # sources with titles
    Event.objects.update(status=Event.Status.PUBLISHED)
    acled_path, geojson_path = tmp_path / "a.csv", tmp_path / "a.geojson"
    files.event_export_file(fmt="acled", path=acled_path)
    files.event_export_file(fmt="geojson", path=geojson_path)
    Event.objects.all().delete()
    files.event_import_file(path=acled_path, fmt="acled")
    files.event_import_file(path=geojson_path, fmt="geojson")
    for event in Event.objects.all():
        publishers = list(event.sources.values_list("publisher", flat=True))
        assert len(publishers) == len(set(publishers)), event.external_id


def _lost(name: str, fmt: str, tmp_path: Path) -> set[str]:
    """The dataset columns whose value differs after import and export."""
    _import(name)
    key = "event_id_cnty" if fmt == "acled" else "id"
    exported = {row[key]: row for row in _export(fmt, tmp_path)}
    lost = set()
    for row in _rows(name):
        out = exported[row[key]]
        for column, value in row.items():
            if column not in out or not _same(column, value, out[column]):
                lost.add(column)
    return lost


def _same(column: str, a: str, b: str) -> bool:
    a, b = ("" if a == "NA" else a.strip()), b.strip()
    if a == b:
        return True
    if column in ("event_date", "date_start", "date_end"):
        from interchange.records import parse_date

        return parse_date(a) == parse_date(b)
    try:
        return abs(float(a) - float(b)) < 1e-6
    except ValueError:
        return False


def _documented(fmt: str) -> set[str]:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "crosswalk.md").read_text()
    match = re.search(rf"<!-- lost:{fmt} -->(.*?)<!-- /lost -->", doc, re.S)
    return set(re.findall(r"`([a-z_0-9]+)`", match.group(1)))


# Round trip, asserted against docs/crosswalk.md: test_real_acled.py, test_real_ged.py


# 9. Older layouts


def test_pre_2019_layout_loads_with_old_event_types():
    report = _import("acled_pre2019_asia2015.csv")
    assert report.layout == acled.PRE_2019
    event = Event.objects.get(external_id="1BNG")  # Riots/Protests with rioters
    assert event.event_type.slug == "riots"
    assert event.place.country_code == "BD"  # GWNO 771
    supporting = event.event_actors.filter(role="supporting")
    assert supporting.filter(actor__name="AL: Awami League").exists()  # ALLY_ACTOR_1
    africa = _import("acled_pre2019_africa1997_testfile.csv")  # GEO_PRECIS, dd/mm
    assert africa.date_format == "DD/MM/YYYY"
    assert Event.objects.get(external_id="1ALG").date_start.isoformat() == "1997-01-02"


def test_one_row_per_actor_rows_merge_into_one_event():
    report = _import("acled_one_row_per_actor_bangladesh2024.csv")
    assert report.layout == acled.ONE_ROW_PER_ACTOR
    assert (report.rows, report.merged_rows) == (17, 13)
    event = Event.objects.get(external_id="BGD28032")
    roles = {(link.actor.name, link.role) for link in event.event_actors.all()}
    assert roles == {
        ("Rioters (Bangladesh)", "initiator"),
        ("Civilians (Bangladesh)", "victim"),
        ("Hindu Group (Bangladesh)", "victim"),
    }
    assert event.fatalities_best == 0


def test_refusal_names_the_layout():
    with pytest.raises(ImportRejected) as rejected:
        files.event_import_file(
            path=REAL / "acled_export2020_afghanistan.csv", fmt="ucdp"
        )
    assert "missing required columns" in str(rejected.value.errors[0])


def test_editor_sees_the_flag_on_the_event_page(admin_client):
    _import("ucdp_ged_191.csv")
    event = Event.objects.get(external_dataset="ucdp", external_id="71645")
    page = admin_client.get(f"/admin/events/event/{event.pk}/change/")
    assert page.status_code == 200
    assert "UCDP fatality figures inconsistent: high 4 &lt; best 10" in page.text


def test_progress_bar_shows_rows_per_second_and_time_left():
    stderr = io.StringIO()
    call_command(
        "import_events", "--format", "acled", "--progress",
        str(REAL / "acled_export2020_afghanistan.csv"), stdout=io.StringIO(),
        stderr=stderr,
    )  # fmt: skip
    bar = stderr.getvalue()
    assert re.search(r"30/30 rows [\d,]+ rows/s ETA 0:00", bar)


def test_bulk_inserted_rows_have_their_history():
    from places.models import Place

    _import("acled_export2020_afghanistan.csv")
    event = Event.objects.get(external_id="AFG44631")
    assert event.history.get().history_type == "+"
    place = event.place
    assert place.history.get().location.coords == place.location.coords
    link = event.event_actors.first()
    assert link.history.get().actor_id == link.actor_id
    assert Place.objects.filter(pk=place.pk, provenance="import").exists()


def test_every_link_has_its_own_history_row():
    """Links take their ids from the column default (PostgreSQL): each history row
    names its link's id and values."""
    from events.models import EventActor, EventSource

    _import("acled_export2020_afghanistan.csv")
    actors = {(a.pk, a.event_id, a.actor_id, a.role) for a in EventActor.objects.all()}
    actor_history = {
        (h.id, h.event_id, h.actor_id, h.role)
        for h in EventActor.history.filter(history_type="+")
    }
    assert len(actors) > 30
    assert actor_history == actors
    assert EventActor.history.count() == len(actors)
    sources = {
        (s.pk, s.event_id, s.source_id, s.stance, s.speaker)
        for s in EventSource.objects.all()
    }
    source_history = {
        (h.id, h.event_id, h.source_id, h.stance, h.speaker)
        for h in EventSource.history.filter(history_type="+")
    }
    assert len(sources) >= 30
    assert source_history == sources
    assert EventSource.history.count() == len(sources)
