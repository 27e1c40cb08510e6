"""A region where a town was meant, and a town's unit read as a second place (issue 13,
helper ingregion2): a follow-up statement that names the town inside the lead's region
places the event there; "A, B community" and "A village, east B city" name B only to
say where A lies."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _events(text: str) -> list[tuple[str, str]]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [(e.event_type, e.place.text if e.place else "") for e in proposal.events]


def test_a_follow_up_naming_the_town_in_the_leads_region_places_the_event():
    text = (
        "Air strikes killed 11 people in a village in Syria's Idlib province "
        "overnight, rescuers said on Friday. The Observatory said government aircraft "
        "struck the village. The strikes pounded the town of Saraqib in the "
        "northwestern province of Idlib, the Observatory said."
    )
    assert _events(text) == [("air-drone-strike", "Saraqib")]


def test_a_follow_up_naming_two_towns_leaves_the_region():
    text = (
        "Air strikes killed 11 people in Syria's Idlib province overnight, rescuers "
        "said on Friday. The Observatory said government aircraft struck the area. "
        "The strikes pounded the towns of Saraqib and Binnish, the Observatory said."
    )
    assert [place for _, place in _events(text)] == ["Idlib province"]


@pytest.mark.parametrize(
    ("text", "town", "unit"),
    [
        (
            "On Thursday, Russian shelling killed a man in the town of Siversk, "
            "Bakhmut community, the regional governor said.",
            "Siversk",
            "Bakhmut",
        ),
        (
            "On Thursday, Houthi militias fired a mortar shell on Bayt al-Faqih "
            "village, east Zabid city, wounding a woman, a medical source said.",
            "Bayt al-Faqih",
            "Zabid",
        ),
    ],
)
def test_a_unit_or_town_after_the_comma_is_no_second_event(text, town, unit):
    places = [place for _, place in _events(text)]
    # The town's span may keep its head word ("Bayt al-Faqih village": read in Yemen's
    # gazetteer since the Houthis name the story's country).
    assert [p for p in places if p.startswith(town)]
    assert not [p for p in places if unit in p]


def test_a_village_after_located_is_the_place_not_the_towns_it_lies_between():
    text = (
        "On Thursday, government shelling hit the village of Taftanaz, located on the "
        "road between Saraqib and Binnish, a local source said."
    )
    places = [place for _, place in _events(text)]
    assert places == ["Taftanaz"]


def test_a_toll_at_a_village_moves_the_strike_near_a_town_there():
    text = (
        "Government forces shelled the town of Kafr Nabl on Wednesday, activists "
        "said. A drone strike on Thursday hit a car west of the town of Saraqib, a "
        "local source said. Two men were killed in the car in the village of Afis, "
        "the source added."
    )
    events = _events(text)
    assert ("air-drone-strike", "Afis") in events
    assert not [place for _, place in events if "Saraqib" in place]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "On Thursday, government shelling hit the village of Afis on the eastern "
            "outskirts of the town of Saraqib, killing two, activists said.",
            ["Afis"],
        ),
        # nothing named before it: the outskirts of a town are placed at the town
        (
            "On Thursday, clashes broke out on the outskirts of Saraqib, activists "
            "said.",
            ["Saraqib"],
        ),
    ],
)
def test_the_outskirts_of_a_town_locate_the_village_named_before(text, places):
    assert [place for _, place in _events(text)] == places
