"""What the standalone export tests share: a parsed page (what a browser would fetch,
its text and scripts), its popups' data, hostile strings and Feature dicts."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from events.models import Event
from events.tests.factories import (
    EventFactory,
)

IMG = "<img src=x onerror=alert(1)>"


BREAKOUT = "</script><script>alert(1)</script>"


TEMPLATE = "`${alert(1)}` \\u0041 \u2028"


HOSTILE = f"{IMG} {BREAKOUT} {TEMPLATE}"


FETCHING = {
    "script": {"src"},
    "link": {"href"},
    "img": {"src", "srcset"},
    "iframe": {"src"},
    "embed": {"src"},
    "object": {"data"},
    "source": {"src", "srcset"},
    "video": {"src", "poster"},
    "audio": {"src"},
    "image": {"href", "xlink:href"},
    "use": {"href", "xlink:href"},
    "input": {"src"},
}


CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)


IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)", re.IGNORECASE)


class Page(HTMLParser):
    """What a browser would fetch on open, plus the page's text and scripts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.fetched: list[str] = []
        self.css: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._stack: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name, value in attrs:
            if value and name in FETCHING.get(tag, ()):
                self.fetched.append(value)
            if value and name == "style":
                self.css.append(value)
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data):
        current = self._stack[-1] if self._stack else ""
        if current == "style":
            self.css.append(data)
        elif current == "script":
            self.scripts.append(data)
        else:
            self.text.append(data)

    def css_urls(self) -> list[str]:
        return [
            u for css in self.css for u in CSS_URL.findall(css) + IMPORT.findall(css)
        ]


def network_urls(html: str) -> list[str]:
    page = Page(html)
    urls = page.fetched + page.css_urls()
    return [u for u in urls if not u.strip().lower().startswith(("data:", "#"))]


def popups(html: str) -> list[dict]:
    """The event data handed to the page's popup builder, decoded as the browser would."""
    found = re.findall(r"\n\s*conflictmapEvents = (\[.*\]);\n", html)
    assert len(found) <= 1
    return json.loads(found[0]) if found else []


def feature(pk=1, *, title="Clash", lon=36.5, lat=35.4, **props) -> dict:
    properties = {
        "title": title,
        "date_start": "2019-07-15",
        "date_label": "15 July 2019",
        "type": {
            "slug": "armed-clash",
            "name": "Armed clash",
            "color": "#d62728",
            "parent_slug": "battles",
            "parent_name": "Battles",
        },
        "disputed": False,
        "place": {"name": "Kabani", "name_ar": "كباني", "precision": 1},
        "actors": [
            {"id": 1, "name": "NLF", "role": "initiator", "role_label": "Initiator"}
        ],
        "fatalities_best": None,
        "url": f"/events/{pk}/",
        "sources": [
            {
                "publisher": "Daily Sabah",
                "title": "Russia deploying special forces",
                "url": "https://www.dailysabah.com/example",
                "published_at": "2019-07-19T00:07:00Z",
                "stance": "claims",
                "stance_label": "Claims",
                "speaker": "Naji Mustafa",
                "quote": "These special Russian forces are now present",
            }
        ],
    }
    properties.update(props)
    return {
        "type": "Feature",
        "id": pk,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def published_event(title: str, **kwargs) -> Event:
    return EventFactory(title=title, status=Event.Status.PUBLISHED, **kwargs)


def titles(path: Path) -> set[str]:
    return {popup["title"] for popup in popups(path.read_text(encoding="utf-8"))}
