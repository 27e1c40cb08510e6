"""Interchange: ACLED/UCDP CSV and GeoJSON import (atomic, idempotent) and export."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events import dataversion
from events.models import Actor, Event, EventActor, EventSource, Source
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
    event_type,
)
from interchange import acled, csvio, files, ucdp
from interchange.records import ImportRejected
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "interchange"
SAMPLES = {
    "acled": DATA / "acled_sample.csv",
    "ucdp": DATA / "ucdp_sample.csv",
    "geojson": DATA / "geojson_sample.geojson",
}


def _import(fmt: str, path: Path | None = None, **kwargs) -> files.ImportReport:
    return files.event_import_file(path=path or SAMPLES[fmt], fmt=fmt, **kwargs)


def _errors(fmt: str, path: Path) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        _import(fmt, path)
    return [str(error) for error in rejected.value.errors]


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Event, Place, Actor, Source, EventActor, EventSource)
    )


def _acled_csv(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    """An ACLED file with the given cells (others taken from a valid row)."""
    base = {
        "event_id_cnty": "SYR900", "event_date": "2019-07-15", "year": "2019",
        "time_precision": "1", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Actor One", "inter1": "2", "actor2": "Actor Two", "inter2": "1",
        "iso": "760", "country": "Syria", "admin1": "Idlib", "location": "Kabani",
        "latitude": "35.70", "longitude": "36.30", "geo_precision": "1",
        "source": "SOHR", "notes": "", "fatalities": "2",
    }  # fmt: skip
    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=acled.DATASET_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**base, **row})
    return path


# Import: each format


def test_acled_sample_imports_with_dataset_coordinates():
    report = _import("acled", status="published")
    assert (report.rows, report.created) == (3, 3)
    event = Event.objects.get(external_dataset="acled", external_id="SYR101")
    assert event.status == Event.Status.PUBLISHED
    assert event.event_type.slug == "government-regains-territory"
    assert event.fatalities_best == 12
    assert "قوات الحكومة" in event.summary
    place = event.place
    assert (place.name, place.country_code, place.admin1) == (
        "Kafr Nabudah",
        "SY",
        "Hama",
    )
    assert place.location.coords == pytest.approx((36.5422, 35.4567))  # lon, lat
    assert place.provenance == Place.Provenance.IMPORT
    assert place.geocode_status == Place.GeocodeStatus.DONE
    assert place.precision == 1
    roles = {(link.actor.name, link.role) for link in event.event_actors.all()}
    assert roles == {
        ("Military Forces of Syria (2000-)", "initiator"),
        ("Wagner Group", "supporting"),
        ("National Liberation Front", "target"),
        ("Jaysh al-Izza", "target"),
    }
    assert (
        Actor.objects.get(name="Military Forces of Syria (2000-)").kind
        == "state_forces"
    )
    publishers = set(event.sources.values_list("publisher", flat=True))
    assert publishers == {"SANA", "Syrian Observatory for Human Rights"}


def test_acled_precisions_victims_agreements_and_countries():
    _import("acled")
    strike = Event.objects.get(external_id="SYR102")
    assert strike.date_precision == "week"  # time_precision 2; '15 July 2019' parsed
    assert strike.date_start.isoformat() == "2019-07-15"
    assert strike.place.precision == 2
    victim = strike.event_actors.get(actor__name="Civilians (Syria)")
    assert victim.role == "victim"
    assert victim.actor.kind == "civilians"
    agreement = Event.objects.get(external_id="SYR103")
    assert agreement.date_precision == "month"
    assert agreement.place.country_code == "TR"  # iso 792
    assert set(agreement.event_actors.values_list("role", flat=True)) == {"party"}


def test_ucdp_sample_imports():
    _import("ucdp")
    clash = Event.objects.get(external_dataset="ucdp", external_id="300101")
    assert clash.event_type.slug == "armed-clash"
    assert (clash.fatalities_best, clash.fatalities_low, clash.fatalities_high) == (
        14,
        12,
        20,
    )
    assert clash.place.admin1 == "Hama"  # 'Hama governorate'
    assert clash.place.country_code == "SY"  # Gleditsch-Ward 652
    sources = {(s.publisher, s.title) for s in clash.sources.all()}
    assert ("Reuters", "Syrian army advances") in sources
    one_sided = Event.objects.get(external_id="300102")
    assert one_sided.event_type.slug == "attack"
    assert (one_sided.date_start.isoformat(), one_sided.date_end.isoformat()) == (
        "2019-07-18",
        "2019-07-21",
    )  # date_prec 2: a span of days
    assert one_sided.event_actors.get(actor__name="Civilians").role == "victim"


def test_geojson_sample_imports_sources_with_stances():
    _import("geojson")
    event = Event.objects.get(external_dataset="geojson", external_id="demo-7")
    assert event.title == "Syrian army recaptures Kafr Nabudah"
    assert event.place.name_ar == "كفرنبودة"
    stances = set(event.event_sources.values_list("stance", flat=True))
    assert stances == {"claims", "denies"}
    assert event.disputed is True
    assert Actor.objects.get(name="National Liberation Front").kind == "rebel_coalition"


def test_rows_without_coordinates_are_queued_for_geocoding(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        _import("geojson")
    place = Event.objects.get(external_id="8").place
    assert place.location is None
    assert place.provenance != Place.Provenance.IMPORT
    assert len(callbacks) >= 1  # place_geocode_task, on commit


def test_rows_with_coordinates_never_queue_geocoding(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        _import("acled")
    # The only hook is the map index's staleness bump: no geocoding task is queued.
    assert [c for c in callbacks if not isinstance(c, dataversion._Bump)] == []


def test_existing_actor_is_matched_by_alias():
    army = ActorFactory(
        name="Syrian Arab Army",
        kind=Actor.Kind.STATE_FORCES,
        aliases=["Military Forces of Syria (2000-)"],
    )
    _import("acled")
    event = Event.objects.get(external_id="SYR101")
    assert event.event_actors.filter(actor=army, role="initiator").exists()
    assert not Actor.objects.filter(name="Military Forces of Syria (2000-)").exists()


def test_existing_place_keeps_its_point_and_the_event_keeps_the_datasets():
    place = PlaceFactory(name="Kafr Nabudah", country_code="SY", admin1="Hama")
    before = place.location.coords
    _import("acled")
    place.refresh_from_db()
    assert place.location.coords == before
    event_place = Event.objects.get(external_id="SYR101").place
    assert event_place != place  # its point is elsewhere: a place of the same name
    assert event_place.location.coords == pytest.approx((36.5422, 35.4567))


def test_existing_place_at_the_same_point_and_precision_is_reused():
    from django.contrib.gis.geos import Point

    place = PlaceFactory(
        name="Kafr Nabudah", country_code="SY", admin1="Hama", precision=1,
        location=Point(36.5450, 35.4570, srid=4326),  # 250 m away
    )  # fmt: skip
    _import("acled")
    assert Event.objects.get(external_id="SYR101").place == place


# Import: nothing half-written, every bad row reported


@pytest.mark.parametrize(
    ("fmt", "name", "expected"),
    [
        (
            "acled",
            "acled_bad_rows.csv",
            [
                "line 3: event_date: '2019-02-30' is not a valid date",
                "line 4: latitude: 'north' is not a number",
                "line 6: sub_event_type: 'Dogfight' under 'Battles' is not in the "
                "event-type taxonomy",
                "line 7: has 3 cells, the header has 31",
            ],
        ),
        (
            "ucdp",
            "ucdp_bad_rows.csv",
            [
                "line 3: type_of_violence: '4' is not one of 1, 2, 3",
                "line 4: date_end: '2019-07-14' is before date_start",
                "line 5: country: 'Atlantis' is not a known country",
            ],
        ),
        (
            "geojson",
            "geojson_bad_features.geojson",
            [
                "feature 1: date_start: '2019-02-30' is not a valid date",
                "feature 2: type.slug: 'no-such-type' is not an event-type slug",
                "feature 3: geometry.coordinates: [500, 1] is out of range",
            ],
        ),
    ],
)
def test_bad_rows_write_nothing_and_are_all_reported(fmt, name, expected):
    assert _errors(fmt, DATA / name) == expected
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_bad_file_leaves_earlier_imports_untouched():
    _import("acled")
    before = _counts()
    _errors("acled", DATA / "acled_bad_rows.csv")
    assert _counts() == before


def test_missing_required_columns_are_named(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("event_id_cnty,event_date,country\nSYR1,2019-01-01,Syria\n")
    assert _errors("acled", path) == [
        "line 1: header: missing required columns: event_type, sub_event_type, "
        "actor1, location, latitude, longitude"
    ]


def test_nul_bytes_and_huge_cells_are_row_errors(tmp_path):
    path = _acled_csv(
        tmp_path,
        [
            {"event_id_cnty": "A1"},
            {"event_id_cnty": "A2", "notes": "x" * 10_001},
            {"event_id_cnty": "A3", "location": "Kab\x00ani"},
        ],
    )
    assert _errors("acled", path) == [
        "line 3: notes: is 10001 characters long (at most 10000)",
        "line 4: location: contains a NUL byte",
    ]
    assert Event.objects.count() == 0


def test_invalid_utf8_names_its_line(tmp_path):
    good = _acled_csv(tmp_path, [{"event_id_cnty": "A1"}, {"event_id_cnty": "A2"}])
    data = good.read_bytes().replace(b"Kabani", b"Kab\xe9ni", 2)
    good.write_bytes(data.replace(b"Kab\xe9ni", b"Kabani", 1))
    assert _errors("acled", good) == [
        "line 3: is not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_duplicate_ids_in_one_file_are_errors(tmp_path):
    path = _acled_csv(tmp_path, [{"event_id_cnty": "A1"}, {"event_id_cnty": "A1"}])
    assert _errors("acled", path) == ["line 3: id: 'A1' repeats line 2"]


def test_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 100
    size = SAMPLES["acled"].stat().st_size
    assert _errors("acled", SAMPLES["acled"]) == [
        f"file: is {size} bytes, more than the 100 allowed"
    ]
    assert Event.objects.count() == 0


def test_dry_run_writes_nothing():
    report = _import("acled", dry_run=True)
    assert (report.created, report.places_created) == (3, 3)
    assert _counts() == (0, 0, 0, 0, 0, 0)


# Import: idempotent


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "geojson"])
def test_reimport_creates_nothing_new(fmt):
    first = _import(fmt)
    before = _counts()
    second = _import(fmt)
    assert _counts() == before
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.rows)


def test_reimport_updates_changed_fields_and_keeps_status_and_title(tmp_path):
    _import("acled", _acled_csv(tmp_path, [{"fatalities": "2"}]), status="published")
    event = Event.objects.get(external_id="SYR900")
    event.title = "Clashes at Kabani (curated)"
    event.save()
    report = _import("acled", _acled_csv(tmp_path, [{"fatalities": "5"}]))
    assert (report.created, report.updated) == (0, 1)
    event.refresh_from_db()
    assert event.fatalities_best == 5
    assert event.status == Event.Status.PUBLISHED  # --status applies to new events
    assert event.title == "Clashes at Kabani (curated)"  # ACLED has no title column


def test_acled_publisher_does_not_duplicate_a_richer_citation():
    _import("geojson")  # SANA cited with a title and a stance
    event = Event.objects.get(external_id="demo-7")
    event.external_dataset, event.external_id = "acled", "SYR101"
    event.save()
    _import("acled")  # SYR101 cites 'SANA' as a bare publisher
    assert event.event_sources.filter(source__publisher="SANA").count() == 1


# Export


def _native_event() -> Event:
    place = PlaceFactory(name="Tell Hamamiyat", admin1="Hama", name_ar="تل ملح")
    event = EventFactory(
        title="Opposition retakes Tell Hamamiyat",
        event_type=event_type("non-state-actor-overtakes-territory"),
        place=place,
        summary="Fighters of the NLF retook the hill; الجبهة الوطنية للتحرير",
        fatalities_best=20,
    )
    EventActorFactory(event=event, actor=ActorFactory(name="National Liberation Front"))
    EventSourceFactory(event=event, source=SourceFactory(publisher="SOHR", title="A"))
    return event


def _export(fmt: str, tmp_path: Path, **filters) -> Path:
    path = tmp_path / f"export.{fmt}"
    from events.filters import EventFilters

    files.event_export_file(fmt=fmt, path=path, filters=EventFilters(**filters))
    return path


def _snapshot(fmt: str) -> list[tuple]:
    """What a format carries about each public event (see docs/crosswalk.md)."""
    rows = []
    for event in Event.objects.published().order_by("date_start", "title"):
        links = list(event.event_actors.order_by("pk"))
        if fmt == "ucdp":  # two sides only
            side_a = [lk for lk in links if lk.role in ("initiator", "party")][:1]
            side_b = [
                lk
                for lk in links
                if lk.role in ("target", "victim")
                or (lk.role == "party" and lk not in side_a)
            ][:1]
            links = side_a + side_b
        sources = event.event_sources.select_related("source")
        if fmt == "acled":
            cited = sorted({link.source.publisher for link in sources})
        elif fmt == "ucdp":
            cited = sorted({(lk.source.publisher, lk.source.title) for lk in sources})
        else:
            cited = sorted(
                (lk.source.publisher, lk.source.title, lk.stance, lk.quote)
                for lk in sources
            )
        place = event.place
        rows.append(
            (
                event.title,
                event.summary,
                event.event_type.slug,
                event.date_start,
                event.date_end,
                event.date_precision,
                event.fatalities_best,
                place.name,
                place.country_code,
                place.admin1,
                place.name_ar,
                tuple(round(c, 4) for c in place.location.coords),
                sorted((link.actor.name, link.role) for link in links),
                cited,
            )
        )
    return rows


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


# CSV formula injection


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


# Commands


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


# The documented crosswalk


@pytest.mark.parametrize("module", [acled, ucdp])
def test_crosswalk_documents_every_column(module):
    doc = (Path(__file__).resolve().parents[2] / "docs" / "crosswalk.md").read_text()
    missing = [c for c in module.COLUMNS if f"`{c}`" not in doc]
    assert missing == []
