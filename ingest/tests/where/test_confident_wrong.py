"""Confident wrong points (issues 13 and 14, helper gazwrong2): a place word inside an
armed group's name is no place; a village named for a mountain or plain, or as a
quarter of a city far from it, goes to the editor without its point. Synthetic
sentences; the village names are the gazetteer's."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _points(text: str) -> dict[str, bool]:
    """Each place mention's text -> whether it has a point."""
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return {m.text: m.lat is not None for m in proposal.places}


def test_a_place_word_in_an_armed_groups_name_is_no_place():
    # Before: "al-Sham" was Damascus, a confident point 200 km away, and it cast
    # doubt on the village the sentence is about.
    text = (
        "Fighters of the al-Sham Legion shelled army posts near Kafr Nabudah on "
        "Monday, killing two soldiers."
    )
    assert _points(text) == {"Kafr Nabudah": True}


@pytest.mark.parametrize(
    "text",
    [
        "Regime artillery shelled the hills of Kafr Naha near Aleppo on Monday, "
        "killing two civilians.",
        "Gunmen killed two men in the Kafr Naha neighbourhood of Aleppo city on "
        "Monday, activists said.",
    ],
)
def test_a_village_named_for_a_landform_or_a_far_quarter_goes_to_review(text):
    found = _points(text)
    assert found["Kafr Naha"] is False  # before: the village's point, 20 km off
    assert any(found[name] for name in found if name.startswith("Aleppo"))


def test_a_village_named_plainly_keeps_its_point():
    text = "Gunmen killed two men in Kafr Naha and Aleppo city on Monday."
    assert _points(text)["Kafr Naha"] is True
