"""Precision on real reporting (issue 13): statistics, duplicates of one incident and
cues that name no new event. Each sentence keeps the shape of a development report."""

import datetime as dt

import pytest

from events import demo
from ingest import propose
from ingest.kinds import background, rules
from ingest.tests.articles import cue_types as _types
from ingest.when import dates
from places import gazetteer

MONDAY = dt.datetime(2022, 3, 7, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def _actors_and_gazetteer(db) -> None:
    demo._actors()
    assert len(gazetteer.gazetteer_index()) > 0


def _restated(sentence: str, cue: str) -> bool:
    start = sentence.index(cue)
    return background.restated(
        sentence, start, start + len(cue), "explosions-remote-violence"
    )


# ------------------------------------------------------------- statistics of a period
@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Since July 13, at least 638 people have been killed as a result of fighting, "
         "field executions, and Israeli airstrikes, the statement added.", "airstrikes"),
        ("As of 7 May, according to the CCCM cluster, at least 133,831 people have been "
         "displaced by the renewed conflict in Idleb governorate.", "displaced"),
        ("During the reporting period 1,134 people were reported injured and 36 dead "
         "according to local health authorities in Idleb governorate.", "injured"),
        ("The death toll during the military operations within the desert has reached "
         "130 since the beginning of 2022, are: 69 militants were killed by Russian air "
         "strikes in Homs desert, Hama and Raqqa.", "air strikes"),
        ("And 61 government forces were killed in 21 ISIS operations in separate areas "
         "of the desert, west of Euphrates, Raqqa and Homs.", "killed"),
        ("The war has caused a civil war, killing thus far 205 people and wounded 913 "
         "since the beginning of the campaign in mid-April.", "wounded"),
        ("45 pro-government fighters have been killed over the past two days during "
         "the offensive.", "killed"),
        ("The region is home to three million people, two-thirds of them displaced "
         "from other parts of the country during the decade-long civil war.",
         "displaced"),
    ],
)  # fmt: skip
def test_a_toll_or_count_over_a_period_is_no_incident(sentence, cue):
    assert _restated(sentence, cue)


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Air strikes killed 12 in Ariha on Monday, bringing the toll since the "
         "beginning of the offensive to 300.", "killed"),
        ("Jets struck the town over the past two days.", "struck"),
        ("The first air strikes since the truce hit Busra al-Harir.", "strikes"),
    ],
)  # fmt: skip
def test_an_incident_beside_a_period_stays_an_event(sentence, cue):
    assert not _restated(sentence, cue)


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_situation_reports_period_toll_proposes_nothing():
    proposal = propose.article_propose(
        text_raw="During the reporting period 1,134 people were reported injured and "
        "36 dead according to local health authorities in Idleb governorate.",
        published_at=MONDAY,
    )
    assert proposal.events == []


# ------------------------------------------------------------------ types of one cue
def test_a_car_bombing_condemned_is_the_car_bomb_not_an_air_strike():
    assert _types(
        "The Kurdish-led SDF condemned the car bombing, accusing factions of using "
        "such bombings to intimidate local residents"
    ) == ["remote-explosive-landmine-ied"]
    assert _types("Russian jets continued bombing the town") == ["air-drone-strike"]


def test_fighters_who_executed_an_attack_on_positions_fought_a_clash():
    assert _types(
        "ISIS fighters executed an attack on regime positions at the T2 station"
    ) == ["armed-clash"]
    assert _types("The group executed 16 workers") == ["violence-against-civilians"]


@pytest.mark.parametrize(
    "clause",
    [
        "Southern fighters also drove Houthi fighters from the town and captured a "
        "number of Houthi fighters",
        "They destroyed combat vehicles, seized seven others, and killed dozens of RSF "
        "fighters",
    ],
)
def test_people_or_gear_captured_is_no_territory_taken(clause):
    assert not {"non-state-actor-overtakes-territory"} & set(_types(clause))


def test_a_village_captured_is_still_territory_taken():
    assert _types("Rebels captured two villages north of Hama") == [
        "non-state-actor-overtakes-territory"
    ]


def test_displacement_caused_by_a_capture_is_part_of_the_capture():
    assert _types(
        "On 25 April, non-state armed groups captured the town of Jisr-Ash-Shugur, "
        "resulting in displacement"
    ) == ["non-state-actor-overtakes-territory"]


def test_fighters_who_fled_were_not_displaced():
    assert _types("the enemy has been defeated, they have fled") == []
    assert _types("Thousands of residents fled the town") == ["displacement"]


def test_gathering_in_preparation_to_join_battles_is_no_battle():
    assert (
        _types(
            "armed tribal fighters have gathered near the village of Barak, in "
            "preparation to join ongoing battles in and around the city"
        )
        == []
    )


def test_a_swelled_population_beside_a_zone_agreement_stays_a_displacement():
    """The seed article's displacement: an agreement named beside it causes none."""
    assert set(
        _types(
            "Idlib's prewar population of 1.5 million has swelled to around 3 million "
            "with new refugee waves after it was designated a de-escalation zone under "
            "the Astana agreement in May 2017"
        )
    ) == {"agreement", "displacement"}


