"""Who said what, read a second time (issue 13): a denial another source relays, a
party's "it had not …", a statement named as a noun, two sources speaking together.
Sentences are made up, shaped like wire copy."""

import datetime as dt

import pytest

from ingest import propose
from ingest.proposal import ProposedStatement
from ingest.statements import speakers, voices


def _read(sentence: str) -> tuple[str, str]:
    statement = voices.reread(speakers.attribute(sentence))
    return statement.stance, statement.speaker


@pytest.mark.parametrize(
    ("sentence", "stance", "speaker"),
    [
        ("The army denied shelling the village, according to state media.",
         "denies", "The army (via state media)"),
        ("According to a military source, the army denied that its jets struck "
         "the hospital.", "denies", "the army (via a military source)"),
        ("A spokesman for the Kandaran army told reporters that its forces had not "
         "shelled the market.", "denies", "A spokesman for the Kandaran army"),
        ("The militia said it did not attack the convoy.", "denies", "The militia"),
        ("The attack coincided with a Kandaran-led coalition's declaration of "
         "killing 95 fighters in the city.", "claims", "a Kandaran-led coalition"),
    ],
)  # fmt: skip
def test_the_voice_is_read_from_the_wording(sentence, stance, speaker):
    assert _read(sentence) == (stance, speaker)


@pytest.mark.parametrize(
    ("sentence", "stance", "speaker"),
    [
        ("Rebels said the army had not retreated from the hill.", "claims",
         "Rebels"),  # another side's act, not the speaker's own
        ("Warplanes struck the market, killing 12, the Observatory said.",
         "reports", "Observatory"),
        ("Rebels shelled the village, killing two, state media said.", "claims",
         "state media"),
    ],
)  # fmt: skip
def test_other_statements_keep_their_voice(sentence, stance, speaker):  # guard
    assert _read(sentence) == (stance, speaker)


def test_two_sources_of_two_kinds_speak_apart():
    joint = ProposedStatement("claims", "SANA and the Observatory", "…", 3)
    assert [(s.stance, s.speaker) for s in voices.split_joint([joint])] == [
        ("claims", "SANA"),
        ("reports", "the Observatory"),
    ]


@pytest.mark.parametrize("speaker", ["Russia and Turkey", "Activists and residents"])
def test_two_sources_of_one_kind_stay_one(speaker):  # guard
    joint = ProposedStatement("claims", speaker, "…", 3)
    assert [s.speaker for s in voices.split_joint([joint])] == [speaker]


@pytest.mark.django_db
def test_a_relayed_denial_disputes_the_event(actors_and_gazetteer):
    events = propose.article_propose(
        text_raw=(
            "Warplanes struck a market in Saraqib on Sunday, killing 12 people, "
            "the Observatory said. The army denied striking the market, according "
            "to state media."
        ),
        published_at=dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC),
    ).events
    (event,) = events
    assert ("denies", "The army (via state media)") in {
        (s.stance, s.speaker) for s in event.statements
    }
    assert event.disputed


@pytest.mark.parametrize(
    ("sentence", "stance", "speaker"),
    [
        ("Kandaran state TV said the army shot down two drones over the city.",
         "claims", "Kandaran state TV"),
        ("Al-Sahel television reported that rebels shelled the town.", "reports",
         "Al-Sahel television"),
        ("State news agency SANA put the toll at 13.", "claims",
         "State news agency SANA"),
    ],
)  # fmt: skip
def test_a_broadcaster_or_a_toll_names_its_source(sentence, stance, speaker):
    assert _read(sentence) == (stance, speaker)
