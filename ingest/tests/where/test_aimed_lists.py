"""Aims told a few words on (issue 13; labelling guide rule 1): "targeted on Friday
night the areas including A, B and C" is one event per place listed, as "shelled A, B
and C" is; a unit aimed at or an adjective "targeted" is none. Sentences made up."""

import datetime as dt

import pytest

from ingest import propose
from ingest.where import aimed

FRIDAY = dt.datetime(2024, 3, 15, 12, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
@pytest.mark.usefixtures("actors_and_gazetteer")
def test_areas_targeted_including_a_list_are_one_event_per_place():
    events = propose.article_propose(
        text_raw=(
            "Regime forces have targeted on Thursday night the liberated areas "
            "including Kafr Nabl, Kansafra and Sarmin."
        ),
        published_at=FRIDAY,
    ).events
    assert sorted(e.place.text for e in events) == ["Kafr Nabl", "Kansafra", "Sarmin"]
    assert {e.date_start for e in events} == {dt.date(2024, 3, 14)}


@pytest.mark.parametrize(
    "clause",
    [
        "a drone targeted a car in the village of Shorek on Monday",
        "the army targeted on Friday night the liberated areas including Harbal",
    ],
)
def test_an_aim_a_few_words_on_is_read(clause):
    assert [m.slug for m in aimed.matches(clause)] == [aimed.REMOTE]


@pytest.mark.parametrize(
    "clause",
    [
        "their patrol was targeted on the outskirts of al-Qaramah town",
        "the YPG withdrew from the targeted area near Manbij",
        "gunmen targeted an army patrol in the village of Nahshaba",
        "there are no military targets in the Al Noor area",
        "troops launched operations targeting supply lines and areas where armed "
        "groups operate in northern Hama",
    ],
)
def test_a_unit_or_an_adjective_is_no_aim_at_a_place(clause):
    assert aimed.matches(clause) == []
