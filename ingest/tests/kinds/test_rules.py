"""What becomes an event and when (issue 13): deals made vs deals restated, exchanges
of fire, suppositions, durations and war tolls, date ranges and relative days, the
day a statement was made. Each sentence paraphrases a shape of the development
reports (dev split only: Libya, Yemen, Iraq wire copy)."""

import datetime as dt

import pytest

from events import demo
from ingest import propose
from ingest.kinds import background
from ingest.statements import speakers
from ingest.tests.articles import cue_types as _types
from ingest.when import dates
from places import gazetteer

THURSDAY = dt.datetime(2017, 1, 19, 15, 0, tzinfo=dt.UTC)
MONDAY = dt.datetime(2019, 5, 20, 9, 0, tzinfo=dt.UTC)


# ------------------------------------------------------------------------ agreements
@pytest.mark.parametrize(
    "clause",
    [
        "Rival groups clashed on Wednesday, shattering a three-month-old, "
        "UN-brokered truce",
        "The truce agreed then had largely held until this week",
        "Fighting resumed despite the ceasefire announced by the council",
    ],
)
def test_a_broken_or_standing_deal_is_no_new_agreement(clause):
    assert "agreement" not in _types(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "A ceasefire took effect on Saturday in the capital",
        "The government announced a ceasefire between the two brigades",
        "A truce came into force at midnight",
    ],
)
def test_a_deal_announced_or_taking_effect_is_an_agreement(clause):
    assert _types(clause) == ["agreement"]


# --------------------------------------------------------------------- types of fire
@pytest.mark.parametrize(
    "clause",
    [
        "The army and the rebels exchanged artillery fire near the town",
        "the truce was broken by mutual shelling between the two sides",
        "government troops traded fire with the militants at dawn",
    ],
)
def test_an_exchange_of_fire_is_an_armed_clash(clause):
    assert _types(clause) == ["armed-clash"]


def test_warplanes_that_shelled_a_village_are_one_air_strike():
    assert _types("Russian warplanes shelled the village overnight") == [
        "air-drone-strike"
    ]
    assert sorted(_types("Warplanes struck the town while artillery shelled it")) == [
        "air-drone-strike",
        "shelling-artillery-missile-attack",
    ]


def test_a_supposition_corrected_is_not_the_event():
    clause = (
        "Heavy blasts hit the district and we thought they were airstrikes but "
        "mortar shells had hit the area"
    )
    assert _types(clause) == ["shelling-artillery-missile-attack"]


def test_months_of_strikes_sum_up_a_period_not_an_incident():
    assert _types("Months of air strikes by the Gulf states began to pay off") == []


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("gunmen attacked a Federal Police detachment on the highway", "armed-clash"),
        ("militants attacked a security post on the outskirts of the district",
         "armed-clash"),
        ("two cars of militants raided the village, abducting three residents",
         "violence-against-civilians"),
    ],
)  # fmt: skip
def test_attacks_on_posts_and_abductions_are_events(clause, expected):
    assert expected in _types(clause)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hundreds of combatants and civilians have been killed.", True),
        ("The UN is trying to end the civil war, which has killed over 4,300 people.",
         True),
        ("Five civilians were killed in the village on Monday.", False),
    ],
)  # fmt: skip
def test_a_wars_running_toll_is_restated_not_an_incident(sentence, expected):
    start = sentence.index("killed")
    assert (
        background.restated(sentence, start, start + 6, "explosions-remote-violence")
        is expected
    )


