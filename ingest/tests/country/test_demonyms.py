"""A story naming its country only by the people's adjective is read there
(ingest/country/demonyms.py), for any country, not only those the corpus covers."""

import pytest

from ingest.country import country, demonyms

COLOMBIA = (
    "FARC dissidents attack police station. The Colombian Army went to the site. In a "
    "new act of violence in the Colombian department of Cauca, dissidents launched an "
    "attack on a police station in a rural area, the Colombian police said."
)


def test_a_story_naming_its_country_by_adjective_is_detected_there():
    assert country.ranked(COLOMBIA) == ["CO"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Nigerien soldiers were killed", "NE"),
        ("Nigerian soldiers were killed", "NG"),
        ("South Sudanese troops clashed", "SS"),  # not Sudan's
        ("Beninese officials confirmed", "BJ"),
    ],
)
def test_each_adjective_names_its_own_country(text, code):
    assert set(demonyms.counts(text)) == {code}


def test_shared_and_configured_adjectives_count_for_no_country(settings):
    settings.GAZETTEER_COUNTRIES = ["SY", "LB"]
    # "Congolese" is two countries'; Syria and Lebanon are configured.
    text = "Congolese troops, the Syrian Observatory and Lebanese media"
    assert demonyms.counts(text) == {}
