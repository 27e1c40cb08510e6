"""A place's name that only stands for a state or an armed side gets no point (issues
13/14, helper ingwrong5): "Kyiv's forces", "Kyiv had retaken X", "Syria said". One use
as a location keeps the point. Synthetic sentences; the places are the gazetteer's."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY
from ingest.where import sidenames

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _points(text: str) -> dict[str, bool]:
    """Each place mention's text -> whether it has a point."""
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return {m.text: m.lat is not None for m in proposal.places}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Syria said its air defences downed two drones.", "Syria"),
        ("Rebels clashed with Syria's army near the border.", "Syria"),
        ("Rebels clashed with Syria's armed forces near the border.", "Syria"),
        ("The town fell as Kyiv's forces struggle with shortages.", "Kyiv"),
        ("Officials denied that Kyiv had retaken the village.", "Kyiv"),
    ],
)
def test_a_name_for_a_side_is_no_location(sentence, name):
    start = sentence.index(name)
    assert sidenames._names_side(sentence, start, start + len(name))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Shells hit Syria's north on Monday.", "Syria"),
        ("Gaza's health ministry said 12 people were killed.", "Gaza"),
        ("Air strikes hit Aleppo's eastern countryside.", "Aleppo"),
        ("Damascus was shaken by explosions.", "Damascus"),
        ("The office of North Kivu's military governor said so.", "North Kivu"),
        (
            "The head of Donetsk Oblast's Military and Civilian Administration said so.",
            "Donetsk Oblast",
        ),
    ],
)
def test_a_name_for_a_place_is_a_location(sentence, name):
    start = sentence.index(name)
    assert not sidenames._names_side(sentence, start, start + len(name))


def test_a_capital_named_only_for_its_forces_goes_without_point():
    # Before: Damascus kept the capital's point, a confident wrong place the labels
    # (a place only where it is a location) never list.
    text = (
        "Opposition fighters captured the town of Kafr Nabudah on Friday, as "
        "Damascus's forces withdrew under heavy shelling."
    )
    assert _points(text)["Damascus"] is False


def test_a_capital_also_named_as_a_location_keeps_its_point():
    text = (
        "Opposition fighters captured the town of Kafr Nabudah on Friday, as "
        "Damascus's forces withdrew. A car bomb exploded in Damascus on Friday."
    )
    assert _points(text)["Damascus"] is True
