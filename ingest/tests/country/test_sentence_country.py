"""Issue 13: stories about two countries. An article is read in one country's
gazetteer; a name that gazetteer does not place is read in the country its sentence,
its paragraph or the dateline points to (ingest/country/sentencecountry.py). A Syrian story
naming its neighbours in passing keeps its Syrian places. The snippets are written for
these tests in the style of the wires."""

import datetime as dt

import pytest

from ingest import propose
from ingest.country import pointedcountry, sentencecountry

WHEN = dt.datetime(2024, 11, 9, 12, 0, tzinfo=dt.UTC)


def _places(text: str):
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    return proposal.country, {p.text: p for p in proposal.places}


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("Israeli jets struck the town overnight.", "IL", "adjective"),
        ("officials in Beirut said", "LB", "capital"),
        ("Houthi drones hit the port", "YE", "group"),
        ("drones hit Jizan in Saudi Arabia", "SA", "name"),
        ("an Iraqi-born fighter", "IQ", None),
    ],
)
def test_a_sentence_points_to_a_country_by_name_capital_adjective_or_group(
    text, code, kind
):
    assert pointedcountry.pointed(text).get(code) == kind


def test_the_name_itself_is_no_cue_of_its_country():
    pointer = sentencecountry.Pointer("Gunmen attacked a house in Baghdad.", "SY")
    sentence = "Gunmen attacked a house in Baghdad."
    start = sentence.index("Baghdad")
    assert pointer.countries(sentence, start, start + 7) == ()


def test_a_sentence_naming_the_article_s_country_is_about_no_other():
    pointer = sentencecountry.Pointer("", "SY")
    both = "Shells from Syria and Lebanon hit Xyz on Monday."
    other = "Lebanon's army said Xyz was hit on Monday."
    assert pointer.about(both, both.index("Xyz"), both.index("Xyz") + 3) == ""
    assert pointer.about(other, other.index("Xyz"), other.index("Xyz") + 3) == "LB"


@pytest.mark.django_db
@pytest.mark.usefixtures("actors_and_gazetteer")
def test_a_town_of_the_other_country_its_sentence_or_paragraph_names_gets_a_point():
    # A Lebanese story: Masyaf is no Lebanese town and lies ~200 km from Nabatieh (too
    # far for a village across the border); its sentence, and the next one's
    # paragraph, say Syria.
    country, places = _places(
        "BEIRUT (Reuters) - An Israeli strike on a car near Nabatieh killed two men "
        "on Tuesday, and shelling hit Tyre and Bint Jbeil, Lebanon's state news "
        "agency said.\n"
        "Syrian state media said Israeli missiles hit Masyaf on Tuesday. Another "
        "strike hit Jableh, wounding three soldiers."
    )
    assert country == "LB"
    for name in ("Masyaf", "Jableh"):
        assert places[name].country_code == "SY"
        assert places[name].lat is not None


@pytest.mark.django_db
@pytest.mark.usefixtures("actors_and_gazetteer")
def test_a_town_of_an_unconfigured_country_its_sentence_names_gets_a_point():
    # A Yemen story: Saudi Arabia is outside GAZETTEER_COUNTRIES and never named by
    # its name; "A Saudi official" points the sentence there.
    country, places = _places(
        "SANAA (Reuters) - Yemen's Houthi movement said on Tuesday it had fired "
        "drones at targets across the border.\n"
        "A Saudi official said Houthi drones struck Khamis Mushait on Tuesday."
    )
    assert country == "YE"
    assert places["Khamis Mushait"].country_code == "SA"
    assert places["Khamis Mushait"].lat is not None


@pytest.mark.django_db
@pytest.mark.usefixtures("actors_and_gazetteer")
def test_a_syrian_story_naming_its_neighbours_in_passing_keeps_its_syrian_places():
    country, places = _places(
        "Turkish drones struck Qamishli and Amuda on Monday, the Syrian Observatory "
        "said. Iraqi and Lebanese officials condemned the strikes, as did Israel. "
        "Turkey said it targeted the YPG near Qamishli."
    )
    assert country == "SY"
    assert places["Qamishli"].country_code == "SY"
    assert places["Qamishli"].lat is not None
    assert places["Amuda"].country_code == "SY"
    placed_abroad = [
        p.text for p in places.values() if p.lat is not None and p.country_code != "SY"
    ]
    assert placed_abroad == []
