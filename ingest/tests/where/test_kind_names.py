"""Issue 13: a place name's span cut whole (bench/spancauses.py; bench/README.md,
"ingspan"). Made-up village names, read with the bundled gazetteer.

- "the A B C village": every capitalised word before the kind word is the name, not
  its last two;
- "A, B and C villages": each item is a place, as in "the villages of A, B and C";
- "the village of A-on": a stop word joined by a hyphen is part of the name;
- "X's Y district" (a town's part) and "the Kurdish A B town" (a people's adjective)
  mark no longer name.
"""

import datetime as dt

import pytest

from ingest import propose
from ingest.where import kindnames

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 2, 2, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _gazetteer(actors_and_gazetteer) -> None:
    """The demo actors and the bundled gazetteer (conftest)."""


def _event_places(text: str) -> set[str]:
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    return {e.place.text for e in proposal.events if e.place is not None}


def test_a_long_name_before_its_kind_word_is_taken_whole():
    places = _event_places(
        "Government forces shelled the Sin Phyu Taung village in the township on "
        "Thursday."
    )
    assert places == {"Sin Phyu Taung"}


def test_each_name_of_a_list_before_a_plural_kind_word_is_a_place():
    places = _event_places(
        "The military retaliated on Thursday, bombarding Sin Phyu Taung and Kyauk "
        "Gyi Nge villages with airstrikes."
    )
    assert places == {"Sin Phyu Taung", "Kyauk Gyi Nge"}


def test_a_stop_word_joined_by_a_hyphen_stays_in_the_name():
    places = _event_places(
        "Rebels killed six soldiers in the village of Lumban-on on Thursday."
    )
    assert places == {"Lumban-on"}


@pytest.mark.parametrize(
    "sentence",
    [
        "A bomb killed 20 people in Baghdad's Upper Karrada Sharqi neighbourhood.",
        "Jets struck the Kurdish SDF-held Tal Abyad town.",
        "They met Omar Abu Ali town officials.",
    ],
)
def test_a_possessive_an_adjective_or_a_person_marks_no_longer_name(sentence):
    assert kindnames.marked(sentence) == []


def test_a_sentence_beyond_ascii_is_read_too():
    sentence = (
        "Jets bombed Sin Phyu Taung and Kyauk Gyi Nge villages, the army’s office said."
    )
    names = [name for _, _, name in kindnames.marked(sentence)]
    assert names == ["Sin Phyu Taung", "Kyauk Gyi Nge"]