# ------------------------------------------------------- one incident, told in parts
@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_where_the_incident_took_place_places_the_event_told_before_it():
    """A wire lead names only the country; the next sentence says where it was."""
    proposal = propose.article_propose(
        text_raw="A Turkish drone struck a jeep, killing the driver, a source said. "
        "A strike killed three people in Syria's far northeast on Friday evening. "
        "The incident took place in Shorek village, to the east of the city of "
        "Qamishli.",
        published_at=dt.datetime(2022, 7, 23, 9, 0, tzinfo=dt.UTC),
    )
    # "Shorek" is the gazetteer's Shurak (Choûrek), 11 km east of Qamishli, since o
    # and u are one key (places/geocoding/shapes.py).
    assert [(e.event_type, e.place.name, e.date_start) for e in proposal.events] == [
        ("air-drone-strike", "Shurak", dt.date(2022, 7, 22))
    ]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_an_earlier_strike_placed_by_the_next_sentence_is_a_second_event():
    proposal = propose.article_propose(
        text_raw="A Turkish drone struck a jeep in Shorek village on Friday evening, "
        "killing three. Earlier on Friday, a Turkish drone struck near a Syrian regime "
        "military post with two missiles. This took place in the village of Zour "
        "Maghar, in the western countryside of Kobani.",
        published_at=dt.datetime(2022, 7, 23, 9, 0, tzinfo=dt.UTC),
    )
    assert sorted(e.place.text for e in proposal.events) == [
        "Shorek village",
        "Zour Maghar",
    ]
    # "in the western countryside of Kobani" anchors it: the gazetteer's Zawr Maghar;
    # "Shorek" is the gazetteer's Shurak (o and u are one key).
    assert {e.place.name for e in proposal.events} == {"Shurak", "Zawr Maghar"}


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_toll_placed_only_by_the_sentences_before_is_the_strikes_toll():
    """An Airwars page: a toll sentence and a later "civilian casualties" whose
    place is only the one the sentence before it names are the strike's toll."""
    proposal = propose.article_propose(
        text_raw="Two civilians were killed in an airstrike on Saraqib. Two men were "
        "killed, identified by name by multiple sources. Reports mention a mosque in "
        "the village of Ariha. It was assessed that no strikes were conducted in the "
        "area that correspond to the report of civilian casualties.",
        published_at=dt.datetime(2017, 10, 18, 12, 0, tzinfo=dt.UTC),
    )
    assert [e.event_type for e in proposal.events] == ["air-drone-strike"]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_the_mornings_fighting_is_the_clash_told_before_not_one_per_village():
    """The places of another clause ("blocked by residents in al-Hara and Nawa") do
    not make "the morning's fighting" two new clashes."""
    proposal = propose.article_propose(
        text_raw="On Friday, clashes broke out between Druze factions and tribal "
        "fighters on the outskirts of Suwayda city, a local source said. SOHR "
        "confirmed casualties from the morning's fighting and noted that UN vehicles "
        "trying to reach Suwayda were blocked by residents in al-Hara and Nawa.",
        published_at=dt.datetime(2025, 7, 18, 15, 0, tzinfo=dt.UTC),
    )
    assert [(e.event_type, e.place.admin1) for e in proposal.events] == [
        ("armed-clash", "As-Suwayda")
    ]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_detail_during_the_attack_is_no_second_event():
    proposal = propose.article_propose(
        text_raw="On Friday, gunmen attacked army checkpoints in Mayadin and killed "
        "four soldiers. The attackers detonated an improvised explosive device during "
        "the attack.",
        published_at=dt.datetime(2022, 3, 5, 15, 0, tzinfo=dt.UTC),
    )
    assert [e.event_type for e in proposal.events] == ["armed-clash"]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_clashes_a_relative_clause_places_are_their_own_place():
    """ "The hourslong clashes, which … centered in X": placed by their relative
    clause, not folded into the lead's coarser place."""
    proposal = propose.article_propose(
        text_raw="Clashes between armed groups rocked Idlib province on Monday. "
        "The hourslong clashes, which involved heavy weapons, centered in the town of "
        "Saraqib, officials said.",
        published_at=dt.datetime(2019, 5, 20, 15, 0, tzinfo=dt.UTC),
    )
    assert [(e.event_type, e.place.name) for e in proposal.events] == [
        ("armed-clash", "Saraqib")
    ]


