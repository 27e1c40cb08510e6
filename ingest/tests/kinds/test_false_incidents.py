"""Violence words that report no incident (issue 13, series R: false incidents on text
the rules were not written for): conditions and calls, habits, interceptions, people
named by what was done to them, buildings stormed, fighters taken in a fight, homes
burnt, verdicts, a past war's toll, "has since", a running total. Each sentence
paraphrases a shape of the development reports (dev split only)."""

import pytest

from ingest.kinds import background, rules
from ingest.tests.articles import cue_types as _types


def _told(sentence: str) -> list[tuple[str, bool]]:
    """(type, restated) of each type the sentence's cues give."""
    return [
        (m.slug, background.restated(sentence, m.start, m.end, m.slug))
        for m in rules.classify(sentence, [])
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "The minister was poised to ask for support in the event of an air strike on "
        "the depots",
        "He called for an immediate end to fighting between the two armies",
        "The rebels had launched daily artillery and drone strikes on the town",
        "One cruise missile launched from the border region was also downed",
        "Forces stepped up efforts to rescue dozens of abducted college students",
        "Police confirmed that 27 people kidnapped by gunmen from a school in the "
        "state were rescued",
    ],
)
def test_a_condition_a_call_a_habit_or_an_interception_is_no_incident(clause):
    assert _types(clause) == []


@pytest.mark.parametrize(
    ("clause", "kind"),
    [
        ("Army troops shelled the village of Kafr Nabl on Monday", "shelling"),
        ("The pro-government daily Al-Watan reported shelling on the town", "shelling"),
        (
            "A missile hit the town after air defences intercepted two others",
            "shelling",
        ),
        (
            "Air defences shot down missiles launched at the capital's suburbs",
            "shelling",
        ),
        ("Kidnappers abducted 39 students from their hostels late on Thursday", "vac"),
        ("Ten people were kidnapped by gunmen on Monday and later released", "vac"),
    ],
)
def test_the_same_words_reporting_an_act_stay_incidents(clause, kind):
    wanted = {
        "shelling": "shelling-artillery-missile-attack",
        "vac": "violence-against-civilians",
    }[kind]
    assert _types(clause) == [wanted]


def test_a_building_stormed_is_an_attack_not_ground_taken():
    assert _types("Gunmen stormed a hotel in the port on Friday") == ["attack"]
    assert _types(
        "Gunmen stormed the high school in the town on Monday and abducted students"
    ) == ["violence-against-civilians"]
    # a town or a security site stormed is still a battle (guide part B), as is a
    # storming told with a fight
    assert _types("Militants stormed the police station in the town on Friday") == [
        "non-state-actor-overtakes-territory"
    ]
    assert _types("Rebels stormed the town of Kafr Nabl on Monday") == [
        "non-state-actor-overtakes-territory"
    ]
    assert "non-state-actor-overtakes-territory" in _types(
        "The attackers stormed the power station and killed 16 workers before "
        "security forces arrived and clashed with them"
    )


def test_troops_who_enter_a_town_to_search_it_raid_it():
    assert _types(
        "Troops entered the town around midnight, searched several homes and damaged "
        "property"
    ) == ["other"]
    assert _types("Rebels entered the town of Kafr Nabl on Monday after clashes") == [
        "non-state-actor-overtakes-territory"
    ]


def test_fighters_taken_in_a_battle_are_the_battles():
    clause = (
        "Our forces made a breakthrough in the battles today around the tank unit and "
        "seized a lot of weapons and killed 260 from the enemy forces and arrested "
        "hundreds of others"
    )
    assert _types(clause) == ["armed-clash"]


def test_people_fleeing_homes_set_alight_are_the_attacks_not_a_displacement():
    assert _types("Residents fled as the armed group set alight to homes") == []
    assert _types("Thousands of residents fled the town on Sunday") == ["displacement"]


@pytest.mark.parametrize(
    "sentence",
    [
        "He was convicted for his role in the shelling of civilians in the city during "
        "the war",
        "The 33-day conflict in the summer of 2006 killed 1,200 people in the country",
        "The military has since retaken the towns.",
        "The total number of victims of the attacks has increased to 27,365 deaths "
        "and 66,630 injured.",
    ],
)
def test_a_verdict_a_past_wars_toll_has_since_and_a_total_are_background(sentence):
    told = _told(sentence)
    assert told
    assert all(restated for _, restated in told)


def test_an_incident_beside_those_words_stays_new():
    for sentence in (
        "Rebels have since Monday shelled the town.",
        "The conflict killed a child in the city on Monday.",
    ):
        assert [restated for _, restated in _told(sentence)] == [False]
