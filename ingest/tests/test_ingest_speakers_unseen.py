"""Speakers on unseen text (helper ingstance6, issue 13): a lead's words taken for a
name before the speaker, a body named by its common noun and set off, a long title,
a quotation closing on the comma, aid workers, a party's act opening a quotation.
Sentences are made up, shaped like wire copy."""

import pytest

from ingest import speakers, voices
from ingest.proposal import ProposedStatement


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
