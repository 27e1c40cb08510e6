"""Statements grouped onto the event they speak of (issue 13): one naming the same
doer as the event just told, a toll given by a source, and a new doer's words
("a suicide bomber"). Sentences are made up, shaped like wire copy."""

import datetime as dt

import pytest

from ingest import propose

MONDAY = dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC)


def _voices(text: str) -> list[set[tuple[str, str]]]:
    events = propose.article_propose(text_raw=text, published_at=MONDAY).events
    return [{(s.stance, s.speaker) for s in e.statements} for e in events]


@pytest.mark.django_db
def test_a_statement_about_the_same_doer_backs_the_event(actors_and_gazetteer):
    (voices,) = _voices(
        "Islamic State militants attacked an army checkpoint in Saraqib on Sunday, "
        "killing two soldiers. Islamic State fighters carried out 14 attacks in "
        "the last 36 hours, the defence ministry said on Twitter."
    )
    assert ("claims", "defence ministry") in voices


@pytest.mark.django_db
def test_a_statement_about_another_doer_does_not(actors_and_gazetteer):  # guard
    (voices,) = _voices(
        "Islamic State militants attacked an army checkpoint in Saraqib on Sunday. "
        "Rebels carried out 14 attacks in the last 36 hours, the defence ministry "
        "said."
    )
    assert not any("ministry" in speaker for _, speaker in voices)


@pytest.mark.django_db
def test_a_toll_a_source_gives_backs_the_incident(actors_and_gazetteer):
    (voices,) = _voices(
        "A car bomb exploded in a market in Saraqib on Sunday, killing 11 people. "
        "State news agency SANA put the toll at 13."
    )
    assert ("claims", "State news agency SANA") in voices


@pytest.mark.django_db
def test_a_suicide_bomber_is_proposed_as_the_doer(actors_and_gazetteer):
    (event,) = propose.article_propose(
        text_raw="A suicide bomber killed 11 people at a checkpoint in Saraqib on "
        "Sunday.",
        published_at=MONDAY,
    ).events
    assert [(a.name, a.role) for a in event.new_actors] == [
        ("suicide bomber", "initiator")
    ]