# ----------------------------------------------------------------------------- dates
def test_day_before_yesterday_is_two_days_before_publication():
    found = dates.find_dates(
        "And day before yesterday, a car carrying 3 soldiers was attacked near "
        "Sabkhat al-Melh area, east of Palmyra.",
        published_at=MONDAY,
    )
    assert [(d.date_start, d.precision) for d in found] == [
        (dt.date(2022, 3, 5), "day")
    ]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_on_the_same_day_is_the_day_the_story_last_named():
    """A weekly round-up: "On Jan. 2, …" then "On the same day, …" a week before
    publication (older than the lead's carried date)."""
    proposal = propose.article_propose(
        text_raw="On Jan. 2, two soldiers of the government forces were killed in "
        "clashes in Tafas. On the same day, a local source said a man was killed by "
        "unknown gunmen in the city of Hirak, east of Daraa.",
        published_at=dt.datetime(2023, 1, 9, 12, 0, tzinfo=dt.UTC),
    )
    assert {e.date_start for e in proposal.events} == {dt.date(2023, 1, 2)}


# ------------------------------------------------------------ cited earlier reporting
@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_an_earlier_car_bomb_another_outlet_reported_is_restated():
    proposal = propose.article_propose(
        text_raw="A car bomb exploded next to a vehicle carrying farm workers on the "
        "outskirts of Manbij on Monday, killing 15 people. On Saturday, a car bomb in "
        "Manbij killed four civilians and wounded nine others, including children, "
        "the Syrian state news agency Sana reported.",
        published_at=dt.datetime(2025, 2, 3, 15, 0, tzinfo=dt.UTC),
    )
    assert [(e.event_type, e.date_start) for e in proposal.events] == [
        ("remote-explosive-landmine-ied", dt.date(2025, 2, 3))
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker", "restated"),
    [
        ("The SCD published on Facebook on Saturday that warplanes targeted the rural "
         "areas of Aleppo.", "", True),
        ("On Saturday, a car bomb in Manbij killed four, Sana reported.",
         "Syrian state news agency Sana", True),
        ("On Saturday, a local source said a man was killed by gunmen in Hirak.",
         "a local source", False),
        ("On Sunday, a car bomb in Manbij killed four, Sana reported.",
         "Syrian state news agency Sana", False),
    ],
)  # fmt: skip
def test_another_outlets_report_of_two_days_back_is_cited_not_new(
    sentence, speaker, restated
):
    found = dates.find_dates(sentence, published_at=MONDAY)
    assert background.cited_earlier(sentence, speaker, found, MONDAY.date()) is restated


@pytest.mark.parametrize(
    "clause",
    [
        "The Southern Resistance retook much of Aden this month, supported by air "
        "strikes",
        "Rebel factions of al-Fatih Army seized control of large areas in Sahl al-Ghab",
        "over the past year Syrian government forces captured most areas west of the "
        "Euphrates",
    ],
)
def test_a_campaigns_gains_summed_up_are_no_capture(clause):
    assert not set(_types(clause)) & rules.TERRITORY


def test_a_man_killed_by_unknown_gunmen_is_an_attack_soldiers_a_clash():
    assert _types(
        "a local source said Nader al-Mafaalani was killed by unknown gunmen in the "
        "city of Hirak"
    ) == ["attack"]
    assert _types("Two soldiers were killed by gunmen at a checkpoint") == [
        "armed-clash"
    ]


def test_a_threat_to_launch_an_operation_and_a_trend_of_attacks_are_no_offensive():
    assert (
        _types(
            "Turkish officials issued statements threatening to launch a new military "
            "operation against Syria's north"
        )
        == []
    )
    assert _types("Turkey has intensified its attacks using drones") == []
    assert _types("The army intensified its offensive on the town") == [
        "offensive-launched"
    ]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_where_fighters_advance_towards_is_not_where_the_clash_was():
    proposal = propose.article_propose(
        text_raw="On Saturday, ISIS launched a major counter-attack in Deir ez-Zor "
        "province in response to advances by government forces towards Mayadin.",
        published_at=dt.datetime(2017, 10, 22, 12, 0, tzinfo=dt.UTC),
    )
    assert [e.place.name for e in proposal.events] == ["Deir ez-Zor"]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_town_after_a_direction_locates_the_target_named_before_it():
    """ "fired missiles north and west of Hais city, south of al-Hodeida": one
    shelling, at the first town; the second only says where it lies."""
    proposal = propose.article_propose(
        text_raw="On Thursday, the Houthi militias fired missiles north and west of "
        "Hais city, south of al-Hodeida.",
        published_at=dt.datetime(2019, 4, 12, 12, 0, tzinfo=dt.UTC),
    )
    # Read in Yemen's gazetteer (the Houthis name the story's country): the span keeps
    # its bearing ("west of Hais city"), the place is the town itself, not al-Hodeida.
    assert [e.place.name for e in proposal.events] == ["Ḩays"]
    assert proposal.events[0].place.precision == 1


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_the_governorates_city_after_a_comma_qualifies_the_village_before_it():
    proposal = propose.article_propose(
        text_raw="On Friday, the SDF also arrested 13 people in the al-Karr village, "
        "Deir ez-Zor suspected of ISIS affiliation, the RIC said.",
        published_at=dt.datetime(2022, 9, 24, 12, 0, tzinfo=dt.UTC),
    )
    assert [(e.event_type, e.place.text) for e in proposal.events] == [
        ("arrests", "al-Karr")
    ]
