"""A state's people doing violence are its forces; an onlooking drone did nothing."""

import pytest

from events.models import Actor
from ingest import doers
from ingest.actors import ActorMatcher


@pytest.fixture(scope="module")
def matcher() -> ActorMatcher:
    rows = [
        (1, "Russian armed forces", "foreign_forces", "RU", ["Russian forces"]),
        (2, "Turkish armed forces", "foreign_forces", "TR", ["Turkish forces"]),
        (3, "Syrian National Army", "rebel_group", "SY", ["Turkish-backed forces"]),
    ]
    return ActorMatcher(
        Actor(pk=pk, name=name, kind=kind, country_code=country, aliases=aliases)
        for pk, name, kind, country, aliases in rows
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "In the village of A, the Russians killed a 59-year-old woman.",
        "Russians recently launched a massive mortar attack on the village of B.",
    ],
)
def test_a_state_people_doing_violence_are_its_forces(matcher, sentence):
    found = doers.plural_doers(sentence, matcher, matcher.find(sentence))
    assert [(a.name, a.text) for a in found] == [("Russian armed forces", "Russians")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two Russians were killed in the village of A.",  # victims
        "Christians shelled nothing; the Russians said it was quiet.",  # no violence
    ],
)
def test_a_people_not_doing_violence_is_no_side(matcher, sentence):
    assert doers.plural_doers(sentence, matcher, matcher.find(sentence)) == []


def test_an_onlooking_drone_is_no_side(matcher):
    sentence = (
        "The villages of A and B were shelled. A Turkish drone observed the attack "
        "from the air, while Turkish-backed forces fired from C."
    )
    kept = doers.without_onlookers(sentence, matcher.find(sentence))
    assert [a.name for a in kept] == ["Syrian National Army"]


def test_a_striking_drone_stays(matcher):
    sentence = "A Turkish drone struck a car near A."
    kept = doers.without_onlookers(sentence, matcher.find(sentence))
    assert [a.name for a in kept] == ["Turkish armed forces"]
