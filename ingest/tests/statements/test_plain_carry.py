"""The last speaker who told events speaks of the plain sentences it governs, beside
the outlet's own voice (ingest/statements/plaincarry.py, issue 13). The sentences are
written for these tests."""

import datetime as dt

import pytest

from ingest import propose
from ingest.reading.text import Sentence
from ingest.statements import plaincarry
from ingest.statements.speakers import Statement

WEDNESDAY = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)
# Four sentences before the story's mid part: the lead's own carry-over
# (wire.LeadVoice) is over when the tested sentences come.
_OPENING = (
    "Rebels and government forces fought near Hama on Monday, state media said. "
    "The fighting has gone on for weeks. Talks in Geneva stalled again. "
    "Diplomats met in Astana.\n\n"
)
_OBSERVATORY = "Syrian Observatory for Human Rights"


def _events(text: str) -> dict[str, set[tuple[str, str]]]:
    events = propose.article_propose(
        text_raw=_OPENING + text, published_at=WEDNESDAY
    ).events
    return {
        e.place.name: {(s.stance, s.speaker) for s in e.statements}
        for e in events
        if e.place is not None
    }


def _group(statement: Statement):
    from ingest.incidents import grouping

    return grouping.Group(grouping.Mention("attack", 0, "", statement, [], [], False))


def _said(speaker: str = "", stance: str = "reports") -> Statement:
    return Statement(stance, speaker, "", "text", 0)


_ARMY = (Sentence(0, 0, "Shelling hit X, the army said."), "the army", "claims")


def _read(*steps: tuple[Sentence, str, str], told=None) -> list[tuple[str, str]]:
    """The statements on the last sentence's group once each sentence is read."""
    told = told if told is not None else plaincarry.LastTold()
    for sentence, speaker, stance in steps:
        said = _said(speaker, stance)
        group = _group(said)
        told.read(sentence, said, [group] if stance else [])
    return [(m.statement.stance, m.statement.speaker) for m in group.mentions]


def test_a_plain_sentence_after_an_attributed_one_gets_its_speaker_beside():
    got = _read(
        _ARMY,
        (Sentence(1, 1, "Jets also struck Y."), "", "reports"),
        told=plaincarry.LastTold({0, 1}),
    )
    assert got == [("reports", ""), ("claims", "the army")]


def test_another_incident_or_a_quotation_or_a_far_sentence_keeps_the_outlets_voice():
    for text, index in (
        ("Elsewhere, jets struck Y.", 1),
        ("“Jets struck Y,” one man shouted.", 1),
        ("Jets struck Y.", 1 + plaincarry.SPAN),
    ):
        got = _read(_ARMY, (Sentence(index, index, text), "", "reports"))
        assert got == [("reports", "")], text


def test_a_voice_of_no_event_ends_the_last_speakers_run():
    got = _read(
        _ARMY,
        (Sentence(1, 1, "Talks will go on, a diplomat said."), "a diplomat", ""),
        (Sentence(2, 2, "Jets struck Y."), "", "reports"),
    )
    assert got == [("reports", "")]


def test_a_denial_carried_is_read_again():
    got = _read(
        (Sentence(0, 0, "The army denied shelling X."), "the army", "denies"),
        (Sentence(1, 1, "Jets struck Y."), "", "reports"),
    )
    assert got[-1] == ("claims", "the army")


def test_paragraph_ends():
    sentences = [Sentence(0, 0, "a"), Sentence(1, 0, "b"), Sentence(2, 1, "c")]
    assert plaincarry.paragraph_ends(sentences) == {1, 2}


@pytest.mark.django_db
def test_the_observatory_speaks_of_the_plain_strike_after_its_sentence(
    actors_and_gazetteer,
):
    said = _events(
        "On Wednesday, government shelling killed three civilians in the town of "
        "Saraqib, the Syrian Observatory for Human Rights said.\n\n"
        "Russian warplanes also struck the village of Kafranbel on Wednesday."
    )
    assert said["Kafranbel"] == {("reports", ""), ("reports", _OBSERVATORY)}


@pytest.mark.django_db
def test_a_paragraph_ending_on_according_to_is_the_speakers(actors_and_gazetteer):
    said = _events(
        "Russian warplanes struck the village of Kafranbel on Wednesday. Government "
        "shelling hit the town of Saraqib on Wednesday, according to the Syrian "
        "Observatory for Human Rights.\n\nTalks in Geneva stalled again."
    )
    assert ("reports", "") in said["Kafranbel"]
    assert any("Observatory" in speaker for _, speaker in said["Kafranbel"])


def test_a_speaker_carried_from_another_sentence_leaves_the_confidence_as_it_was():
    from ingest import confidence
    from ingest.proposal import ProposedStatement
    from ingest.tests.test_confidence import _event

    own = _event(statements=[ProposedStatement("reports", "", "q", 0)])
    beside = _event(
        statements=[
            ProposedStatement("reports", "", "q", 0),
            ProposedStatement("claims", "the army", "q", 0, governed=True),
        ]
    )
    (x, y) = confidence.article_features(
        [own, beside], sentences=5, published_on=WEDNESDAY.date(), places=[],
        country="SY", home="SY",
    )  # fmt: skip
    assert (y["speaker"], y["claimed"]) == (x["speaker"], x["claimed"]) == (0.0, 0.0)
