"""Issue 13 (series AE): a story about another war that never names its country was
kept at home by one hamlet of the home country spelt like a town abroad ("Bure",
Ethiopia's town of 46,000, matched Syria's village Bura), so none of its towns were
placed. A home hamlet alone no longer keeps it: when the home reading places no town,
district or governorate plainly, the towns of another country compete
(``country.places_read``). The snippets are written for these tests."""

import datetime as dt

import pytest

from ingest import propose

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 3, 12, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _gazetteer(actors_and_gazetteer) -> None:
    """The demo actors and the bundled gazetteer (conftest)."""


def _read_in(text: str) -> str:
    return propose.article_propose(text_raw=text, published_at=WHEN).country


def test_a_story_naming_only_towns_abroad_is_read_there_despite_a_home_hamlet():
    text = (
        "Government drones struck a market in Debre Markos on Tuesday, killing nine "
        "people, residents said. Militiamen also ambushed a convoy near Bure."
    )
    assert _read_in(text) == "ET"


def test_a_story_naming_only_home_villages_stays_home():
    text = (
        "Regime artillery shelled Kafr Nabudah and al-Lataminah on Tuesday, killing "
        "two civilians, local activists said."
    )
    assert _read_in(text) == "SY"
