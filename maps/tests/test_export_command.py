"""The export_map command and the export service: published, located events only, the
API's filters, errors that write nothing, the default storage, the cap, few queries."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command
from django.db import connections

from events import services as event_services
from events.models import Event, EventSource
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
    event_type,
)
from maps import services as export_services
from maps.management.commands import export_map
from maps.tests.export_pages import network_urls, popups, published_event, titles
from places.tests.factories import PlaceFactory


@pytest.mark.django_db
def test_command_writes_an_offline_file(tmp_path):
    published_event("Kabani clash")
    out = tmp_path / "map.html"
    call_command("export_map", "--out", str(out), stdout=io.StringIO())
    html = out.read_text(encoding="utf-8")
    assert titles(out) == {"Kabani clash"}
    assert network_urls(html) == []
    assert oct(out.stat().st_mode & 0o777) == oct(0o644)
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [Event.Status.DRAFT, Event.Status.IN_REVIEW, Event.Status.RETRACTED]
)
def test_command_exports_only_published_events(tmp_path, status):
    published_event("Public one")
    EventFactory(title="Hidden one", status=status)
    out = tmp_path / "map.html"
    call_command("export_map", "--out", str(out), stdout=io.StringIO())
    assert titles(out) == {"Public one"}
    assert "Hidden one" not in out.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_command_skips_events_without_a_location(tmp_path):
    published_event("Placed")
    published_event("Unplaced", place=PlaceFactory(name="Nowhere", location=None))
    out = tmp_path / "map.html"
    call_command("export_map", "--out", str(out), stdout=io.StringIO())
    assert titles(out) == {"Placed"}


@pytest.mark.django_db
def test_command_popups_carry_sources_and_actors(tmp_path):
    event = published_event("Humaymat recaptured")
    EventSourceFactory(
        event=event,
        source=SourceFactory(publisher="Daily Sabah", url="https://example.org/a"),
        stance=EventSource.Stance.CLAIMS,
        speaker="NLF spokesman",
    )
    EventSourceFactory(
        event=event,
        source=SourceFactory(publisher="TASS"),
        stance=EventSource.Stance.DENIES,
    )
    event_services.event_refresh_disputed(event=event)
    EventActorFactory(event=event, actor=ActorFactory(name="Russian armed forces"))
    out = tmp_path / "map.html"
    call_command("export_map", "--out", str(out), stdout=io.StringIO())
    (popup,) = popups(out.read_text(encoding="utf-8"))
    assert popup["disputed"] is True
    assert [(s["publisher"], s["stance_label"]) for s in popup["sources"]] == [
        ("Daily Sabah", "Claims"),
        ("TASS", "Denies"),
    ]
    assert popup["sources"][0]["speaker"] == "NLF spokesman"
    assert popup["actors"][0]["name"] == "Russian armed forces"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--type", "battles"], {"Clash"}),
        (["--type", "air-drone-strike"], {"Strike"}),
        (["--date-from", "2019-07-10"], {"Strike"}),
        (["--date-to", "2019-07-10"], {"Clash"}),
        (["--in-bbox", "36.0,35.0,36.55,35.5"], {"Clash"}),
        (["--actor", "Tiger Forces"], {"Strike"}),
        (["--disputed", "true"], {"Clash"}),
        (["--disputed", "false"], {"Strike"}),
    ],
)
def test_command_filters_like_the_api(tmp_path, args, expected):
    clash = published_event(
        "Clash",
        date_start=dt.date(2019, 7, 1),
        place=PlaceFactory(name="Kabani", location=Point(36.5, 35.4)),
    )
    EventSourceFactory(event=clash, stance=EventSource.Stance.CLAIMS)
    EventSourceFactory(event=clash, stance=EventSource.Stance.DENIES)
    event_services.event_refresh_disputed(event=clash)
    strike = published_event(
        "Strike",
        event_type=event_type("air-drone-strike"),
        date_start=dt.date(2019, 7, 18),
        place=PlaceFactory(name="Kafr Nabudah", location=Point(36.6, 35.6)),
    )
    EventActorFactory(event=strike, actor=ActorFactory(name="Tiger Forces"))
    out = tmp_path / "map.html"
    call_command("export_map", "--out", str(out), *args, stdout=io.StringIO())
    assert titles(out) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--in-bbox", "36,35"], "--in-bbox: Expected in_bbox=min_lon,min_lat"),
        (["--date-from", "19/07/2019"], "--date-from: Enter a valid date"),
        (["--type", "no-such-type"], "--type: Unknown event type: no-such-type"),
        (["--disputed", "maybe"], "--disputed: Expected disputed=true"),
        (
            ["--date-from", "2019-07-20", "--date-to", "2019-07-01"],
            "--date-to: date_to must not be before date_from",
        ),
    ],
)
def test_command_rejects_bad_filters_and_writes_nothing(tmp_path, args, message):
    published_event("Clash")
    out = tmp_path / "map.html"
    with pytest.raises(CommandError, match="Invalid filters") as raised:
        call_command("export_map", "--out", str(out), *args)
    assert message in str(raised.value)
    assert raised.value.returncode != 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_command_line_exits_non_zero_with_a_message(tmp_path, capsys, monkeypatch):
    # run_from_argv closes connections when done; keep the test transaction's.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    out = tmp_path / "map.html"
    argv = ["manage.py", "export_map", "--out", str(out), "--in-bbox", "a,b,c,d"]
    with pytest.raises(SystemExit) as exited:
        export_map.Command().run_from_argv(argv)
    assert exited.value.code == 1
    assert "--in-bbox: Expected in_bbox=" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.django_db
def test_command_refuses_a_missing_folder(tmp_path):
    out = tmp_path / "missing" / "map.html"
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_map", "--out", str(out))
    assert not out.parent.exists()


@pytest.mark.django_db
def test_failed_export_keeps_the_previous_file(tmp_path, monkeypatch):
    published_event("Clash")
    out = tmp_path / "map.html"
    out.write_text("previous export", encoding="utf-8")

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_services.os, "replace", explode)
    with pytest.raises(RuntimeError):
        export_services.map_export_create(out_path=out)
    assert out.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


@pytest.mark.django_db
def test_export_without_out_path_goes_to_default_storage(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    published_event("Clash")
    result = export_services.map_export_create()
    saved = Path(result.path)
    assert saved.parent == tmp_path / "exports"
    assert saved.name.startswith("conflictmap-")
    assert titles(saved) == {"Clash"}


@pytest.mark.django_db
def test_export_is_capped_and_says_so(tmp_path):
    for day in (1, 2, 3):
        published_event(f"Day {day}", date_start=dt.date(2019, 7, day))
    out = tmp_path / "map.html"
    err = io.StringIO()
    call_command(
        "export_map",
        "--out",
        str(out),
        "--limit",
        "2",
        stdout=io.StringIO(),
        stderr=err,
    )
    assert titles(out) == {"Day 3", "Day 2"}  # newest first
    assert "More events match" in err.getvalue()
    assert "newest 2 shown" in out.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_export_queries_do_not_grow_with_events(django_assert_max_num_queries):
    for n in range(12):
        event = published_event(f"Event {n}")
        EventSourceFactory(event=event)
        EventActorFactory(event=event)
    with django_assert_max_num_queries(6):
        result = export_services.map_export_render()
    assert result.count == 12
