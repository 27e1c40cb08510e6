"""Places in other roles are no event's place, and one incident told twice is one
event (issue 13, series S): a unit's or an office's town, where victims fled from, a
dateline with its day or its outlet's bracket, where fire came from, and a toll told a
few sentences after the strike it belongs to."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _events(text: str) -> list[tuple[str, str]]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [(e.event_type, e.place.text if e.place else "") for e in proposal.events]


def _places(text: str) -> set[str]:
    return {place for _, place in _events(text)}


@pytest.mark.parametrize(
    ("text", "home"),
    [
        # a unit named for a town: where the fighters are based, not where they died
        (
            "Also on Thursday, four fighters from the local Tal Tamr military council "
            "were killed in another Turkish air strike.",
            "Tal Tamr",
        ),
        # the town of the official who speaks
        (
            "Rami Khaled, Homs city mayor, said shelling killed two people in the town "
            "of Talbiseh on Thursday.",
            "Homs city",
        ),
    ],
)
def test_a_units_or_an_offices_town_is_no_events_place(text, home):
    assert home not in _places(text)


def test_where_the_victims_fled_from_is_only_the_flights_place():
    text = (
        "An Israeli air strike on Thursday killed eight people in the central Gaza "
        "Strip city of Deir al-Balah, medics said. The people who were killed were "
        "displaced people who on Wednesday fled their homes in eastern Khan Younis."
    )
    events = _events(text)
    assert ("air-drone-strike", "Deir al-Balah") in events
    assert {place for kind, place in events if kind != "displacement"} == {
        "Deir al-Balah"
    }
    # The victims' earlier flight is background to the strike (series S07's label, a
    # not_event): told beside the killing, it is no displacement of its own
    # (ingest/kinds/displacedby.py).
    assert not any(kind == "displacement" for kind, _ in events)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Damascus, Nov 14 More than 10 people have been killed in an attack by "
            "gunmen on villages in southern Syria, a local group said.",
            "southern Syria",
        ),
        (
            "Damascus, (Levant Wire – 15th November, 2019) : 5 people have been killed "
            "in a drone strike in the province of Idlib on Thursday.",
            "Idlib",
        ),
    ],
)
def test_a_title_case_dateline_with_its_day_or_bracket_places_nothing(text, place):
    assert _places(text) == {place}


def test_fire_from_the_direction_of_an_occupied_area_is_no_place_even_alone():
    text = (
        "Syrian air defences downed missiles fired at the Damascus countryside early "
        "on Friday, the army said. The army said the air strikes were carried out "
        "from the direction of the occupied Golan Heights, causing material losses."
    )
    assert _places(text) == {"Damascus countryside"}


def test_a_toll_told_sentences_after_the_shelling_is_the_shellings():
    text = (
        "Artillery shells hit the hospital in Atarib on Thursday, activists said. "
        "The hospital lies underground. It serves the whole district. "
        "Rescuers said a child was among those killed."
    )
    assert _events(text) == [("shelling-artillery-missile-attack", "Atarib")]
