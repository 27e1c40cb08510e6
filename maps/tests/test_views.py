"""HTML pages: map, embed (framing, caching), oEmbed, event permalinks, escaping."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.gis.geos import Point
from django.test import Client

from events.models import Event, EventRelation, EventSource, EventType
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
    event_type,
)
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
UNPUBLISHED = [Event.Status.DRAFT, Event.Status.IN_REVIEW, Event.Status.RETRACTED]


@pytest.fixture
def client() -> Client:
    return Client()


def map_config(response) -> dict:
    html = response.content.decode()
    found = re.search(
        r'<script id="map-config" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, "the page carries its map config in a json_script element"
    return json.loads(found.group(1))


def oembed(client, url: str, **params):
    return client.get("/oembed", {"url": url, **params})


def iframe_src(html: str) -> str:
    found = re.search(r'<iframe src="([^"]+)"', html)
    assert found
    return found.group(1).replace("&amp;", "&")


# ---------- map page ----------


def test_map_page_renders_shell_legend_and_config(client):
    EventFactory(title="Offensive on Idlib launched")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div id="map"' in html
    assert "Explosions/Remote violence" in html  # legend from the taxonomy
    config = map_config(response)
    assert config["mode"] == "map"
    assert config["embed"] is False
    assert config["apiUrl"] == "/api/v1/events/"
    assert config["detailApiUrl"] == "/api/v1/events/{id}/"
    assert config["basemap"]["countries"].endswith("basemap/countries.geojson")
    assert {t["slug"] for t in config["legend"]} >= {"battles", "protests"}
    assert config["leaflet"]["center"] == [35.3, 38.5]


def test_map_page_refuses_framing(client):
    assert client.get("/").headers["X-Frame-Options"] == "DENY"


def test_map_page_has_no_inline_script(client):
    html = client.get("/").content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    inline = [body for attrs, body in scripts if "src=" not in attrs and body.strip()]
    assert all(
        'type="application/json"' in attrs for attrs, body in scripts if body.strip()
    )
    assert len(inline) >= 1  # the json_script config itself, which is data


def test_map_page_has_oembed_discovery_link(client):
    html = client.get("/", {"type": "battles"}).content.decode()
    found = re.search(
        r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html
    )
    assert found
    href = found.group(1).replace("&amp;", "&")
    params = parse_qs(urlsplit(href).query)
    assert urlsplit(href).path == "/oembed"
    assert params["format"] == ["json"]
    assert params["url"] == ["http://testserver/?type=battles"]


def test_map_page_keeps_filters_in_config_and_form(client):
    actor = ActorFactory(name="National Liberation Front")
    EventActorFactory(actor=actor)
    response = client.get(
        "/",
        {
            "date_from": "2019-04-26",
            "type": "battles,air-drone-strike",
            "actor": str(actor.pk),
        },
    )
    assert response.status_code == 200
    assert map_config(response)["filters"] == {
        "date_from": "2019-04-26",
        "type": "battles,air-drone-strike",
        "actor": str(actor.pk),
    }
    html = response.content.decode()
    assert 'name="date_from" value="2019-04-26"' in html
    assert re.search(r'value="battles" checked', html)
    assert re.search(r'value="air-drone-strike" checked', html)
    assert re.search(rf'<option value="{actor.pk}" selected>', html)


def test_map_page_joins_repeated_list_params_from_a_plain_form(client):
    response = client.get("/?type=battles&type=protests")
    assert response.status_code == 200
    assert map_config(response)["filters"]["type"] == "battles,protests"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("date_from=19-07-2019", "date_from"),
        ("type=no-such-type", "type"),
        ("disputed=perhaps", "disputed"),
        ("in_bbox=1,2,3", "in_bbox"),
        ("date_from=2019-07-20&date_to=2019-07-01", "date_to"),
    ],
)
def test_map_page_explains_invalid_filters_with_400(client, query, field):
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some filters are invalid" in html
    assert f"<code>{field}</code>" in html
    config = map_config(response)
    assert field in config["errors"]
    # The bad value is kept for correction, not silently dropped.
    assert config["filters"][query.split("=")[0]] == query.split("=")[1].split("&")[0]


def test_map_page_escapes_hostile_strings(client):
    place = PlaceFactory(name=f"Place {HOSTILE}")
    EventFactory(title=HOSTILE, place=place)
    EventActorFactory(actor=ActorFactory(name=f"Actor {HOSTILE}"))
    response = client.get("/", {"q": HOSTILE})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert" in html  # actor option and search box, escaped
    assert map_config(response)["filters"]["q"] == HOSTILE


def test_legend_colours_are_checked_before_use_in_markup(client):
    # Seven characters: fits EventType.color (varchar(7)) on PostgreSQL too.
    EventType.objects.filter(slug="protests").update(color='"><b x=')
    response = client.get("/")
    assert '"><b x=' not in response.content.decode()
    legend = {t["slug"]: t for t in map_config(response)["legend"]}
    assert legend["protests"]["color"] == "#555555"
    assert legend["battles"]["color"] == "#d62728"


def test_map_config_carries_tile_settings(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example"
    config = map_config(client.get("/"))
    assert config["tiles"] == {
        "url": "https://tiles.example.org/{z}/{x}/{y}.png",
        "attribution": "© Example",
    }
    assert config["leaflet"]["layers"] == []  # maps/basemap.js adds the tile layer


# ---------- embed ----------


def test_embed_may_be_framed_and_is_cacheable(client):
    response = client.get("/embed/", {"type": "battles"})
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    cache_control = response.headers["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=300" in cache_control


def test_embed_has_no_session_csrf_or_admin(client):
    response = client.get("/embed/")
    html = response.content.decode()
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "csrfmiddlewaretoken" not in html
    assert "/admin/" not in html
    assert 'class="site-header"' not in html


def test_embed_links_back_to_the_full_map_with_the_same_filters(client):
    response = client.get("/embed/", {"type": "battles", "date_from": "2019-07-01"})
    html = response.content.decode()
    found = re.search(r'<a class="embed-layout__link" href="([^"]+)"', html)
    assert found
    href = found.group(1).replace("&amp;", "&")
    assert "View on ConflictMap" in html
    assert urlsplit(href).path == "/"
    assert parse_qs(urlsplit(href).query) == {
        "type": ["battles"],
        "date_from": ["2019-07-01"],
    }
    config = map_config(response)
    assert config["embed"] is True
    assert config["basemap"]["attribution"].startswith("Basemap: Natural Earth")


def test_embed_explains_invalid_filters_with_400(client):
    response = client.get("/embed/", {"date_to": "yesterday"})
    assert response.status_code == 400
    assert "Some filters are invalid" in response.content.decode()
    assert "X-Frame-Options" not in response.headers


def test_embed_focus_option_reaches_the_map_config(client):
    event = EventFactory()
    assert map_config(client.get("/embed/", {"focus": event.pk}))["focus"] == event.pk
    for junk in ["x", "²", "9" * 5000, "-1"]:
        assert map_config(client.get("/embed/", {"focus": junk}))["focus"] is None


def test_other_pages_refuse_framing(client):
    event = EventFactory()
    assert client.get(event.get_absolute_url()).headers["X-Frame-Options"] == "DENY"
    response = oembed(client, "http://testserver/")
    assert response.headers["X-Frame-Options"] == "DENY"


# ---------- oEmbed ----------


def test_oembed_for_the_map_answers_rich_iframe_json(client):
    response = oembed(client, "http://testserver/?type=battles&date_from=2019-04-26")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["version"] == "1.0"
    assert body["type"] == "rich"
    assert body["provider_name"] == "ConflictMap"
    assert body["provider_url"] == "http://testserver/"
    assert body["title"]
    assert (body["width"], body["height"]) == (800, 600)
    src = iframe_src(body["html"])
    assert src.startswith("http://testserver/embed/?")
    assert parse_qs(urlsplit(src).query) == {
        "type": ["battles"],
        "date_from": ["2019-04-26"],
    }
    assert 'width="800" height="600"' in body["html"]


def test_oembed_accepts_embed_urls_and_respects_max_size(client):
    url = "http://testserver/embed/?disputed=true&focus=7"
    body = oembed(client, url, maxwidth="480", maxheight="2000").json()
    assert (body["width"], body["height"]) == (480, 600)
    src = iframe_src(body["html"])
    assert parse_qs(urlsplit(src).query) == {"disputed": ["true"], "focus": ["7"]}


def test_oembed_for_an_event_page_focuses_the_event(client):
    event = EventFactory(title="Humaymat hilltops retaken")
    body = oembed(client, f"http://testserver{event.get_absolute_url()}").json()
    assert body["title"].startswith("\u2068Humaymat hilltops retaken\u2069")
    src = iframe_src(body["html"])
    assert parse_qs(urlsplit(src).query) == {"focus": [str(event.pk)]}


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_oembed_404_for_unpublished_event_pages(client, status):
    event = EventFactory(status=status)
    response = oembed(client, f"http://testserver/events/{event.pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/",
        "https://evil.example/embed/",
        "javascript:alert(1)",
        "ftp://testserver/",
        "http://testserver/admin/",
        "http://testserver/api/v1/events/",
        "http://testserver/no/such/page",
        "/embed/",
    ],
)
def test_oembed_404_for_urls_that_are_not_our_maps(client, url):
    response = oembed(client, url)
    assert response.status_code == 404
    assert "error" in response.json()


def test_oembed_501_for_xml(client):
    response = oembed(client, "http://testserver/", format="xml")
    assert response.status_code == 501


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"url": "http://testserver/", "maxwidth": "wide"},
        {"url": "http://testserver/", "maxheight": "-5"},
        {"url": "http://testserver/?date_from=nope"},
    ],
)
def test_oembed_400_for_bad_parameters(client, params):
    response = client.get("/oembed", params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_oembed_uses_site_url_for_absolute_links(client, settings):
    settings.SITE_URL = "https://conflictmap.example.org"
    body = oembed(client, "https://conflictmap.example.org/?type=protests").json()
    assert body["provider_url"] == "https://conflictmap.example.org/"
    assert iframe_src(body["html"]) == (
        "https://conflictmap.example.org/embed/?type=protests"
    )


def test_oembed_escapes_titles_in_html(client):
    event = EventFactory(title=HOSTILE)
    body = oembed(client, f"http://testserver/events/{event.pk}/").json()
    assert "<script>" not in body["html"]
    assert "&lt;script&gt;" in body["html"]


# ---------- event permalink ----------


def test_event_page_shows_facts_actors_sources_and_related(client):
    place = PlaceFactory(
        name="Humaymat hilltops",
        name_ar="تلال الحميميات",
        admin1="Hama",
        location=Point(36.52, 35.40),
    )
    captured = EventFactory(
        title="Opposition captures the Humaymat hilltops", place=place
    )
    event = EventFactory(
        title="Regime retakes the Humaymat hilltops",
        place=place,
        event_type=event_type("government-regains-territory"),
        summary="With Russian ground forces, the opposition says.",
    )
    EventRelation.objects.create(
        from_event=event, to_event=captured, kind=EventRelation.Kind.REVERSES
    )
    EventActorFactory(event=event, actor=ActorFactory(name="Syrian Arab Army"))
    EventSourceFactory(
        event=event,
        source=SourceFactory(
            publisher="Daily Sabah", url="https://www.dailysabah.com/article"
        ),
        stance=EventSource.Stance.REPORTS,
        quote="The hilltops were regained from the opposition forces.",
    )
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Regime retakes the Humaymat hilltops",
        "15 July 2019",
        "Government regains territory",
        "Humaymat hilltops",
        "تلال الحميميات",
        "Syrian Arab Army",
        "Daily Sabah",
        "Reports",
        "The hilltops were regained from the opposition forces.",
        "Opposition captures the Humaymat hilltops",
        "Reverses",
    ]:
        assert text in html, text
    assert (
        '<a href="https://www.dailysabah.com/article" rel="noopener noreferrer"' in html
    )
    assert f'href="{captured.get_absolute_url()}"' in html
    config = map_config(response)
    assert config["mode"] == "detail"
    assert config["point"]["lat"] == pytest.approx(35.40)
    assert config["point"]["lon"] == pytest.approx(36.52)
    assert "application/json+oembed" in html


def test_event_page_lists_who_claims_and_who_denies(client):
    event = EventFactory(disputed=True)
    EventSourceFactory(
        event=event,
        source=SourceFactory(publisher="Daily Sabah"),
        stance=EventSource.Stance.CLAIMS,
        speaker="Naji Mustafa (NLF)",
    )
    EventSourceFactory(
        event=event,
        source=SourceFactory(publisher="TASS"),
        stance=EventSource.Stance.DENIES,
        speaker="Russian Defence Ministry",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "badge--disputed" in html
    assert re.search(r"Reported or claimed by:</strong> Naji Mustafa \(NLF\)", html)
    assert re.search(r"Denied by:</strong> Russian Defence Ministry", html)


def test_event_page_links_only_http_sources(client):
    event = EventFactory()
    EventSourceFactory(
        event=event,
        source=SourceFactory(title="Bad link", url="javascript:alert(1)"),
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Bad link" in html
    assert "javascript:" not in html


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_event_page_404_for_unpublished_events(client, status):
    event = EventFactory(status=status)
    assert client.get(f"/events/{event.pk}/").status_code == 404


def test_event_page_404_for_unlocated_events(client):
    event = EventFactory(place=PlaceFactory(name="Nowhere yet", location=None))
    assert client.get(f"/events/{event.pk}/").status_code == 404


def test_event_page_hides_unpublished_related_events(client):
    event = EventFactory()
    draft = EventFactory(title="Draft sibling", status=Event.Status.DRAFT)
    EventRelation.objects.create(from_event=event, to_event=draft)
    assert "Draft sibling" not in client.get(event.get_absolute_url()).content.decode()


def test_event_page_escapes_hostile_strings(client):
    event = EventFactory(title=HOSTILE, summary=HOSTILE)
    EventSourceFactory(
        event=event,
        source=SourceFactory(publisher=HOSTILE, title=HOSTILE),
        speaker=HOSTILE,
        quote=HOSTILE,
    )
    EventActorFactory(event=event, actor=ActorFactory(name=f"Actor {HOSTILE}"))
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert html.count("&lt;script&gt;alert") >= 5


def test_discovery_link_round_trips_awkward_filter_values(client):
    html = client.get("/", {"q": "Tell Hamamiyat & Kabani"}).content.decode()
    href = re.search(r'type="application/json\+oembed" href="([^"]+)"', html).group(1)
    page_url = parse_qs(urlsplit(href.replace("&amp;", "&")).query)["url"][0]
    assert parse_qs(urlsplit(page_url).query) == {"q": ["Tell Hamamiyat & Kabani"]}


# ---------- languages (English at /, Arabic at /ar/) ----------


def test_arabic_pages_are_right_to_left_and_translated(client):
    EventFactory(title="Offensive on Idlib launched")
    response = client.get("/ar/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "تصفية الأحداث" in html  # "Filter events"
    config = map_config(response)
    assert config["lang"] == "ar"
    assert config["dir"] == "rtl"
    assert config["strings"]["play"] == "تشغيل"
    # Every string the map's script shows is translated, the control layer's too.
    english = map_config(client.get("/"))["strings"]
    assert [k for k, v in config["strings"].items() if v == english[k] and v] == []
    legend = {t["slug"]: t for t in config["legend"]}
    assert legend["battles"]["name"] == "معارك"
    assert "Offensive on Idlib launched" not in html  # titles come from the API


def test_english_stays_the_default_whatever_the_browser_asks(client):
    response = client.get("/", headers={"accept-language": "ar"})
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert map_config(response)["strings"]["play"] == "Play"


def test_arabic_pages_call_the_unprefixed_api(client):
    config = map_config(client.get("/ar/"))
    assert config["apiUrl"] == "/api/v1/events/"
    assert config["clustersUrl"] == "/api/v1/clusters/"
    assert config["histogramUrl"] == "/api/v1/histogram/"
    assert config["placesUrl"] == "/api/v1/places/"
    assert config["detailUrl"] == "/ar/events/{id}/"


def test_language_switcher_keeps_the_path_and_filters(client):
    html = client.get("/?type=battles&date_from=2019-07-01").content.decode()
    assert 'href="/ar/?type=battles&amp;date_from=2019-07-01"' in html
    assert 'data-lang-path="/ar/"' in html
    html = client.get("/ar/embed/?type=battles").content.decode()
    assert "View on ConflictMap" not in html  # the embed has no header, but is Arabic
    assert "اعرض على خريطة النزاع" in html


def test_event_type_arabic_name_from_the_curator_wins(client):
    EventType.objects.filter(slug="riots").update(name_ar="شغب (محرر)")
    legend = {t["slug"]: t for t in map_config(client.get("/ar/"))["legend"]}
    assert legend["riots"]["name"] == "شغب (محرر)"
    english = {t["slug"]: t for t in map_config(client.get("/"))["legend"]}
    assert english["riots"]["name"] == "Riots"


def test_compiled_arabic_catalogue_matches_the_po_file():
    """The committed .mo is what Django loads: it must hold every .po translation."""
    import gettext
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "locale" / "ar" / "LC_MESSAGES"
    po = (folder / "django.po").read_text(encoding="utf-8")
    with (folder / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    pairs = re.findall(r'\nmsgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', po)

    def text(block: str) -> str:
        joined = "".join(re.findall(r'"(.*)"', block))
        return joined.encode().decode("unicode_escape").encode("latin-1").decode()

    checked = 0
    for raw_id, raw_str in pairs:
        msgid, msgstr = text(raw_id), text(raw_str)
        if msgid:
            assert msgstr, f"untranslated: {msgid!r}"
            assert catalogue.gettext(msgid) == msgstr, f"stale .mo for {msgid!r}"
            checked += 1
    assert checked > 100


# ---------- embed options, place filter, citations ----------


def test_embed_options_timeline_and_lock(client):
    html = client.get("/embed/").content.decode()
    assert 'id="timeline"' in html
    assert map_config(client.get("/embed/"))["options"] == {
        "timeline": True,
        "lock": False,
        "control": False,
    }
    response = client.get("/embed/?timeline=0&lock=1&type=battles")
    assert 'id="timeline"' not in response.content.decode()
    assert "page--locked" in response.content.decode()
    assert map_config(response)["options"] == {
        "timeline": False,
        "lock": True,
        "control": False,
    }
    assert map_config(client.get("/embed/?control=1"))["options"]["control"] is True


def test_embed_link_back_keeps_filters_and_view_but_not_options(client):
    html = client.get("/embed/?type=battles&at=9/35.5/36.6&lock=1").content.decode()
    found = re.search(r'class="embed-layout__link" href="([^"]+)"', html)
    assert found
    query = parse_qs(urlsplit(found.group(1).replace("&amp;", "&")).query)
    assert query == {"type": ["battles"], "at": ["9/35.5/36.6"]}


def test_oembed_keeps_embed_options_and_language(client):
    url = "http://testserver/ar/embed/?type=battles&timeline=0&lock=1"
    response = oembed(client, url)
    assert response.status_code == 200
    src = iframe_src(response.json()["html"])
    assert urlsplit(src).path == "/ar/embed/"
    assert parse_qs(urlsplit(src).query) == {
        "type": ["battles"],
        "timeline": ["0"],
        "lock": ["1"],
    }


def test_map_page_shows_the_place_filter_by_name(client):
    place = PlaceFactory(name="Kafr Nabudah", name_ar="كفر نبودة")
    EventFactory(place=place)
    response = client.get(f"/?place={place.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Place: Kafr Nabudah · كفر نبودة" in html
    assert map_config(response)["filters"]["place"] == str(place.pk)


def test_event_page_has_a_citation_with_its_permalink(client, settings):
    settings.SITE_URL = "https://conflictmap.example"
    place = PlaceFactory(name="Kabani", name_ar="كباني", precision=2)
    event = EventFactory(title="Clashes at Kabani", place=place)
    response = client.get(f"/events/{event.pk}/")
    html = response.content.decode()
    citation = re.search(r'<p class="citation" id="citation">(.*?)</p>', html, re.S)
    assert citation
    assert "Clashes at Kabani" in citation.group(1)
    assert f"https://conflictmap.example/events/{event.pk}/" in citation.group(1)
    assert "كباني" in citation.group(1)
    assert map_config(response)["point"]["precision"] == 2


def test_event_page_in_arabic_links_back_in_arabic(client):
    event = EventFactory(title="Clashes")
    html = client.get(f"/ar/events/{event.pk}/").content.decode()
    assert 'href="/ar/"' in html
    assert "استشهد بهذا الحدث" in html  # "Cite this event"


def test_public_pages_have_a_skip_link(client):
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#event-list-heading"' in html
    assert 'id="event-list-heading" tabindex="-1"' in html
