"""The standalone map page: events, legend, title and basemap drawn with folium
(render_event_map is pure: Feature dicts in, one offline HTML file out)."""

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import folium
from django.contrib.staticfiles import finders
from django.utils.html import escape

from maps.standalone import control_layer, drawing, elements, offline_assets


def render_event_map(
    features: Iterable[Mapping[str, Any]],
    *,
    title: str,
    subtitle: str = "",
    site_url: str = "",
    basemap: Sequence[drawing.BasemapLayer] | None = None,
    control: drawing.ControlLayer | None = None,
) -> str:
    """A self-contained HTML page mapping ``features`` (API GeoJSON Feature dicts),
    with ``control`` as a layer the reader can switch off (its own legend).

    Opening it makes no network request: Leaflet, its CSS and images and the basemap
    are inlined, and there are no tiles. Every string from a feature reaches the page
    as escaped JSON and is shown with textContent, never parsed as HTML.
    """
    points = [_point(feature) for feature in features]
    points = [point for point in points if point is not None]
    if basemap is None:
        basemap = default_basemap()

    fmap = folium.Map(
        location=drawing.DEFAULT_CENTER,
        zoom_start=drawing.DEFAULT_ZOOM,
        tiles=None,  # tile servers are network requests; the basemap is inlined
        control_scale=True,
        prefer_canvas=False,  # SVG paths: one <path> per marker, easy to test
    )
    # Per instance, so other folium users in the process keep the CDN defaults.
    fmap.default_js = []
    fmap.default_css = []
    figure = fmap.get_root()
    # After the charset <meta>; branca's own <title> would precede it, unescaped.
    figure.header.add_child(
        elements._Raw(f"<title>{escape(title)}</title>"), name="cm_page_title"
    )
    figure.header.add_child(
        elements._Raw(offline_assets._inline_assets()), name="cm_assets"
    )

    for layer in basemap:
        elements._BasemapLayer(layer).add_to(fmap)

    # Events at the same spot (a capture and its recapture) hide one another: each
    # marker's popup also lists the others there.
    spots = [(round(point["lat"], 5), round(point["lon"], 5)) for point in points]
    here: dict[tuple[float, float], list[int]] = {}
    for index, spot in enumerate(spots):
        here.setdefault(spot, []).append(index)
    elements._EventData([point["popup"] for point in points]).add_to(fmap)
    for index, point in enumerate(points):
        marker = folium.CircleMarker(
            location=[point["lat"], point["lon"]],  # folium/Leaflet: (lat, lon)
            radius=drawing.MARKER_RADIUS,
            color="#111111" if point["disputed"] else "#ffffff",
            weight=2.5 if point["disputed"] else 1.5,
            dash_array="3 3" if point["disputed"] else None,
            fill=True,
            fill_color=point["color"],
            fill_opacity=0.9,
            class_name="cm-event cm-disputed" if point["disputed"] else "cm-event",
        )
        shared = here[spots[index]]
        others = [other for other in shared if other != index][: drawing.MAX_ALSO_HERE]
        marker.add_child(elements._EventPopup(index, others, total=len(shared) - 1))
        marker.add_to(fmap)

    if control is not None:
        control_layer._add_control_layer(fmap, control)

    if len(points) == 1:
        fmap.location = [points[0]["lat"], points[0]["lon"]]
        fmap.options["zoom"] = 9
    elif points:
        lats = [p["lat"] for p in points]
        lons = [p["lon"] for p in points]
        fmap.fit_bounds(
            [[min(lats), min(lons)], [max(lats), max(lons)]],
            padding_top_left=(30, 110),  # (x, y) px: keep markers off the title box
            padding_bottom_right=(30, 40),
            max_zoom=11,
        )

    attribution = ["ConflictMap", "Leaflet"]
    if basemap:
        attribution.append(offline_assets.BASEMAP_ATTRIBUTION)
    elements._Attribution(" | ".join(attribution)).add_to(fmap)
    figure.html.add_child(
        elements._Raw(_title_html(title, subtitle, count=len(points))), name="cm_title"
    )
    figure.html.add_child(elements._Raw(_legend_html(points)), name="cm_legend")
    if control is not None:
        figure.html.add_child(
            elements._Raw(control_layer._control_legend_html(control)),
            name="cm_control_legend",
        )
    elements._PopupSiteUrl(site_url).add_to(fmap)

    html = figure.render()
    offline_assets.assert_offline(html)
    return html


