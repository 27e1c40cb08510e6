"""A state's people doing violence are its forces; an onlooking drone did nothing."""

import pytest

from events.models import Actor
from ingest.actors import doers
from ingest.actors.actors import ActorMatcher


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


@pytest.fixture(scope="module")
def with_civilians() -> ActorMatcher:
    rows = [
        (1, "Russian armed forces", "foreign_forces", "RU", ["Russian forces"]),
        (4, "Civilians", "civilians", "", ["civilians", "people"]),
    ]
    return ActorMatcher(
        Actor(pk=pk, name=name, kind=kind, country_code=country, aliases=aliases)
        for pk, name, kind, country, aliases in rows
    )


@pytest.mark.parametrize(
    ("sentence", "victim"),
    [
        ("In A, the Russians killed a 59-year-old woman.", "a 59-year-old woman"),
        ("One person had been killed in the town of A.", "One person"),
        ("A 49-year-old man died when his car was hit.", "A 49-year-old man"),
        ("Russian shelling killed two men aged 44 and 46 in A.", "two men"),
    ],
)
def test_people_named_by_age_or_number_when_harmed_are_civilians(
    with_civilians, sentence, victim
):
    found = with_civilians.find(sentence)
    got = doers.victims(sentence, with_civilians, found)
    assert [(a.name, a.text) for a in got] == [("Civilians", victim)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two men on a motorbike opened fire on the checkpoint in A.",  # the attackers
        "A 30-year-old man and three people were killed in A.",  # civilians named
        "Two men were arrested in A after the blast.",  # not harmed
    ],
)
def test_people_not_harmed_or_already_civilians_add_nobody(with_civilians, sentence):
    found = with_civilians.find(sentence)
    assert doers.victims(sentence, with_civilians, found) == []
