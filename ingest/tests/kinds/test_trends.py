"""Trends summed up are no incidents (issue 13, precision on the F series): the
sentence shapes of the development part's reports (dev split only)."""

import re

import pytest

from ingest.kinds import background

TREND = (
    "After SDF fighters recaptured the makeshift al-Sina'a prison in Hasakah, "
    "following the surrender of the remaining ISIS fighters on Sunday, Turkey has "
    "increased its shelling and drone strikes against Kurdish fighters in northeast "
    "Syria, including near Derik, Tel Tamir, Ain Issa, Tal Abyad, Manbij."
)


def _cues(sentence: str) -> dict[str, bool]:
    cues = r"recaptured|shelling|strikes|attacks?|shelled|bombing|targeted"
    return {
        m.group(0): background.restated(sentence, m.start(), m.end(), "any")
        for m in re.finditer(cues, sentence)
    }


def test_a_trend_with_its_list_of_towns_is_background():
    # 16 proposals came from this one sentence before the rule
    assert _cues(TREND) == {"recaptured": True, "shelling": True, "strikes": True}


@pytest.mark.parametrize(
    "sentence",
    [
        "The army has escalated its bombing campaign in the region since Saturday.",
        "Russia has stepped up its air strikes on the province.",
        "The drone attack came amidst increased Turkish shelling in northeast Syria.",
    ],
)
def test_escalation_and_amid_statements_are_background(sentence):
    cues = _cues(sentence)
    assert cues
    assert all(flag for cue, flag in cues.items() if cue != "attack")


def test_the_incident_before_amid_stays_and_plain_incidents_stay():
    amid = "The drone attack came amidst increased Turkish shelling in northeast Syria."
    assert _cues(amid)["attack"] is False
    assert _cues("Turkish forces shelled the Ain Dewar village on Wednesday.") == {
        "shelled": False
    }
    assert _cues("On Tuesday, a Turkish drone targeted a car near Kharza.") == {
        "targeted": False
    }
