"""Issue 13: the article's country. Places were always read as Syria's
(``article_propose(country="SY")``), so a newsroom covering Yemen could not get Marib
placed even with YE in GAZETTEER_COUNTRIES. The ingest form now offers the configured
countries (default "detect"), and detection leaves Syrian stories Syrian."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from events.fixtures import seed_article
from ingest import propose
from ingest.forms import ArticleForm
from places import gazetteer
from places.geocoding.index import distance_km

pytestmark = pytest.mark.django_db

URL = "/admin/events/ingest/"
SEED = (
    Path(seed_article.__file__).with_name(seed_article.ARTICLE_FILE).read_text("utf-8")
)
WIDE = ["SY", "LB", "TR", "IQ", "JO", "IL", "PS", "YE", "SD", "UA", "LY", "SA"]
# A wire sentence about Yemen (Gulf News, 28 January 2022, reworded).
YEMEN = (
    "Houthi rebels fired a ballistic missile at the city of Marib in Yemen on "
    "Wednesday, killing three civilians, medical sources in the governorate said."
)
MARIB = (15.4543, 45.3269)  # GeoNames 72968, Ma'rib
# A Syrian story that names Turkey and never Syria (issue 14's Kobane trap).
TURKISH_OPERATION = (
    "Turkish-backed fighters captured the town of Tal Abyad on Sunday after heavy "
    "clashes with the Kurdish-led SDF, Turkey's defence ministry said."
)
WHEN = dt.datetime(2022, 1, 28, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def demo_actors(demo_actors_loaded) -> None:
    """The demo actors (ingest/tests/conftest.py: loaded once for the module)."""


@pytest.fixture
def wide_gazetteer(settings):
    """The gazetteer of a newsroom covering Yemen, Sudan, Ukraine and Libya too (the
    index is rebuilt; conftest drops it after the test)."""
    settings.GAZETTEER_COUNTRIES = WIDE
    gazetteer.gazetteer_index_invalidate()
    assert len(gazetteer.gazetteer_index()) > 0


def _placed(proposal) -> list:
    return [e.place for e in proposal.events if e.place and e.place.lat is not None]


def test_yemen_wire_sentence_places_marib_in_yemen(wide_gazetteer):
    proposal = propose.article_propose(text_raw=YEMEN, published_at=WHEN)
    assert proposal.country == "YE"
    places = _placed(proposal)
    assert places, [e.title for e in proposal.events]
    assert {p.country_code for p in places} == {"YE"}
    assert min(distance_km(p.lat, p.lon, *MARIB) for p in places) < 10


def test_yemen_chosen_on_the_form_is_read_in_yemen(wide_gazetteer):
    # nothing to detect (the Houthis are a cue of Yemen since ingcountry2): the editor says
    text = YEMEN.replace(" in Yemen", "").replace("Houthi rebels", "Rebels")
    chosen = propose.article_propose(text_raw=text, published_at=WHEN, country="ye")
    assert chosen.country == "YE"
    assert {p.country_code for p in _placed(chosen)} == {"YE"}
    detected = propose.article_propose(text_raw=text, published_at=WHEN)
    assert detected.country == "SY"  # no other country named: the first configured


def test_syrian_article_stays_syrian_with_more_countries(wide_gazetteer):
    published = dt.datetime(2019, 7, 19, 0, 7, tzinfo=dt.UTC)
    proposal = propose.article_propose(text_raw=SEED, published_at=published)
    assert proposal.country == "SY"
    assert len(proposal.events) == 8
    assert {p.country_code for p in _placed(proposal)} == {"SY"}


def test_syrian_story_naming_only_turkey_stays_syrian(settings):
    assert "TR" in settings.GAZETTEER_COUNTRIES  # the default configuration
    proposal = propose.article_propose(text_raw=TURKISH_OPERATION, published_at=WHEN)
    assert proposal.country == "SY"
    assert {p.country_code for p in _placed(proposal)} <= {"SY"}


def test_form_offers_only_the_configured_countries(settings):
    settings.GAZETTEER_COUNTRIES = ["SY", "YE"]
    field = ArticleForm().fields["country"]
    assert [value for value, _ in field.choices] == ["detect", "SY", "YE"]
    assert field.initial == "detect"
    settings.GAZETTEER_COUNTRIES = ["SY", "LB"]
    assert [v for v, _ in ArticleForm().fields["country"].choices] == [
        "detect",
        "SY",
        "LB",
    ]


@pytest.mark.parametrize("value", ["UA", "<script>alert(1)</script>", "SY'; --"])
def test_hostile_country_is_refused_with_a_clear_error(
    client, django_user_model, settings, value
):
    settings.GAZETTEER_COUNTRIES = ["SY", "YE"]
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_event"))
    client.force_login(user)
    response = client.post(
        URL,
        {
            "text": SEED,
            "published_on": "2019-07-19",
            "publisher": "Daily Sabah",
            "title": "Russia deploying special forces in Idlib",
            "country": value,
            "_propose": "1",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Unknown country" in page
    assert "<script>alert(1)</script>" not in page
    assert response.context["form"].errors["country"]
    with pytest.raises(ValueError, match="GAZETTEER_COUNTRIES"):
        propose.article_propose(text_raw=SEED, published_at=WHEN, country=value)


def test_the_chosen_country_reaches_the_extractor(client, django_user_model, settings):
    settings.GAZETTEER_COUNTRIES = WIDE
    gazetteer.gazetteer_index_invalidate()
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_event"))
    client.force_login(user)
    fields = {
        "text": YEMEN.replace(" in Yemen", "").replace("Houthi rebels", "Rebels"),
        "published_on": "2022-01-28",
        "publisher": "Gulf News",
        "title": "Missile attack on Marib",
        "_propose": "1",
    }
    assert client.post(URL, fields).context["proposal"].country == "SY"
    response = client.post(URL, {**fields, "country": "YE"})
    assert response.status_code == 200
    assert response.context["proposal"].country == "YE"
    assert "places read in <span data-ingest-country>YE</span>" in (
        response.content.decode()
    )


def test_bare_libyan_capital_is_the_city_not_its_governorate(wide_gazetteer):
    # Read in Libya, "Tripoli" was the governorate's centroid, 40 km from the city
    # (Syria's rule: news about Syria says "Idlib" for the province).
    text = (
        "Rival militias clashed with heavy weapons in Tripoli on Monday, killing "
        "four fighters, the Libyan health ministry said."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN, country="LY")
    places = _placed(proposal)
    assert places, [e.title for e in proposal.events]
    assert max(distance_km(p.lat, p.lon, 32.8925, 13.1800) for p in places) < 10
