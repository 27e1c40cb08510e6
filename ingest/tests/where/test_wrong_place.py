"""Events at the wrong place (issue 13, helper ingplace3): a later sentence that says
where the incident was narrows a region to the town it names; a follow-up that names
a quarter "of" the event's city places it at that quarter; the town whose hospital
took the casualties is not where the event was."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _events(text: str) -> list[tuple[str, str]]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [(e.event_type, e.place.text if e.place else "") for e in proposal.events]


def test_a_locating_sentence_narrows_a_region_to_its_town():
    text = (
        "On Wednesday, government forces shelled a displacement camp in Idlib "
        "province, killing six people. This tragic event occurred near the town of "
        "Saraqib, local activists said."
    )
    assert _events(text) == [("shelling-artillery-missile-attack", "Saraqib")]


def test_a_locating_sentence_leaves_a_region_that_holds_none_of_its_towns():
    text = (
        "On Wednesday, government forces shelled a displacement camp in Idlib "
        "province, killing six people. This tragic event occurred near the city of "
        "Daraa, local activists said."
    )
    assert _events(text)[0] == ("shelling-artillery-missile-attack", "Idlib province")


def test_a_follow_up_naming_a_quarter_of_the_city_places_the_event_there():
    """ "the X neighbourhood of <city>": the city again, as where X lies."""
    text = (
        "Air strikes near Damascus killed four civilians on Thursday, state media "
        "said. The state news agency said the strikes damaged several homes in the "
        "Jaramana neighbourhood of Damascus."
    )
    assert _events(text) == [("air-drone-strike", "Jaramana")]


def test_a_follow_up_naming_two_quarters_of_the_city_leaves_the_city():
    text = (
        "Air strikes near Damascus killed four civilians on Thursday, state media "
        "said. The state news agency said the strikes damaged several homes in the "
        "Jaramana and Sahnaya neighbourhoods of Damascus."
    )
    assert _events(text) == [("air-drone-strike", "Damascus")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Regime shelling hit Kafr Nabl on Tuesday. Two children were killed "
            "immediately, while their father died en route to a hospital in Idlib city.",
            ("shelling-artillery-missile-attack", "Kafr Nabl"),
        ),
        (
            "Regime air strikes hit Kafr Nabl on Tuesday, killing three civilians. "
            "Casualties were transported to the National Hospital in the city of "
            "Maarat al-Numan.",
            ("air-drone-strike", "Kafr Nabl"),
        ),
    ],
)
def test_the_town_whose_hospital_took_the_casualties_is_not_the_events(text, expected):
    assert _events(text) == [expected]
