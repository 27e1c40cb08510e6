"""One incident told again (issue 13, helper ingjoin): "the strike" read as remote
violence after a drone strike, a later sentence saying where and when "the attack"
took place, a witness's quotation telling the strike again. The sentences are made
up; each follows a shape of the unseen wire stories in bench/README.md, "Stop 40"."""

import datetime as dt

import pytest

from ingest.incidents import grouping
from ingest.statements import speakers
from ingest.tests.articles import dated_events as _events
from ingest.where import located

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]

THURSDAY = dt.date(2019, 11, 14)
FRIDAY = dt.date(2019, 11, 15)
FAMILY = {"air-drone-strike": "explosions-remote-violence"}


def _mention(slug: str, refers: str = "same") -> grouping.Mention:
    return grouping.Mention(
        slug, 1, "", speakers.Statement("reports", "", "", "", 0), [], [], True,
        refers=refers,
    )  # fmt: skip


def _family(slug: str) -> str:
    return FAMILY.get(slug, slug)


def test_the_strike_read_as_remote_violence_is_the_drone_strike_told_before():
    strike = grouping.Group(_mention("air-drone-strike", ""))
    generic = _mention("explosions-remote-violence")
    assert grouping.told_before([strike], generic, _family) is strike


def test_a_back_reference_of_another_family_joins_nothing():
    strike = grouping.Group(_mention("air-drone-strike", ""))
    assert grouping.told_before([strike], _mention("armed-clash"), _family) is None


def test_the_wounded_of_the_strike_and_its_village_are_one_event():
    text = (
        "Russian warplanes struck a village in the Idlib countryside on Friday, killing "
        "12 people, activists said. Eight others were wounded in the strike. "
        "The incident occurred in the village of Kafr Nabl."
    )
    assert _events(text) == [("air-drone-strike", "Kafr Nabl", FRIDAY)]


def test_a_speaker_saying_when_and_where_the_attack_took_place_moves_both():
    text = (
        "Russian warplanes struck a village in the Idlib countryside, killing 12 "
        "people, activists said on Friday. The Observatory reported that the attack "
        "took place on Thursday in Kafr Nabl."
    )
    assert _events(text) == [("air-drone-strike", "Kafr Nabl", THURSDAY)]


def test_a_locating_sentence_two_sentences_on_still_places_the_incident():
    text = (
        "Russian warplanes struck a village in the Idlib countryside on Friday, killing "
        "12 people, activists said. Rescuers were still searching the rubble. "
        "The attack took place in Kafr Nabl."
    )
    assert _events(text) == [("air-drone-strike", "Kafr Nabl", FRIDAY)]


def test_a_witness_quoting_the_strike_again_is_no_second_event():
    text = (
        "A drone strike killed 30 civilians in Syria, officials said on Friday. The "
        "attack on Thursday night also injured 40 people at a farm in the Idlib "
        "countryside, officials said. “The workers were sitting together when a drone "
        "targeted them,” a tribal elder told Reuters."
    )
    assert [e[0] for e in _events(text)] == ["air-drone-strike"]


def test_a_quotation_telling_another_strike_stays_its_own():
    text = (
        "A drone strike killed 30 farm workers in Sarmin on Friday, officials said. "
        "“Another drone struck the market in Ariha an hour later,” a tribal elder "
        "told Reuters."
    )
    assert sorted(e[1] for e in _events(text)) == ["Ariha", "Sarmin"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The incident occurred in the village of Tudun Biri.",
        "The group reported that the attack took place on Sunday in Hillat Hamid.",
        "“The strike happened near the school,” he said.",
        "According to the commissioner, the incident took place near Jilib.",
    ],
)
def test_sentences_that_say_where_the_incident_happened(sentence):
    assert located.locating(sentence) is not None


def test_an_incident_that_happened_elsewhere_is_not_a_locating_sentence():
    assert located.locating("A similar attack happened in Ariha last year.") is None
