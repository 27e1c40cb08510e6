"""Speakers after a leading time word, and passives that name no speaker (issue 13).
Sentences are made up, shaped like monitor reports ("Yesterday, SOHR activists
reported that …", "No casualties were reported.")."""

import pytest

from ingest.statements import speakers


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Yesterday, Observatory sources said that regime forces shelled Kandar.",
            "Observatory sources",
        ),
        (
            "Yesterday, monitor activists reported that factions fired a missile.",
            "monitor activists",
        ),
        (
            "This morning, local activists reported that jets struck Kandar.",
            "local activists",
        ),
        ("Today, the army announced that it had captured Kandar.", "the army"),
        ("Last night, residents said that drones hit the market.", "residents"),
    ],
)
def test_a_leading_time_word_is_no_part_of_the_speaker(sentence, expected):
    assert speakers.attribute(sentence).speaker == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "No casualties were reported.",
        "No casualties have been reported.",
        "Casualties are reported.",
        "A second blast was reported.",
    ],
)
def test_a_passive_report_names_no_speaker(sentence):
    assert speakers.attribute(sentence).speaker == ""


def test_an_active_bare_report_keeps_its_speaker():  # guard
    assert speakers.attribute("The monitor has reported.").speaker == "monitor"
