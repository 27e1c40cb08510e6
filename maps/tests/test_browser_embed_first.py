"""The embed draws its first markers from the answer its page carries (issue 16).

The map's APIs are answered here with empty answers: markers drawn at the first
draw can only come from the page's inlined answer (maps/views/first.py)."""

# ruff: noqa: F811  (the page and demo fixtures are shared with test_browser.py)

import json
import re
from urllib.request import urlopen

import pytest

from maps.selectors import index_build
from maps.tests.test_browser import (  # noqa: F401 (fixtures)
    demo,
    page,
    public_count,
    screenshot,
)
from maps.tests.test_browser_map import spread_battles

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
EMPTY = {  # both APIs' empty answers (clusters; then individual events)
    "clusters": [],
    "events": [],
    "type": "FeatureCollection",
    "features": [],
    "total": 0,
    "truncated": False,
}
API = re.compile(r"/api/v1/(clusters|events)/\?")
# What the map shows when its first markers are drawn, read in the same task as the
# drawing (a MutationObserver on the attribute load.js sets then), before the next
# view's request can replace them.
AT_FIRST_DRAW = """
new MutationObserver(function (changes, observer) {
  if (!document.body.hasAttribute("data-first-draw-ms")) { return; }
  observer.disconnect();
  var clusters = Array.from(document.querySelectorAll(".cm-cluster"));
  window.__firstDraw = {
    answer: document.body.getAttribute("data-first-answer"),
    inClusters: clusters.reduce(function (n, c) { return n + Number(c.dataset.count); }, 0),
    clusters: clusters.length,
    markers: document.querySelectorAll("path.cm-marker").length,
    clusterRequests: performance.getEntriesByType("resource")
      .filter(function (e) { return e.name.indexOf("/api/v1/clusters/") >= 0; }).length,
  };
}).observe(document, { attributes: true, subtree: true });
"""


@pytest.fixture
def many_events(demo) -> int:
    """600 more published armed clashes (battles) over Syria: the first answer is
    clusters (more than the map draws one by one)."""
    spread_battles(600, seed=16)
    index_build.event_cluster_index()  # a serving worker holds its index
    return public_count()


def inlined(url: str) -> dict:
    with urlopen(url) as response:  # the live server on 127.0.0.1
        html = response.read().decode()
    found = re.search(
        r'<script type="application/json" id="map-first">(.*?)</script>', html, re.S
    )
    assert found, "the embed page carries its first answer"
    return json.loads(found.group(1))


def first_draw(page, url: str) -> dict:
    api = []

    def empty(route) -> None:
        api.append(route.request.url)
        route.fulfill(
            status=200, content_type="application/json", body=json.dumps(EMPTY)
        )

    page.route(API, empty)
    page.add_init_script(AT_FIRST_DRAW)
    page.goto(url)
    page.wait_for_function("() => window.__firstDraw", timeout=15000)
    drawn = page.evaluate("() => window.__firstDraw")
    drawn["api"] = api
    return drawn


def test_embed_first_markers_come_from_the_inlined_answer(
    many_events, page, live_server
):
    url = live_server.url + "/embed/?timeline=0"
    answer = inlined(url)["answer"]
    assert answer["total"] == many_events > 400
    drawn = first_draw(page, url)
    assert drawn["answer"] == "inline"
    assert drawn["clusterRequests"] == 0  # none asked before the first markers
    assert drawn["clusters"] == len(answer["clusters"]) > 0
    assert drawn["inClusters"] + drawn["markers"] == answer["total"]
    screenshot(page, "embed-inlined.png")


def test_filtered_embed_draws_the_inlined_answer_of_its_filters(
    many_events, page, live_server
):
    battles = public_count(type="battles", date_from="2014-01-01")
    assert 400 < battles < many_events  # the demo's other types are left out
    url = live_server.url + "/embed/?type=battles&date_from=2014-01-01&timeline=0"
    found = inlined(url)
    assert found["filters"] == {"type": "battles", "date_from": "2014-01-01"}
    assert found["answer"]["total"] == battles
    drawn = first_draw(page, url)
    assert drawn["answer"] == "inline"
    assert drawn["clusterRequests"] == 0
    assert drawn["inClusters"] + drawn["markers"] == battles


def test_embed_with_a_view_asks_the_api(many_events, page, live_server):
    """at= sets a viewport: no inlined answer; the API's (here empty) is drawn."""
    drawn = first_draw(page, live_server.url + "/embed/?at=6/35.0/38.5&timeline=0")
    assert drawn["answer"] is None
    assert drawn["api"], "the cluster API was asked"
    assert drawn["inClusters"] + drawn["markers"] == 0