def default_basemap() -> list[drawing.BasemapLayer]:
    """The vendored Natural Earth countries and governorates; [] when not installed."""
    styles = (
        {"color": "#9a9a9a", "weight": 0.8, "fillColor": "#f2efe9", "fillOpacity": 1},
        {"color": "#b5aea0", "weight": 0.6, "dashArray": "2 2", "fillOpacity": 0},
    )
    layers = []
    for path, style in zip(offline_assets.BASEMAP_FILES, styles, strict=True):
        found = finders.find(path)
        if found:
            data = json.loads(Path(found).read_text(encoding="utf-8"))
            layers.append(drawing.BasemapLayer(data=data, style=style))
    return layers


def _point(feature: Mapping[str, Any]) -> dict | None:
    geometry = feature.get("geometry") or {}
    if geometry.get("type") != "Point":
        return None
    lon, lat = geometry["coordinates"][:2]  # GeoJSON: (lon, lat)
    props = feature.get("properties") or {}
    event_type = props.get("type") or {}
    color = event_type.get("color") or ""
    group = event_type.get("parent_name") or event_type.get("name") or "Other"
    place = props.get("place") or {}
    popup = {
        "id": feature.get("id"),
        "title": props.get("title") or "",
        "date": props.get("date_label") or props.get("date_start") or "",
        "type": " / ".join(
            name
            for name in (event_type.get("parent_name"), event_type.get("name"))
            if name
        ),
        "disputed": bool(props.get("disputed")),
        "place": place.get("name") or "",
        "place_ar": place.get("name_ar") or "",
        "actors": [
            {"name": actor.get("name") or "", "role": actor.get("role_label") or ""}
            for actor in props.get("actors") or []
        ],
        "fatalities": props.get("fatalities_best"),
        "summary": props.get("summary") or "",
        "sources": [
            {
                "publisher": source.get("publisher") or "",
                "title": source.get("title") or "",
                "url": elements._safe_link(source.get("url")),
                "stance": source.get("stance") or "",
                "stance_label": source.get("stance_label") or "",
                "speaker": source.get("speaker") or "",
                "quote": source.get("quote") or "",
                "published_at": str(source.get("published_at") or "")[:10],
            }
            for source in props.get("sources") or []
        ],
        "url": props.get("url") or "",
    }
    return {
        "lat": float(lat),
        "lon": float(lon),
        "color": color if drawing._HEX_COLOR.match(color) else drawing.DEFAULT_COLOR,
        "group": group,
        "disputed": popup["disputed"],
        "popup": popup,
    }


def _title_html(title: str, subtitle: str, *, count: int) -> str:
    counted = (
        f"{count} event{'s' if count != 1 else ''}" if count else "No events match"
    )
    lines = [counted, subtitle] if subtitle else [counted]
    return (
        '<div class="cm-box cm-title" role="banner">'
        f"<h1>{escape(title)}</h1>"
        + "".join(f"<p>{escape(line)}</p>" for line in lines)
        + "</div>"
    )


def _legend_html(points: Sequence[dict]) -> str:
    groups: dict[str, str] = {}
    for point in points:
        groups.setdefault(point["group"], point["color"])
    items = "".join(
        f'<li><span class="cm-swatch" style="background:{color}"></span>'
        f"{escape(name)}</li>"
        for name, color in sorted(groups.items())
    )
    items += (
        '<li><span class="cm-swatch cm-swatch-disputed"></span>'
        "Disputed (sources disagree)</li>"
    )
    return (
        '<div class="cm-box cm-legend" role="complementary" aria-label="Legend">'
        f"<h2>Event types</h2><ul>{items}</ul></div>"
    )
