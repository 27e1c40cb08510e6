"""Speakers and stances on unseen text (series T, helper ingstance3): a denial by
"disputing" or by calling a report "fake news", a speaker after "There was no comment
from X and", an apposed speaker who "later denied", "accused X of", a witness with a
relative clause, a known party saying its forces were not driven out, a statement on
"the town" just told."""

import pytest

from ingest.proposal import ProposedStatement
from ingest.statements import followups, speakers, stances, voices


def _read(sentence: str) -> tuple[str, str]:
    statement = voices.reread(speakers.attribute(sentence))
    return statement.stance, statement.speaker


def test_disputing_reports_is_a_denial():
    assert _read(
        "Coalition forces in the province are disputing reports that their jets "
        "hit a wedding in Kafr Zeita on Monday."
    ) == ("denies", "Coalition forces in the province")


def test_calling_the_reports_fake_news_denies():
    stance, speaker = _read(
        "State television said on Monday that reports of the raid on Tal Rifaat were "
        '"fake news".'
    )
    assert (stance, speaker) == ("denies", "State television")


def test_there_was_no_fighting_is_no_denial():  # guard: it says what was not there
    stance, _ = _read(
        '"There was no fighting near the market," a spokesman for the rebels said.'
    )
    assert stance == "claims"


def test_the_speaker_after_a_clause_of_no_comment():
    assert _read(
        "There was no immediate comment from the defence ministry and a local "
        "official denied the group's claim."
    ) == ("denies", "a local official")


def test_an_apposed_speaker_who_later_denied():
    assert _read(
        "Omar Haddad, the head of the village council, later denied that Jarjanaz "
        "had been captured."
    ) == ("denies", "Omar Haddad, the head of the village council")


def test_a_rights_group_accusing_the_army_reports():
    assert _read(
        "Amnesty International has accused the army of killing six civilians in "
        "a raid on Kafr Nubl."
    ) == ("reports", "Amnesty International")


def test_a_witness_with_a_relative_clause_reports():
    assert _read(
        '"Six people were killed," said the woman, who said she saw two jets over '
        "Ariha."
    ) == ("reports", "the woman")


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("two villagers", "reports"),
        ("a survivor", "reports"),
        ("armed men", "claims"),  # guard: armed men are a side
    ],
)
def test_people_there_report(speaker, expected):
    assert stances.stance_of("said", speaker, "") == expected


def test_a_known_party_saying_its_forces_were_not_driven_out_denies():
    statement = speakers.attribute(
        "Russia said on Saturday that its forces had not been pushed out of Kreminna."
    )
    read = voices.party_denial(statement, {"foreign_forces"})
    assert read.stance == "denies"
    unknown = voices.party_denial(statement, set())  # guard: not known as a party
    assert unknown.stance == statement.stance


def test_a_statement_on_the_town_just_told_follows_it_up():
    statement = speakers.attribute(
        "The army in a statement said foreign troops had occupied the town."
    )
    assert followups.follows_up(statement, verb="said")


def test_the_village_of_a_named_place_is_no_follow_up():  # guard
    statement = speakers.attribute(
        "All victims in the village of Kafr Sajna were from one family, the "
        "Observatory said."
    )
    assert not followups.follows_up(statement, verb="said")


def test_a_broadcaster_saying_quoting_a_source_mid_sentence():
    assert _read(
        "Government forces took the village of Tal Sousin on Friday, state radio "
        "said quoting a military source, in a push towards the airport."
    ) == ("claims", "a military source (via state radio)")


def test_a_name_and_a_title_without_an_article_speak():
    assert _read(
        "Ivan Petrenko, Kharkiv regional governor, said two people were killed in "
        "Kupiansk."
    ) == ("claims", "Ivan Petrenko, Kharkiv regional governor")


def test_a_speaker_with_a_day_and_its_part_before_the_verb():
    assert _read(
        "The group on Monday morning said it had targeted an army post near Kafr Hamra."
    ) == ("claims", "The group")


def test_a_claim_of_responsibility_another_source_tells_confirms():
    statements = voices.acknowledged(
        [
            ProposedStatement(
                "claims", "a police officer", "a car bomb hit the base", 1
            ),
            ProposedStatement(
                "claims", "the group", "responsibility for the attack", 2
            ),
        ]
    )
    assert [s.stance for s in statements] == ["claims", "confirms"]
    alone = voices.acknowledged(  # guard: its own word alone claims
        [ProposedStatement("claims", "the group", "responsibility for the attack", 2)]
    )
    assert alone[0].stance == "claims"


def test_a_title_of_a_place_stays_in_the_content():  # its place is read
    statement = speakers.attribute(
        "Omar Diallo, governor of the Mopti region, said gunmen burned Sare Bia."
    )
    assert "Mopti" in statement.content


def test_a_name_cited_by_according_to_reports():
    assert _read(
        "According to Enab Post, warplanes struck the market of Maarzaf on Monday."
    ) == ("reports", "Enab Post")


def test_a_governor_of_a_region_speaks_and_the_region_stays_in_the_content():
    statement = speakers.attribute(
        "Adama Sow, governor of the Segou region, said gunmen burned Diafarabe."
    )
    assert statement.speaker == "Adama Sow, governor of the Segou region"
    assert "Segou" in statement.content
