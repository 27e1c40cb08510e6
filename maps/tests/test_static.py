"""The map's ES modules and stylesheets: what the pages link exists, imports resolve."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from events.tests.factories import EventFactory

MODULES = Path(settings.BASE_DIR) / "static" / "maps"
STATIC_IMPORT = re.compile(r'^import \{[^}]*\} from "\./([\w-]+\.js)";$', re.M)
DYNAMIC_IMPORT = re.compile(r'\bimport\("\./([\w-]+\.js)"\)')
LINKED = re.compile(r'<(?:script|link)\b[^>]*?(?:src|href)="/static/([^"?]+)"')
# Run on the map page only, or after the first markers: not in the embed's first paint.
NOT_IN_FIRST_PAINT = {"list.js", "search.js", "timeline.js"}


def static_imports(name: str) -> set[str]:
    return set(STATIC_IMPORT.findall((MODULES / name).read_text()))


def module_graph(entry: str) -> set[str]:
    """Modules the browser loads before ``entry`` runs (its static imports, deep)."""
    seen, todo = set(), [entry]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(static_imports(name))
    return seen


def test_every_import_names_a_module_that_exists():
    for path in MODULES.glob("*.js"):
        text = path.read_text()
        for name in STATIC_IMPORT.findall(text) + DYNAMIC_IMPORT.findall(text):
            assert (MODULES / name).is_file(), f"{path.name} imports {name}"


def test_module_imports_have_no_cycles():
    def visit(name: str, path: tuple[str, ...]) -> None:
        for imported in static_imports(name):
            assert imported not in path, " -> ".join((*path, imported))
            visit(imported, (*path, imported))

    visit("main.js", ("main.js",))


def test_modules_stay_under_the_size_guideline():
    for path in MODULES.glob("*.js"):
        assert len(path.read_text().splitlines()) <= 400, path.name


def test_embed_first_paint_loads_no_map_page_or_timeline_code():
    graph = module_graph("main.js")
    assert graph >= {"map.js", "popup.js", "load.js", "embed.js"}
    assert not graph & NOT_IN_FIRST_PAINT  # imported dynamically, where needed


@pytest.mark.django_db
def test_embed_preloads_every_module_of_its_first_paint():
    """modulepreload links for main.js's static graph: the browser asks for them
    with the page, instead of learning each level from the one before (issue 16)."""
    html = Client().get("/embed/").content.decode()
    preloaded = set(
        re.findall(r'<link rel="modulepreload" href="/static/maps/([\w-]+\.js)">', html)
    )
    assert preloaded == module_graph("main.js") - {"main.js"}


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["map", "embed", "detail"])
def test_pages_link_existing_modules_and_stylesheets(page):
    event = EventFactory()
    url = {"map": "/", "embed": "/embed/", "detail": event.get_absolute_url()}[page]
    html = Client().get(url).content.decode()
    assert '<script type="module" src="/static/maps/main.js"></script>' in html
    linked = LINKED.findall(html)
    assert "css/base.css" in linked
    assert "css/map.css" in linked
    for path in linked:
        assert finders.find(path), path