# ----------------------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Strikes hit the town between 3 and 5 May, residents said.",
         (dt.date(2019, 5, 3), dt.date(2019, 5, 5), "day")),
        ("Fighting raged from May 13 to 15.",
         (dt.date(2019, 5, 13), dt.date(2019, 5, 15), "day")),
        ("Rebels held the hill on 11-12 April 2019.",
         (dt.date(2019, 4, 11), dt.date(2019, 4, 12), "day")),
        ("The offensive began in mid-April.", (dt.date(2019, 4, 1), None, "month")),
        ("Strikes resumed in early May.", (dt.date(2019, 5, 1), None, "month")),
        ("The region has been in turmoil since the 2011 uprising.",
         (dt.date(2011, 1, 1), None, "year")),
    ],
)  # fmt: skip
def test_ranges_parts_of_months_and_years_are_periods(sentence, expected):
    found = dates.find_dates(sentence, published_at=MONDAY)
    assert [(d.date_start, d.date_end, d.precision) for d in found] == [expected]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("The previous day", dt.date(2019, 5, 16)),
        ("A day earlier", dt.date(2019, 5, 16)),
        ("The following day", dt.date(2019, 5, 18)),
    ],
)
def test_relative_days_count_from_the_storys_day(phrase, expected):
    found = dates.find_dates(
        f"{phrase}, jets struck the town.",
        published_at=MONDAY,
        anchor=dt.date(2019, 5, 17),
    )
    assert [d.date_start for d in found] == [expected]


# ------------------------------------------------------------------ whole articles
@pytest.fixture
def _actors_and_gazetteer(db) -> None:
    demo._actors()
    assert len(gazetteer.gazetteer_index()) > 0


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_the_previous_day_is_the_day_before_the_leads_date():
    proposal = propose.article_propose(
        text_raw="On Monday, jets struck Saraqib. The previous day, rebels captured "
        "Ariha.",
        published_at=dt.datetime(2019, 5, 22, 9, 0, tzinfo=dt.UTC),
    )
    capture = next(
        e for e in proposal.events if e.event_type.endswith("overtakes-territory")
    )
    assert (capture.date_start, capture.date_precision) == (dt.date(2019, 5, 19), "day")


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_running_toll_restated_is_no_event():
    proposal = propose.article_propose(
        text_raw="Hundreds of civilians have been killed in Saraqib.",
        published_at=MONDAY,
    )
    assert proposal.events == []


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_said_on_thursday_yields_to_the_details_own_day():
    """A same-day wire lead ("…, a rescuer said on Thursday") sums up the shelling
    the next sentence dates and places: one event, on the detail's night."""
    proposal = propose.article_propose(
        text_raw="Eight civilians were killed when rebels shelled a poor district of "
        "Aden city, a volunteer rescuer said on Thursday. Three of them were killed "
        "when the rebels shelled a home in the Crater neighbourhood on Wednesday "
        "night.",
        published_at=THURSDAY,
    )
    assert [(e.event_type, e.date_start) for e in proposal.events] == [
        ("shelling-artillery-missile-attack", dt.date(2017, 1, 18))
    ]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_an_undated_strike_in_a_same_day_story_is_not_fridays_strike():
    """ "…also launched air raids on the city, residents said" (this story's day) and
    "warplanes on Friday killed 65 in the city" are two days, two events."""
    proposal = propose.article_propose(
        text_raw="Rockets fired by rebels killed 14 civilians in Saraqib, residents "
        "said on Monday. The coalition also launched air raids on rebel positions in "
        "the city, residents said. Coalition warplanes on Friday killed 65 people in "
        "Saraqib, an aid group said.",
        published_at=dt.datetime(2015, 8, 24, 17, 0, tzinfo=dt.UTC),
    )
    strikes = [e for e in proposal.events if e.event_type == "air-drone-strike"]
    assert sorted(e.date_start for e in strikes) == [
        dt.date(2015, 8, 21),
        dt.date(2015, 8, 24),
    ]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_later_eventless_date_is_not_carried_into_the_incident():
    proposal = propose.article_propose(
        text_raw="Gunmen attacked army soldiers in Saraqib on Friday. The decision to "
        "pause the operation had come on Thursday. Gunmen attacked the soldiers with "
        "snipers and wounded three of them.",
        published_at=dt.datetime(2019, 10, 19, 9, 0, tzinfo=dt.UTC),
    )
    assert [(e.event_type, e.date_start) for e in proposal.events] == [
        ("armed-clash", dt.date(2019, 10, 18))
    ]


