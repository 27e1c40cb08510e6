"""A quotation standing alone is the words of the speaker named just before it
(ingest/statements/quotecarry.py, issue 13). The sentences are written for these
tests."""

import datetime as dt

import pytest

from ingest import propose
from ingest.statements import quotecarry
from ingest.statements.speakers import Statement

WEDNESDAY = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)


def _said(speaker: str = "", stance: str = "reports") -> Statement:
    return Statement(stance, speaker, "", "text", 0)


def _carry(*sentences: tuple[str, Statement]) -> Statement:
    said = quotecarry.LastSaid()
    result = None
    for sentence, statement in sentences:
        result = said.carry(sentence, statement)
    return result


def test_a_quote_alone_after_an_attributed_sentence_is_its_speakers():
    got = _carry(
        ("Shelling hit the town, the governor said.", _said("the governor", "claims")),
        ("“A number of civilians have been wounded.”", _said()),
    )
    assert (got.speaker, got.stance) == ("the governor", "claims")


def test_a_quote_running_on_is_the_last_speakers_too():
    got = _carry(
        ("Shelling hit the town, the governor said.", _said("the governor", "claims")),
        ('"Two houses burnt.', _said()),
        ('"The army shelled the market.', _said()),
    )
    assert got.speaker == "the governor"


def test_a_quote_after_the_outlets_own_telling_keeps_no_speaker():
    got = _carry(
        ("Shelling hit the town on Tuesday.", _said()),
        ("“A number of civilians have been wounded.”", _said()),
    )
    assert got.speaker == ""


def test_a_sentence_with_words_after_the_quote_is_not_a_quote_alone():
    got = _carry(
        ("Shelling hit the town, the governor said.", _said("the governor", "claims")),
        ("“Two houses burnt,” one resident shouted.", _said()),
    )
    assert got.speaker == ""


def test_a_quote_after_a_denial_is_no_denial_itself():
    got = _carry(
        ("The army denied shelling the town.", _said("The army", "denies")),
        ("“Our forces struck a weapons depot.”", _said()),
    )
    assert (got.speaker, got.stance) == ("The army", "claims")


@pytest.mark.django_db
def test_a_quote_paragraph_keeps_its_speaker_on_the_event(actors_and_gazetteer):
    events = propose.article_propose(
        text_raw=(
            "The Syrian Observatory for Human Rights said on Tuesday that fighting "
            "went on all day near the front.\n\n"
            "“Government jets struck a market in Saraqib on Tuesday, killing "
            "seven civilians.”"
        ),
        published_at=WEDNESDAY,
    ).events
    strike = next(e for e in events if e.place and "Saraqib" in e.place.name)
    assert {s.speaker for s in strike.statements} == {
        "The Syrian Observatory for Human Rights"
    }
