"""Shapes of the series G development reports (issue 13) the extractor got wrong: an
anti-aircraft gun read as aircraft, jets seen in the sky read as an air strike, a
thrown grenade, a checkpoint set up, and a patrol's incursion read as a capture. Each
sentence paraphrases a dev report's shape (Somalia, Aleppo, Raqqa, Quneitra)."""

import datetime as dt

import pytest

from ingest import propose
from ingest.tests.articles import cue_types as _types

FRIDAY = dt.datetime(2025, 12, 5, 12, 0, tzinfo=dt.UTC)


def _slugs(text: str, published_at: dt.datetime = FRIDAY) -> list[str]:
    return [
        e.event_type
        for e in propose.article_propose(
            text_raw=text, published_at=published_at
        ).events
    ]


# ------------------------------------------------------------- gear and overflights
@pytest.mark.parametrize(
    "clause",
    [
        "They took weapons and ammunition, including anti-aircraft guns fixed on "
        "pickups",
        "The fighters seized two trucks mounted with anti aircraft guns",
    ],
)
def test_an_anti_aircraft_gun_is_no_air_strike(clause):
    assert "air-drone-strike" not in _types(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "The shelling coincided with the presence of Russian fighter jets flying in "
        "the skies over the cities of Marea and Azaz",
        "Activists reported seeing fighter jets hovering over the region this morning",
        "Drones were circling over Kobani all night",
    ],
)
def test_aircraft_seen_in_the_sky_strike_nothing(clause):
    assert "air-drone-strike" not in _types(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "Russian warplanes flying over Idlib struck the town of Ariha",
        "Jets hovering over the village bombed a bakery",
        "Warplanes raided the town of Saraqib",
    ],
)
def test_aircraft_that_strike_are_still_an_air_strike(clause):
    assert _types(clause) == ["air-drone-strike"]


@pytest.mark.django_db
def test_an_overflight_beside_a_shelling_adds_no_air_strike(actors_and_gazetteer):
    text = (
        "On the evening of October 12, Kurdish fighters shelled a Turkish base on the "
        "outskirts of Azaz. The shelling coincided with the presence of Russian fighter "
        "jets flying in the skies over the cities of Marea and Azaz."
    )
    slugs = _slugs(text, dt.datetime(2023, 10, 13, 9, 0, tzinfo=dt.UTC))
    assert "air-drone-strike" not in slugs
    assert "shelling-artillery-missile-attack" in slugs


# -------------------------------------------------------------------------- grenades
@pytest.mark.parametrize(
    "clause",
    [
        "Unknown persons threw a hand grenade at a police patrol in the village, "
        "injuring several members",
        "A grenade was thrown at a checkpoint, wounding two guards",
    ],
)
def test_a_thrown_grenade_is_the_grenade_type(clause):
    assert _types(clause) == ["grenade"]


def test_rocket_propelled_grenades_are_the_weapons_of_a_clash():
    clause = (
        "Gunmen attacked the checkpoint using rocket-propelled grenades and machine "
        "guns"
    )
    assert "grenade" not in _types(clause)


# --------------------------------------------------------- bases and incursions
@pytest.mark.parametrize(
    "clause",
    [
        "Israeli forces set up a temporary military checkpoint between the towns near "
        "a demolished water tank",
        "Turkish troops established a new military post near the village",
    ],
)
def test_a_checkpoint_or_post_set_up_is_a_base_established(clause):
    assert _types(clause) == ["headquarters-or-base-established"]


def test_an_established_group_sets_up_nothing():
    clause = "Established in 2012, the Asayish has around 15,000 members"
    assert "headquarters-or-base-established" not in _types(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "On Thursday, a three-vehicle Israeli patrol advanced into the towns of "
        "Samdaniya and al-Ajraf",
        "The Israeli army on Friday carried out a new ground incursion into the village "
        "of Saida al-Hanout",
    ],
)
def test_a_patrols_incursion_is_no_capture(clause):
    types = _types(clause)
    assert "non-state-actor-overtakes-territory" not in types
    assert types == ["other"]


@pytest.mark.parametrize(
    "clause",
    [
        "Rebel fighters advanced into the town of Kafr Nabudah on Monday",
        # a dev report (B08): tanks back the fighters who take the villages
        "The fighters had withdrawn from the villages of al-Amarna and Ayn al-Bayda as "
        "the rebels backed by Turkish tanks advanced into them",
    ],
)
def test_forces_advancing_into_a_town_still_capture_it(clause):
    assert _types(clause) == ["non-state-actor-overtakes-territory"]


# ---------------------------------------------------- strikes carried out, tolls named
def test_airstrikes_executed_by_jets_are_no_execution():
    clause = (
        "Sources reported new details of the airstrikes which were executed by US "
        "fighter jets and unidentified aircraft on positions of Iranian-backed militias"
    )
    assert _types(clause) == ["air-drone-strike"]


def test_a_split_off_relative_clause_executed_by_jets_is_no_execution():
    # the clause splitter cuts "the airstrikes which | were executed by US jets …"
    clause = "were executed by US fighter jets and unidentified aircraft on positions"
    assert "violence-against-civilians" not in _types(clause)


@pytest.mark.parametrize(
    "clause",
    ["Two men were executed by the group in the square", "IS executed three shepherds"],
)
def test_people_executed_are_still_violence_against_civilians(clause):
    assert _types(clause) == ["violence-against-civilians"]


def test_a_rescue_from_the_rubble_is_no_new_toll():
    clause = (
        "Medical and civil defense teams are still conducting rescue operations to "
        "extract victims and injured individuals from the rubble of the targeted house"
    )
    assert _types(clause) == []


def test_individuals_injured_in_shelling_are_still_its_toll():
    clause = "Three individuals were injured in the shelling of the town"
    assert _types(clause) == ["shelling-artillery-missile-attack"]


# ------------------------------------------------------------------- running tolls
@pytest.mark.django_db
def test_a_sides_running_toll_since_a_war_began_is_no_new_event(actors_and_gazetteer):
    text = (
        "The army said 20 people were killed on Saturday in Rafah. Israel has killed "
        "more than 34,300 Palestinians since an Oct. 7, 2023 cross-border attack by "
        "Hamas in which some 1,200 Israelis were killed and around 250 hostages taken."
    )
    events = propose.article_propose(
        text_raw=text, published_at=dt.datetime(2024, 4, 27, 12, 0, tzinfo=dt.UTC)
    ).events
    new = [e for e in events if not e.background]
    assert [e.place.text for e in new if e.place] == ["Rafah"]
    assert len(new) == 1


def test_a_sides_toll_since_a_month_is_a_statistic_a_days_few_are_not():
    from ingest.kinds import tallies

    assert tallies.statistic(
        "Israel has killed more than 34,300 Palestinians since October", 10, 16
    )
    assert not tallies.statistic(
        "Israeli strikes have killed 12 people since Monday morning in Rafah", 22, 28
    )
