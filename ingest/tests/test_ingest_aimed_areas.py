"""An aim with no weapon word at the areas, localities or city a sentence names, a time
phrase between the verb and its object (ingest/aimed.py; series AF, helper ingfresh9)."""

import pytest

from ingest import aimed


@pytest.mark.parametrize(
    "clause",
    [
        "The army has targeted on Friday night the liberated areas including Harbal",
        "Turkish forces targeted on Thursday the town of Tel Rifaat",
        "Thursday's attacks targeted the suburb of Hammouriyeh in Damascus",
        "Government forces targeted the countryside of Kafr Zita",
    ],
)
def test_an_aim_at_areas_or_after_a_time_phrase_is_an_event(clause):
    (match,) = aimed.matches(clause)
    assert match.slug == aimed.REMOTE


@pytest.mark.parametrize(
    "clause",
    [
        "There are no military targets in Al Noor area",
        "The hospital is underground to avoid targeting in the conflict-prone area",
        "The army continues to target areas in the countryside",
    ],
)
def test_a_noun_a_preposition_or_a_habit_is_no_aimed_event(clause):
    assert aimed.matches(clause) == []
