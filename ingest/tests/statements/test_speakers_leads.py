"""Speakers on unseen text (helper ingstance6, issue 13): a lead's words taken for a
name before the speaker, a body named by its common noun and set off, a long title,
a quotation closing on the comma, aid workers, a party's act opening a quotation,
"the statement" named again, a party disputing who the dead were, a state doing
violence read as its forces.
Sentences are made up, shaped like wire copy."""

import datetime as dt

import pytest

from ingest import propose
from ingest.proposal import ProposedStatement
from ingest.statements import speakers, voices


def _said(sentence: str) -> tuple[str, str]:
    statement = speakers.attribute(sentence)
    return statement.stance, statement.speaker


def test_the_leads_words_before_an_apposed_speaker_are_no_name():
    stance, speaker = _said(
        "Jets bombed villages south of Kandar on Monday, May 4 in a wave of raids, "
        "a militia official and a monitor said, as troops pushed north."
    )
    assert speaker == "a militia official and a monitor"


def test_a_name_and_what_it_is_stay_one_speaker():  # guard
    stance, speaker = _said(
        "Two shells hit the market in Kandar, Omar Halabi, a local resident, said."
    )
    assert speaker == "Omar Halabi"


def test_the_leads_two_voices_split_after_the_fix():
    statement = speakers.attribute(
        "Jets bombed villages south of Kandar on Monday, May 4 in a wave of raids, "
        "a militia official and a monitor said."
    )
    proposed = ProposedStatement(
        stance=statement.stance, speaker=statement.speaker, quote=statement.quote,
        sentence=0,
    )  # fmt: skip
    split = voices.split_joint([proposed])
    assert {(s.stance, s.speaker) for s in split} == {
        ("claims", "a militia official"),
        ("reports", "a monitor"),
    }


def test_a_body_named_by_its_common_noun_and_set_off_speaks():
    stance, speaker = _said(
        "The observatory, a war monitoring group based abroad, said jets had hit "
        "two towns on Monday, including Kandar."
    )
    assert (stance, speaker.split(",")[0]) == ("reports", "The observatory")


def test_a_clause_set_off_before_a_verb_is_no_speaker():  # guard
    stance, speaker = _said(
        "The town, a rebel stronghold, was shelled on Monday, residents said."
    )
    assert speaker == "residents"


def test_a_long_title_after_a_closing_quotation_speaks():
    stance, speaker = _said(
        "Nurses were among the dead, while “the clinic's main ward was destroyed,” "
        "World Health Organization Director-General Maria Lindqvist Andersson said "
        "on X."
    )
    assert (stance, speaker) == (
        "reports",
        "World Health Organization Director-General Maria Lindqvist Andersson",
    )


@pytest.mark.parametrize("speaker", ["two aid workers", "an aid worker"])
def test_aid_workers_report(speaker):
    stance, said = _said(
        f"According to {speaker}, a plane bombed the hospital in Kandar on Monday."
    )
    assert (stance, said) == ("reports", speaker)


def test_a_partys_act_opening_a_quotation_confirms_beside_another_source():
    statements = [
        ProposedStatement(
            stance="claims", speaker="The Kandaran military",
            quote='it had "conducted a precise strike on fighters" at the school',
            sentence=2,
        ),
        ProposedStatement(
            stance="claims", speaker="the health ministry", quote="12 were killed",
            sentence=0,
        ),
    ]  # fmt: skip
    voices.acknowledged(statements)
    assert statements[0].stance == "confirms"


def test_the_statement_named_again_is_its_speakers():
    statement = speakers.attribute(
        'The statement also claimed that its forces "repelled" two attacks near the '
        "village of Kandar.",
        previous_speaker="A statement by the Kandaran Defence Ministry",
    )
    assert (statement.stance, statement.speaker) == (
        "claims",
        "A statement by the Kandaran Defence Ministry",
    )


def test_the_statement_with_no_speaker_before_stays_the_outlets():  # guard
    statement = speakers.attribute(
        "The statement also claimed that forces repelled two attacks near Kandar."
    )
    assert statement.speaker == ""


def _reread(sentence: str) -> tuple[str, str]:
    statement = voices.reread(speakers.attribute(sentence))
    return statement.stance, statement.speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "The ruling military junta on Saturday rejected claims that civilians were "
        "killed in an air strike on a hospital in Kandar.",
        "The army denied civilian casualties in the raid on Kandar.",
    ],
)
def test_a_party_disputing_who_the_dead_were_confirms_the_strike(sentence):
    assert _reread(sentence)[0] == "confirms"


@pytest.mark.parametrize(
    "sentence",
    [
        "The army denied shelling the market in Kandar.",
        "Residents denied that civilians were killed in the raid.",
    ],
)
def test_other_denials_still_deny(sentence):  # guard
    assert _reread(sentence)[0] == "denies"


def _actors(text: str) -> set[tuple[str, str]]:
    events = propose.article_propose(
        text_raw=text, published_at=dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC)
    ).events
    return {(a.name, a.text) for e in events for a in e.actors}


@pytest.mark.django_db
def test_a_state_doing_violence_is_its_forces(actors_and_gazetteer):
    found = _actors(
        "Russia carried out air strikes on the town of Saraqib on Sunday, killing 12 "
        "people, the Observatory said."
    )
    assert ("Russian armed forces", "Russia") in found
    assert not any(name == "Russia" for name, _ in found)


@pytest.mark.django_db
def test_a_state_signing_an_agreement_stays_the_state(actors_and_gazetteer):  # guard
    found = _actors(
        "Turkey and Russia agreed on a ceasefire in Idlib on Sunday, the Turkish "
        "foreign ministry said."
    )
    assert ("Russia", "Russia") in found
