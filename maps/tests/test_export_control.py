"""The control layer in the standalone map: who held each place on a date, a layer
the reader can switch off, its legend; rendered for real and read back."""

import datetime as dt
import io
import re

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.core.management import call_command

from control import selectors as control_selectors
from events.tests.factories import (
    ActorFactory,
    territory_capture,
)
from maps import services as export_services
from maps.standalone import drawing, map_page
from maps.tests.export_pages import HOSTILE, feature, network_urls
from places.tests.factories import PlaceFactory

SQUARE = ((36.6, 35.3), (36.7, 35.3), (36.7, 35.4), (36.6, 35.4), (36.6, 35.3))


def control_feature(place="Kabani", *, color="#27ae60", **props) -> dict:
    return {
        "type": "Feature",
        "id": 7,
        "geometry": {"type": "Point", "coordinates": [36.65, 35.35]},
        "properties": {
            "place_id": 7,
            "place": place,
            "state": "held",
            "coalition": {"id": 3, "name": "National Liberation Front"},
            "actors": [{"id": 4, "name": "Faylaq al-Sham"}],
            "color": color,
            "since": "2019-05-08",
            "since_label": "8 May 2019",
            "disputed": False,
            "area": None,
            **props,
        },
    }


def layer(*features, day="2019-05-10") -> drawing.ControlLayer:
    return drawing.ControlLayer(day=day, features=list(features))


def control_markers(html: str) -> list[str]:
    """The option objects of the control layer's circle markers."""
    return re.findall(
        r"L\.circleMarker\(\s*\[[^\]]*\],\s*(\{[^}]*cm-control[^}]*\})", html
    )


def test_the_control_layer_is_a_switchable_group_with_its_own_legend():
    html = map_page.render_event_map(
        [feature()], title="Map", control=layer(control_feature())
    )
    assert "L.control.layers(" in html  # the reader can switch it off
    assert "Control on 2019-05-10" in html
    assert re.search(r"L\.featureGroup\(", html)
    (marker,) = control_markers(html)
    assert '"fillColor": "#27ae60"' in marker
    legend = re.search(
        r'<div class="cm-box cm-legend cm-control-legend".*?</div>', html
    )
    assert "National Liberation Front" in legend.group(0)
    assert "#27ae60" in legend.group(0)
    assert network_urls(html) == []  # still opens offline


def test_without_a_control_layer_the_page_has_none():
    html = map_page.render_event_map([feature()], title="Map")
    assert "cm-control" not in html.replace("cm-control-legend {", "")
    assert "L.control.layers(" not in html


def test_contested_and_disputed_places_are_drawn_apart():
    html = map_page.render_event_map(
        [],
        title="Map",
        control=layer(
            control_feature("A"),
            control_feature("B", state="contested", coalition=None, color="#f1c40f"),
            control_feature("C", disputed=True),
        ),
    )
    plain, contested, disputed = control_markers(html)
    assert "dashArray" not in plain or '"dashArray": null' in plain
    assert "cm-control--contested" in contested
    assert '"dashArray": "4 3"' in contested
    assert "cm-control--disputed" in disputed
    assert "Contested" in html  # in the legend


def test_a_place_with_an_area_gets_its_outline_in_the_controller_colour():
    area = {"type": "MultiPolygon", "coordinates": [[[list(p) for p in SQUARE]]]}
    html = map_page.render_event_map(
        [], title="Map", control=layer(control_feature(area=area))
    )
    assert "L.geoJson(" in html or "L.geoJSON(" in html
    assert "cm-control-area" in html
    assert "[36.6, 35.3]" in html.replace("[36.6,35.3]", "[36.6, 35.3]")


def test_hostile_names_reach_the_page_as_text_only():
    hostile = control_feature(
        HOSTILE, coalition={"id": 1, "name": HOSTILE}, color="red;x:url(//e)"
    )
    html = map_page.render_event_map([], title="Map", control=layer(hostile))
    assert "<img src=x" not in html
    assert "</script><script>alert(1)" not in html
    assert "url(//e)" not in html  # a colour that is not one is replaced
    assert "textContent = label" in html


# -- through the service, the command and the download, on real data ----------------


@pytest.mark.django_db
def test_the_export_shows_who_held_each_place_on_the_date():
    rebels, regime = ActorFactory(name="Rebels"), ActorFactory(name="Regime")
    hills = PlaceFactory(
        name="Hilltops",
        location=Point(36.65, 35.35, srid=4326),
        area=MultiPolygon(Polygon(SQUARE), srid=4326),
    )
    territory_capture(hills, rebels, dt.date(2019, 7, 8))
    territory_capture(hills, regime, dt.date(2019, 7, 15))
    rebels_color = control_selectors.coalition_color(rebels.pk)
    regime_color = control_selectors.coalition_color(regime.pk)
    between = export_services.map_export_render(control_on=dt.date(2019, 7, 10)).html
    after = export_services.map_export_render(control_on=dt.date(2019, 7, 20)).html
    assert f'"fillColor": "{rebels_color}"' in control_markers(between)[0]
    assert f'"fillColor": "{regime_color}"' in control_markers(after)[0]
    assert "Control on 2019-07-10" in between
    assert "cm-control-area" in between
    before = export_services.map_export_render(control_on=dt.date(2019, 7, 1)).html
    assert control_markers(before) == []
    assert "No recorded control" in before


@pytest.mark.django_db
def test_the_command_and_the_download_take_the_control_date(tmp_path, client):
    place = PlaceFactory(name="Kabani")
    territory_capture(place, ActorFactory(name="Rebels"), dt.date(2019, 5, 8))
    out = tmp_path / "map.html"
    call_command(
        "export_map", "--out", str(out), "--control-date", "2019-05-10",
        stdout=io.StringIO(),
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "Control on 2019-05-10" in html
    assert len(control_markers(html)) == 1
    response = client.get("/export/map.html", {"control": "1", "date_to": "2019-05-10"})
    assert "Control on 2019-05-10" in response.content.decode()
    plain = client.get("/export/map.html", {"date_to": "2019-05-10"})
    assert "Control on" not in plain.content.decode()  # not the cached control map
