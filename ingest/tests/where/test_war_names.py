"""A place that names a war is no incident's place (issue 13; "Israeli forces killed
five Palestinians in the West Bank …, amid Israel's war on Gaza" was placed at Gaza,
read in an unseen wire story). Sentences are written for the test."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY
from ingest.where import warnames

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _names_a_war(sentence: str, name: str) -> bool:
    start = sentence.index(name)
    return warnames.names_a_war(sentence, start, start + len(name))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Troops raided the camp, amid Israel's war on Gaza.", "Gaza"),
        ("Violence rose after the war in Sudan began.", "Sudan"),
        ("It was the worst day since the Gaza war.", "Gaza"),
        ("Refugees of the civil war in Syria returned.", "Syria"),
    ],
)
def test_the_name_of_a_war_is_named(sentence, name):
    assert _names_a_war(sentence, name)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Jets struck Gaza on Monday.", "Gaza"),
        ("Fighting in Gaza killed ten, a war monitor said.", "Gaza"),
        ("The Gaza war monitor said shells hit the town.", "Gaza"),
    ],
)
def test_a_place_where_something_happened_is_no_war_name(sentence, name):
    assert not _names_a_war(sentence, name)


def test_the_incident_is_placed_where_it_happened_not_at_the_war():
    proposal = propose.article_propose(
        text_raw=(
            "Israeli occupation forces killed five Palestinians in the West Bank on "
            "Monday, said health officials in the occupied territory, as violence "
            "has escalated amid Israel's war on Gaza."
        ),
        published_at=FRIDAY,
    )
    assert [e.place.text for e in proposal.events] == ["West Bank"]
