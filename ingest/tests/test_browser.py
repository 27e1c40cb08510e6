"""The ingest page in Chromium: an unknown village's gazetteer candidate picked on the
place map (offline basemap) becomes the confirmed draft event's place."""

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from events.models import Event
from events.tests.admin_forms import logged_in
from ingest import propose
from maps.tests.browser import screenshot, signed_in_page
from places.models import Place

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# "Abedin" is not in the gazetteer (loose candidates only). The article is hostile too:
# a script and a quote that would break out of an attribute if it were not escaped.
ARTICLE = (
    "<script>alert('x')</script>Regime forces shelled the village of Abedin in the "
    "southern Idlib countryside on Thursday, killing two civilians, local activists "
    "said. \"' onmouseover='alert(2)"
)


@pytest.fixture
def warm_reader(transactional_db) -> None:
    """The first reading in a process builds the gazetteer index from the bundled files
    and loads the reader's tables (about 8 CPU-seconds; over the click's 30 s on a busy
    machine). The live server's thread shares this process's caches, so reading once
    here keeps the click about the page, not the cold start."""
    propose.article_propose(
        text_raw=ARTICLE, published_at=dt.datetime(2019, 7, 18, tzinfo=dt.UTC)
    )


@pytest.fixture
def page(live_server, monkeypatch, warm_reader) -> Iterator:
    with signed_in_page(monkeypatch, live_server.url, logged_in("Editor")) as (
        page,
        guard,
    ):
        yield page
        assert guard.dialogs == []
    assert guard.blocked == []
    assert guard.errors == []


def test_an_editor_picks_a_candidate_on_the_map_and_the_draft_gets_it(
    page, live_server
):
    page.goto(f"{live_server.url}/admin/events/ingest/")
    page.fill('textarea[name="text"]', ARTICLE)
    page.fill('input[name="published_on"]', "2019-07-18")
    page.fill('input[name="publisher"]', "Local news")
    page.fill('input[name="title"]', "Shelling of Abedin")
    page.click('input[name="_propose"]')
    expect(page.locator("#ingest-map")).to_have_attribute("data-map-state", "ready")
    expect(page.locator("#ingest-target")).to_contain_text("Abedin")
    # The offline basemap is drawn under the map (no tile server here).
    page.wait_for_function(
        "document.querySelectorAll('#ingest-map path:not(.leaflet-interactive)')"
        ".length > 10"
    )
    candidates = page.evaluate(
        "JSON.parse(document.getElementById('ingest-map-data').textContent)"
        ".names.find(n => n.text === 'Abedin').candidates"
    )
    markers = page.locator("#ingest-map path.ingest-candidate-marker")
    expect(markers).to_have_count(len(candidates))
    markers.nth(0).click(force=True)
    choice = page.locator('.ingest-place-choice[data-form="events-0"]')
    expect(choice).to_contain_text(f"Chosen: {candidates[0]['name']}")
    expect(page.locator('input[name="events-0-place_ref"]')).to_have_value(
        candidates[0]["ref"]
    )
    expect(page.locator("#ingest-map path.ingest-chosen-marker")).to_have_count(1)
    screenshot(page, "ingest-place-map.png")
    page.click('input[name="_confirm"]')
    page.wait_for_url("**/admin/events/event/?status__exact=draft")
    event = Event.objects.get()
    assert event.status == Event.Status.DRAFT
    place = event.place
    assert place.name == candidates[0]["name"]
    assert place.location.y == pytest.approx(candidates[0]["lat"], abs=1e-6)
    assert place.location.x == pytest.approx(candidates[0]["lon"], abs=1e-6)
    assert place.provenance == Place.Provenance.MANUAL
    assert place.gazetteer_id == candidates[0]["ref"]
