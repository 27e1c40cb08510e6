"""Precision on real reporting (issue 13): statistics, duplicates of one incident and
cues that name no new event. Each sentence keeps the shape of a development report."""

import datetime as dt

import pytest

from events import demo
from ingest import background, propose
from places import gazetteer

MONDAY = dt.datetime(2022, 3, 7, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def _actors_and_gazetteer(db) -> None:
    demo._actors()
    assert len(gazetteer.gazetteer_index()) > 0


def _restated(sentence: str, cue: str) -> bool:
    start = sentence.index(cue)
    return background.restated(
        sentence, start, start + len(cue), "explosions-remote-violence"
    )


# ------------------------------------------------------------- statistics of a period
@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Since July 13, at least 638 people have been killed as a result of fighting, "
         "field executions, and Israeli airstrikes, the statement added.", "airstrikes"),
        ("As of 7 May, according to the CCCM cluster, at least 133,831 people have been "
         "displaced by the renewed conflict in Idleb governorate.", "displaced"),
        ("During the reporting period 1,134 people were reported injured and 36 dead "
         "according to local health authorities in Idleb governorate.", "injured"),
        ("The death toll during the military operations within the desert has reached "
         "130 since the beginning of 2022, are: 69 militants were killed by Russian air "
         "strikes in Homs desert, Hama and Raqqa.", "air strikes"),
        ("And 61 government forces were killed in 21 ISIS operations in separate areas "
         "of the desert, west of Euphrates, Raqqa and Homs.", "killed"),
        ("The war has caused a civil war, killing thus far 205 people and wounded 913 "
         "since the beginning of the campaign in mid-April.", "wounded"),
        ("45 pro-government fighters have been killed over the past two days during "
         "the offensive.", "killed"),
        ("The region is home to three million people, two-thirds of them displaced "
         "from other parts of the country during the decade-long civil war.",
         "displaced"),
    ],
)  # fmt: skip
def test_a_toll_or_count_over_a_period_is_no_incident(sentence, cue):
    assert _restated(sentence, cue)


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Air strikes killed 12 in Ariha on Monday, bringing the toll since the "
         "beginning of the offensive to 300.", "killed"),
        ("Jets struck the town over the past two days.", "struck"),
        ("The first air strikes since the truce hit Busra al-Harir.", "strikes"),
    ],
)  # fmt: skip
def test_an_incident_beside_a_period_stays_an_event(sentence, cue):
    assert not _restated(sentence, cue)


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_situation_reports_period_toll_proposes_nothing():
    proposal = propose.article_propose(
        text_raw="During the reporting period 1,134 people were reported injured and "
        "36 dead according to local health authorities in Idleb governorate.",
        published_at=MONDAY,
    )
    assert proposal.events == []
