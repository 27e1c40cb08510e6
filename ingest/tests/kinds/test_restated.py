"""Precision rules for real reporting (issue 13): restated background, tolls, adjectives.
Each sentence paraphrases a pattern of the development corpus (dev split only)."""

import datetime as dt

import pytest

from ingest.statements import speakers
from ingest.tests.articles import cue_types as _types
from ingest.when import dates

SATURDAY = dt.datetime(2019, 6, 8, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The zone was agreed by Turkey and Russia last September.",
         (dt.date(2018, 9, 1), "month")),
        ("The country has been at war since early 2011.", (dt.date(2011, 1, 1), "year")),
        ("Forces took the city in October of 2017.", (dt.date(2017, 10, 1), "month")),
        ("The town fell this March.", (dt.date(2019, 3, 1), "month")),
    ],
)  # fmt: skip
def test_months_and_years_of_restated_background_are_dated(sentence, expected):
    found = dates.find_dates(sentence, published_at=SATURDAY)
    assert [(d.date_start, d.precision) for d in found] == [expected]


def test_killed_in_clashes_is_the_clash_not_a_second_toll_event():
    assert _types("Two fighters were killed in clashes with the group overnight") == [
        "armed-clash"
    ]
    assert _types("Gunmen attacked army soldiers with snipers and wounded three") == [
        "armed-clash"
    ]


def test_displaced_as_an_adjective_is_no_displacement():
    assert _types("Two displaced men from the city also died") == []
    assert _types("Thousands were displaced from the town") == ["displacement"]


def test_a_place_lying_within_an_agreed_zone_is_no_new_agreement():
    assert (
        _types(
            "Idlib and northern Hama lie within the de-escalation zone agreed by Turkey "
            "and Russia"
        )
        == []
    )
    assert _types("Turkey and Russia agreed a ceasefire for Idlib") == ["agreement"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Shelling hit the market on Friday, residents told Anadolu Agency.",
         ("reports", "residents")),
        ("Two people were killed in the raid, local sources said.",
         ("reports", "local sources")),
        ("Two people were killed in the raid, military sources said.",
         ("claims", "military sources")),
    ],
)  # fmt: skip
def test_residents_and_unnamed_sources_report_a_party_claims(sentence, expected):
    statement = speakers.attribute(sentence)
    assert (statement.stance, statement.speaker) == expected
