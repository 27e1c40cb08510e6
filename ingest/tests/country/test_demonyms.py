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
        ("in a Nigerien village", "NE"),
        ("in the Nigerian state of Borno", "NG"),
        ("a South Sudanese town", "SS"),  # not Sudan's
        ("on Beninese soil", "BJ"),
    ],
)
def test_each_adjective_names_its_own_country(text, code):
    assert set(demonyms.counts(text)) == {code}


def test_shared_and_configured_adjectives_count_for_no_country(settings):
    settings.GAZETTEER_COUNTRIES = ["SY", "LB"]
    # "Congolese" is two countries'; Syria and Lebanon are configured.
    text = "a Congolese town, the Syrian countryside and a Lebanese village"
    assert demonyms.counts(text) == {}


def test_a_party_s_adjective_names_no_country():
    # Who fought, not where: "Russian warplanes" over Idlib or Kharkiv.
    text = "Russian warplanes struck the town; Rwandan troops crossed; Russian forces"
    assert demonyms.counts(text) == {}
