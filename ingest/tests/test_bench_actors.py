"""The ingest bench's actor reading: a state doing violence is its forces (the labelling
guide's ruling), and no two actors agree on a word any party's name holds."""

import pytest

from bench import actorscore
from events.models import Actor
from ingest.actors.actors import ActorMatcher
from ingest.proposal import ProposedActor

_NAMES = {7: "Unidentified armed group", 8: "Syrian armed opposition"}


@pytest.fixture(scope="module")
def matcher() -> ActorMatcher:
    rows = [
        (1, "Turkey", "state", "TR", ["Turkish government"]),
        (2, "Turkish armed forces", "foreign_forces", "TR", ["Turkish forces"]),
        (3, "Syrian National Army", "rebel_group", "SY", ["Turkish-backed forces"]),
        (4, "Civilians", "civilians", "", ["civilians"]),
        (5, "Civilians (Idlib)", "civilians", "SY", ["civilians"]),
        (
            6,
            "Syrian government forces",
            "state_forces",
            "SY",
            ["government forces", "Syrian forces"],
        ),
        (7, "Unidentified armed group", "militia", "", ["gunmen"]),
        (8, "Syrian armed opposition", "rebel_coalition", "SY", ["rebels"]),
    ]
    return ActorMatcher(
        Actor(pk=pk, name=name, kind=kind, country_code=country, aliases=aliases)
        for pk, name, kind, country, aliases in rows
    )


def _agrees(matcher, label: str, event_type: str, actor_id: int, text: str) -> bool:
    name = _NAMES.get(actor_id, text)  # the list's name of a known actor
    proposed = ProposedActor(actor_id, name, "initiator", text)
    return actorscore.agrees(label, event_type, proposed, matcher)


def test_a_state_labelled_for_violence_is_its_forces(matcher):
    # a held-out label written before the ruling: "Turkey" shelled
    assert _agrees(matcher, "Turkey", "shelling-artillery-missile-attack", 2, "drones")


def test_the_state_itself_is_not_the_actor_of_violence(matcher):
    assert not _agrees(matcher, "Turkey", "air-drone-strike", 1, "Turkey")


def test_an_agreement_keeps_the_state(matcher):
    assert _agrees(matcher, "Turkey", "agreement", 1, "Turkey")
    assert not _agrees(matcher, "Turkey", "agreement", 2, "Turkish forces")


def test_a_state_backed_group_is_not_the_state_forces(matcher):
    label = "Turkish-backed forces"
    assert not _agrees(matcher, label, "armed-clash", 2, "Turkish drone")


def test_a_shared_generic_word_names_no_actor(matcher):
    assert not _agrees(matcher, "Turkish armed forces", "armed-clash", 0, "forces")
    # two actors of the list sharing their country's adjective
    assert not _agrees(matcher, "Syrian government forces", "armed-clash", 3, "Syrian")


@pytest.mark.parametrize(
    ("label", "actor_id", "text"),
    [
        ("Army", 0, "Army"),  # a label of generic words only is compared whole
        ("civilians", 5, "civilians"),  # the civilians of the place
        ("Australian armed forces", 0, "Australian jets"),  # unknown to the list
        ("government forces", 6, "Syrian army"),  # the list's generic word
    ],
)
def test_the_same_actor_still_agrees(matcher, label, actor_id, text):
    assert _agrees(matcher, label, "air-drone-strike", actor_id, text)


def test_a_label_the_list_lacks_agrees_with_the_list_name_of_the_words(matcher):
    # "unidentified men" (no alias) and "gunmen" (the unidentified group's alias)
    assert _agrees(matcher, "unidentified men", "attack", 7, "gunmen")


def test_a_state_adjective_in_a_list_name_is_no_shared_word(matcher):
    # "Syrian" names both sides: the label the list lacks is not the opposition
    assert not _agrees(matcher, "Syrian government", "armed-clash", 8, "rebels")
