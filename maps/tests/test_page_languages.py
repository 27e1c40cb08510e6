"""The pages in Arabic and English: right to left, translated, English the default, the
unprefixed API, the language switcher, curator names and the compiled catalogue."""

# ruff: noqa: F811  (fixtures shared with the other modules of the split)

import re

import pytest

from events.models import EventType
from events.tests.factories import (
    EventFactory,
)
from maps.tests.page_fixtures import client, map_config  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


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
