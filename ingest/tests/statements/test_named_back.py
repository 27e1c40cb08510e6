"""A speaker named by a common noun after the article named who that is
(ingest/statements/namedback.py, issue 13): "the observatory said" after "the Syrian
Observatory for Human Rights", "the group claimed" after "al-Shabaab, the Somali
militant group". Sentences written for these tests."""

import datetime as dt

import pytest

from ingest import propose
from ingest.statements import namedback, speakerforms


def _named(before: str, sentence: str) -> tuple[str, str]:
    statement = namedback.with_defined_speaker(
        speakerforms.attribute(sentence), sentence, f"{before} {sentence}"
    )
    return statement.speaker, statement.stance


@pytest.mark.parametrize(
    ("before", "sentence", "speaker"),
    [
        (
            "The Syrian Observatory for Human Rights said ten people died in Sarmin.",
            "The observatory said 14 civilians were killed in the strikes.",
            "Syrian Observatory for Human Rights",
        ),
        (
            "On Monday, Kandar's health ministry said 20 people died in the shelling.",
            "The ministry added that 12 of them were children.",
            "Kandar's health ministry",
        ),
        (
            "Al-Shabaab, the Somali militant group, attacked a base on Monday.",
            "The group claimed responsibility for the attack.",
            "Al-Shabaab",
        ),
        (
            "SOHR, a Britain-based war monitor, said ten people died.",
            "The war monitor said the strikes hit a market.",
            "SOHR",
        ),
        (
            "Fighters of the militant group Harakat al-Nur attacked the post.",
            "The group said two of its fighters died.",
            "Harakat al-Nur",
        ),
    ],
)
def test_a_common_noun_speaker_is_the_body_the_article_named(before, sentence, speaker):
    assert _named(before, sentence)[0] == speaker


def test_the_stance_read_from_the_verb_stays():
    assert _named(
        "On Monday, Kandar's health ministry said 20 people died in the shelling.",
        "The ministry added that 12 of them were children.",
    )[1] == "claims"  # fmt: skip


@pytest.mark.parametrize(
    ("before", "sentence"),
    [
        # the last ministry named is no name: whose it is stays unknown
        (
            "Kandar's health ministry said 20 died. The interior ministry said it "
            "arrested two.",
            "The ministry added that the attackers fled.",
        ),
        # a group of people is no body
        (
            "A group of gunmen attacked the checkpoint.",
            "The group claimed responsibility for the attack.",
        ),
        # a name opening a sentence is capitalised whatever it is
        (
            "Local sources said the shelling went on all night.",
            "The sources added that two houses burned.",
        ),
        # an adjective of a place names no one
        (
            "A Lebanon-based group fired rockets at the town.",
            "The group said its fighters were unharmed.",
        ),
        # nothing named before
        ("Fighting raged in the north.", "The group claimed the attack."),
    ],
)
def test_no_name_is_guessed(before, sentence):
    speaker = speakerforms.attribute(sentence).speaker
    assert _named(before, sentence)[0] == speaker


@pytest.mark.django_db
def test_the_proposal_carries_the_name(actors_and_gazetteer):
    events = propose.article_propose(
        text_raw=(
            "The Kandar Observatory for Human Rights was founded in 2011. "
            "Warplanes struck a market in Saraqib on Sunday, killing 12 people, "
            "the observatory said."
        ),
        published_at=dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC),
    ).events
    (event,) = events
    assert "Kandar Observatory for Human Rights" in {
        s.speaker for s in event.statements
    }
