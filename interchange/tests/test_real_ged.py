"""Real UCDP GED excerpts (data/real/ucdp_*, sources in its README): each layout is
recognised and named, loads as published, re-imports unchanged, keeps GED's sources."""

import io

import pytest
from django.core.management import call_command

from events.models import Event, Source
from interchange import files, ucdp
from interchange.tests.test_real_files import REAL, _documented, _lost, _rows

pytestmark = pytest.mark.django_db

GED_CSV = {  # file: the layout its header gives
    "ucdp_ged_191.csv": ucdp.GED_19,
    "ucdp_ged_231_reconstructed.csv": ucdp.GED_20,
    "ucdp_ged_candidate_26_0_7.csv": ucdp.GED_20,
}


def _import(name: str) -> files.ImportReport:
    return files.event_import_file(path=REAL / name, fmt="ucdp")


@pytest.mark.parametrize(("name", "layout"), GED_CSV.items())
def test_each_ged_layout_is_recognised_named_and_loads_as_published(name, layout):
    stdout = io.StringIO()
    call_command(
        "import_events", "--format", "ucdp", "--dry-run", "--no-progress",
        str(REAL / name), stdout=stdout,
    )  # fmt: skip
    lines = stdout.getvalue().splitlines()
    assert lines[0] == f"Layout: {ucdp.LAYOUTS[layout]}"
    rows = _rows(name)
    assert f"{len(rows)} would be created" in lines[-1]
    first = _import(name)
    assert (first.layout, first.created) == (layout, len(rows))
    # UCDP's own inconsistent figures are kept as published and flagged
    inconsistent = {
        row["id"]
        for row in rows
        if int(row["low"]) > int(row["best"]) or int(row["high"]) < int(row["best"])
    }
    flagged = set(
        Event.objects.exclude(import_note="").values_list("external_id", flat=True)
    )
    assert flagged == inconsistent
    again = _import(name)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(rows))


@pytest.mark.parametrize("name", GED_CSV)
def test_ged_sources_are_cited_by_publisher_with_date_and_headline(name):
    """source_article holds '"publisher,date,headline"' entries; source_office the
    publishers. Each becomes one source of that publisher, not one named after the
    whole entry (before: publisher '"Kabul Now,2026-07-12,Former Afghan …"')."""
    _import(name)
    checked = 0
    for row in _rows(name):
        offices = {o.strip() for o in row["source_office"].split(";") if o.strip()}
        if not offices:  # old free-text references ('Burma Human Rights Yearbook 2003')
            continue
        event = Event.objects.get(external_dataset="ucdp", external_id=row["id"])
        sources = list(event.sources.all())
        assert {s.publisher for s in sources} == offices, row["id"]
        for source in sources:
            assert source.title.strip()
            assert source.title in row["source_headline"]
            assert source.published_at is not None
        checked += 1
    assert checked


def test_a_ged_source_keeps_its_entrys_date_and_headline():
    _import("ucdp_ged_candidate_26_0_7.csv")
    event = Event.objects.get(external_id="636515")
    cited = {
        (s.publisher, s.published_at.date().isoformat(), s.title)
        for s in event.sources.all()
    }
    assert ("RTB", "2026-07-15", "RTB - Special Edition: Frontline News") in cited
    assert ("@BrantPhilip_", "2026-07-06", "Simultaneous") in cited
    # Naïm Touré is cited with one headline on two dates: two sources, each its date
    # (before: one source, publisher + title, with the first date)
    naim = "Burkina-Faso, Région de la Boucle du Mouhoun."
    assert ("Naïm Touré on Telegram", "2026-07-04", naim) in cited
    assert ("Naïm Touré on Telegram", "2026-07-06", naim) in cited
    assert len(cited) == 5


def _entries(row: dict) -> set[tuple[str, str, str]]:
    """(publisher, date, headline) of each quoted entry of a row's source_article."""
    cell = row["source_article"].strip()[1:-1]
    found = set()
    for entry in cell.split('";"'):
        publisher, date, headline = entry.split(",", 2)
        found.add((publisher.strip(), date, headline.strip()))
    return found


def test_a_recurring_headline_keeps_each_citations_own_date():
    """'@KargnHasret' posts '#BurkinaFaso' on many days; row 636648 cites the posts of
    6 and 10 July, row 636749 the one of 16 July. Each event's sources carry its own
    row's dates (before: one source per publisher + title, so every later event showed
    the first date imported)."""
    report = _import("ucdp_ged_candidate_26_0_7.csv")
    rows = {row["id"]: row for row in _rows("ucdp_ged_candidate_26_0_7.csv")}
    for external_id in ("636648", "636749", "636729", "636660", "636515"):
        event = Event.objects.get(external_dataset="ucdp", external_id=external_id)
        cited = {
            (s.publisher, s.published_at.date().isoformat(), s.title)
            for s in event.sources.all()
        }
        assert cited == _entries(rows[external_id]), external_id
    posts = Source.objects.filter(publisher="@KargnHasret", title="#BurkinaFaso")
    days = sorted(s.published_at.date().isoformat() for s in posts)
    assert days == sorted({
        date
        for row in rows.values()
        if "#BurkinaFaso" in row["source_article"]
        for publisher, date, headline in _entries(row)
        if (publisher, headline) == ("@KargnHasret", "#BurkinaFaso")
    })  # fmt: skip
    assert len(days) > 1
    sources = Source.objects.count()
    again = _import("ucdp_ged_candidate_26_0_7.csv")  # re-import changes nothing
    assert (again.created, again.updated, again.sources_created) == (0, 0, 0)
    assert again.unchanged == report.created
    assert Source.objects.count() == sources


def test_candidate_release_reads_its_datetimes_and_country_level_rows():
    report = _import("ucdp_ged_candidate_26_0_7.csv")
    assert report.date_format == "YYYY-MM-DD"  # '2026-07-04 00:00:00.000'
    event = Event.objects.get(external_id="634046")  # where_prec 6, no adm_1
    assert (event.date_start.isoformat(), event.date_end.isoformat()) == (
        "2026-06-29",
        "2026-07-01",
    )
    assert (event.place.country_code, event.place.admin1) == ("BF", "")
    assert event.place.feature_type == "country"
    tougou = Event.objects.get(external_id="636660")  # a line break inside a cell
    assert tougou.place.name == "Tougou village"


@pytest.mark.parametrize("name", GED_CSV)
def test_ged_round_trip_loses_only_what_the_crosswalk_lists(name, tmp_path):
    assert _lost(name, "ucdp", tmp_path) <= _documented("ucdp")


def test_every_column_the_crosswalk_lists_as_lost_is_lost_by_a_real_file(tmp_path):
    lost = set()
    for name in GED_CSV:
        Event.objects.all().delete()
        lost |= _lost(name, "ucdp", tmp_path)
    assert lost == _documented("ucdp")


def test_ged_geojson_sources_are_cited_by_publisher():
    """The same rule for GED as GeoJSON (properties source_article, source_office)."""
    report = files.event_import_file(
        path=REAL / "ucdp_ged_231_car_thirdparty_excerpt.geojson", fmt="ucdp"
    )
    assert report.layout == ucdp.GED_GEOJSON
    un = Source.objects.get(
        publisher="United Nations Human Rights Office Of the High Commissioner"
    )
    assert un.published_at.date().isoformat() == "2017-05-31"
    assert un.title.startswith("Central African Republic: ")
    assert not Source.objects.filter(publisher__startswith='"').exists()
