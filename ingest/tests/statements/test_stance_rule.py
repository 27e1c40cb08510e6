"""The stance rule of the labelling guide (6 December 2026): a stance is who speaks and
with what verb, never whether someone else denies the event; a side's word on its own
act confirms when another source tells it, claims when it is the only source."""

import pytest

from ingest.proposal import ProposedStatement
from ingest.statements import speakers, stances, voices


def _read(sentence: str) -> tuple[str, str]:
    statement = voices.reread(speakers.attribute(sentence))
    return statement.stance, statement.speaker


def test_media_reporting_a_side_as_saying_give_the_side_as_speaker():
    assert _read(
        "But several media are reporting the military and its allied Joint Forces "
        "as saying they repelled Saturday's attack on the town."
    ) == ("claims", "the military and its allied Joint Forces (via several media)")


def test_a_spokesman_saying_his_sides_planes_did_not_strike_denies():
    assert _read(
        '"Russian planes did not carry out any combat missions in the province of '
        'Idlib," Igor Konashenkov, a Russian Defence Ministry spokesman, said.'
    ) == ("denies", "Igor Konashenkov, a Russian Defence Ministry spokesman")


def test_the_other_sides_planes_not_striking_is_no_denial():  # guard
    stance, _ = _read(
        '"Syrian planes did not take part in the raid," a Russian Defence Ministry '
        "spokesman said."
    )
    assert stance == "claims"


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("a local media activist", "reports"),
        ("The head of the Independent Houran Reporters campaign", "reports"),
        ("the Syrian army", "confirms"),  # guard: a party's admission
    ],
)
def test_a_confirmation_is_a_partys_admission_only(speaker, expected):
    assert stances.stance_of("confirmed", speaker, "") == expected


def _statement(stance: str, speaker: str, quote: str) -> ProposedStatement:
    return ProposedStatement(stance, speaker, quote, 0)


def test_a_sides_own_strike_told_by_others_too_confirms():
    statements = voices.acknowledged(
        [
            _statement("claims", "Syrian state media", "Israeli strikes killed 15"),
            _statement("claims", "The Israeli military", "it targeted buildings"),
        ]
    )
    assert [s.stance for s in statements] == ["claims", "confirms"]


def test_a_sides_own_strike_told_by_it_alone_claims():  # guard: a claim of its act
    statements = voices.acknowledged(
        [_statement("claims", "Hezbollah", "it fired rockets at Kiryat Shmona")]
    )
    assert statements[0].stance == "claims"


def test_a_long_monitor_name_and_a_party_are_two_stances():
    statements = voices.split_joint(
        [
            _statement(
                "claims", "The Syrian Observatory for Human Rights and rebels", "jets"
            )
        ]
    )
    assert {(s.stance, s.speaker) for s in statements} == {
        ("reports", "The Syrian Observatory for Human Rights"),
        ("claims", "rebels"),
    }


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("local networks including Suwayda 24", "reports"),
        ("Arab media outlets", "reports"),
        ("the group's Telegram channels", "claims"),  # guard: a party's own channels
    ],
)
def test_outlets_named_in_the_plural_report(speaker, expected):
    assert stances.stance_of("said", speaker, "") == expected