def test_a_quoted_yesterday_is_the_weekday_it_names():
    found = dates.find_dates(
        '"Yesterday (Sunday) and today (Monday), militias attacked the villages," '
        "the committee said.",
        published_at=dt.datetime(2024, 10, 22, 6, 0, tzinfo=dt.UTC),
    )
    assert [d.date_start for d in found] == [
        dt.date(2024, 10, 20),
        dt.date(2024, 10, 21),
    ]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("the militia committed massacres in two towns", "violence-against-civilians"),
        ("RSF units launched a counter-attack on the city", "armed-clash"),
    ],
)
def test_massacres_and_counter_attacks_are_events(clause, expected):
    assert _types(clause) == [expected]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_the_day_said_in_a_statement_is_not_the_incidents_day():
    proposal = propose.article_propose(
        text_raw="The local committee in Saraqib said in a statement on Monday that "
        "rebels on Sunday evening launched a counter-attack on Ariha.",
        published_at=dt.datetime(2024, 10, 22, 6, 0, tzinfo=dt.UTC),
    )
    assert [(e.event_type, e.date_start) for e in proposal.events] == [
        ("armed-clash", dt.date(2024, 10, 20))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Shelling of the city killed five people on Monday, including two children, "
         "the regional governor said.", ("claims", "regional governor")),
        ("Rival militias clashed on Wednesday and two people were killed, medics said, "
         "shattering a truce.", ("reports", "medics")),
        ("Warplanes on Friday killed 65 people in the town, aid group Medecins Sans "
         "Frontieres said.", ("reports", "aid group Medecins Sans Frontieres")),
        ("At least 13 people were killed in overnight fighting in the capital, "
         "emergency services said Friday.", ("reports", "emergency services")),
    ],
)  # fmt: skip
def test_trailing_speakers_of_wire_copy(sentence, expected):
    statement = speakers.attribute(sentence)
    assert (statement.stance, statement.speaker) == expected


@pytest.mark.parametrize(
    "clause",
    [
        "The hills matter because they overlook the roads, so government forces can "
        "constantly target the rebels' positions along the supply lines with "
        "artillery shelling",
        "Turkish-backed forces continue to bombard the areas near the towns of Ain "
        "Issa and Tal Tamr with heavy artillery",
    ],
)
def test_a_modal_governs_its_whole_part_of_the_clause(clause):
    assert _types(clause) == []


def test_a_capture_said_to_be_previous_is_restated():
    sentence = "Rebels had previously captured the hill from government forces."
    start = sentence.index("captured")
    assert background.restated(
        sentence, start, start + 8, "non-state-actor-overtakes-territory"
    )


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_lead_listing_villages_is_not_folded_into_the_next_list():
    proposal = propose.article_propose(
        text_raw="On Friday the villages of Kafr Nabl, Hass and Ariha were shelled, "
        "activists said. The villages of Saraqib, Binnish and Taftanaz were shelled "
        "near Idlib, they added.",
        published_at=dt.datetime(2022, 4, 16, 9, 0, tzinfo=dt.UTC),
    )
    shelled = {e.place.text for e in proposal.events if e.place is not None}
    assert {"Kafr Nabl", "Hass", "Ariha", "Saraqib", "Binnish", "Taftanaz"} <= shelled


def test_fighting_that_intensified_beside_a_strike_is_a_clash_too():
    clause = (
        "Rockets fired by militiamen killed 14 civilians as fighting intensified for "
        "control of the city"
    )
    assert sorted(_types(clause)) == [
        "armed-clash",
        "shelling-artillery-missile-attack",
    ]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_lead_said_today_is_not_folded_into_last_years_capture():
    proposal = propose.article_propose(
        text_raw="Rockets killed 14 civilians as fighting intensified for control of "
        "Aden city, residents said on Monday. The rebels took control of Mukalla "
        "last September.",
        published_at=dt.datetime(2015, 8, 24, 17, 0, tzinfo=dt.UTC),
    )
    assert ("armed-clash", dt.date(2015, 8, 24)) in [
        (e.event_type, e.date_start) for e in proposal.events
    ]
