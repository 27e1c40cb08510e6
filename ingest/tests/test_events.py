"""Event recall and precision on real reporting (issue 13): cues wire copy uses, hedges
and background that are no events, a lead folded into the detail that follows it.
Each sentence paraphrases a pattern of the development corpus (dev split only)."""

import datetime as dt

import pytest

from events import demo
from ingest import propose
from ingest.country import datelines
from ingest.kinds import background
from ingest.tests.articles import cue_types as _types
from places import gazetteer

WEDNESDAY = dt.datetime(2019, 12, 11, 14, 0, tzinfo=dt.UTC)


# ------------------------------------------------------------------- cues of wire copy
@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("rebels had already taken control of several targets, including Tel Mheed",
         "non-state-actor-overtakes-territory"),
        ("southern fighters won full control of Houta town in heavy clashes",
         "non-state-actor-overtakes-territory"),
        ("Another strike hit a civil defence centre in the Laja area",
         "air-drone-strike"),
        ("Near Abu Kamal, two strikes engaged a tactical unit", "air-drone-strike"),
        ("Rebels launched a counter-offensive in northern Daraa on Wednesday night",
         "offensive-launched"),
        ("Government forces widened their offensive to Quneitra province on Sunday",
         "offensive-launched"),
        ("their patrol was attacked by gunmen on motorbikes in al-Kabr town",
         "armed-clash"),
        ("Terrorists attacked Syrian National Army (SNA) soldiers in Ras al-Ayn",
         "armed-clash"),
        ("army units foiled some terrorists' infiltration into the border town",
         "armed-clash"),
        ("the SDF also arrested 13 people in the al-Karr village", "arrests"),
        ("the towns of Hazarin and Sefohen were targeted by the regime attacks",
         "explosions-remote-violence"),
    ],
)  # fmt: skip
def test_cues_of_wire_copy_are_events(clause, expected):
    assert _types(clause) == [expected]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("a total of 28 Houthi fighters were killed in the morning", "armed-clash"),
        ("The Syrian troops on Wednesday killed 17 armed rebels in Daraa",
         "armed-clash"),
        ("Two civilians were killed in the city of Kafranbel",
         "explosions-remote-violence"),
        ("At least two SDF members were killed after their patrol was targeted",
         "explosions-remote-violence"),
    ],
)  # fmt: skip
def test_fighters_killed_with_no_weapon_named_is_a_clash(clause, expected):
    assert _types(clause) == [expected]


@pytest.mark.parametrize(
    "clause",
    [
        "Wounded soldiers were brought to a hospital in Turkey for treatment",
        "the injured were transferred to nearby hospitals",
        "so that forces can constantly hit the routes with artillery shelling",
        "the punishment for those who fight is to be killed or exiled",
        "amidst threats to launch an offensive in the north",
        "The victory comes just three days after opposition fighters claimed to have "
        "seized the military base",
        "The raid comes just days after militants seized the military base",
        "It came hours after gunmen captured the town",
        "the release of the detainees held by the militia",
    ],
)
def test_adjectives_hedges_and_earlier_news_are_no_events(clause):
    assert _types(clause) == []


def test_an_offensive_to_capture_is_the_offensive_not_a_capture():
    assert _types("Regime forces began an offensive to capture the town") == [
        "offensive-launched"
    ]


def test_a_hedged_cue_does_not_hide_a_later_reported_one():
    clause = (
        "Officials said the jets might come back at any moment after the truce "
        "collapses, and on Monday warplanes struck the town of Saraqib"
    )
    assert _types(clause) == ["air-drone-strike"]


# ------------------------------------------------------------ leads and their details
@pytest.fixture
def _actors_and_gazetteer(db) -> None:
    demo._actors()
    assert len(gazetteer.gazetteer_index()) > 0


def _events(text: str) -> list[tuple[str, str]]:
    proposal = propose.article_propose(text_raw=text, published_at=WEDNESDAY)
    return sorted(
        (e.event_type, e.place.name if e.place else "") for e in proposal.events
    )


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_lead_that_sums_up_an_incident_is_the_detail_that_follows():
    events = _events(
        "An explosion targeted an SDF patrol in Raqqa city on Wednesday, local "
        "sources said.\n\nAt least two SDF members were killed and many others were "
        "injured after their patrol was targeted on the outskirts of al-Karamah town "
        "in the east of Raqqa, a local page said."
    )
    assert [t for t, _ in events] == ["remote-explosive-landmine-ied"]
    assert "Raqq" not in events[0][1]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_another_incident_after_a_lead_stays_its_own_event():
    events = _events(
        "Warplanes struck Idlib city on Wednesday, killing two civilians.\n\n"
        "Warplanes also struck the town of Saraqib, activists said."
    )
    assert len(events) == 2, events


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_toll_after_a_regional_lead_is_at_the_place_the_sentence_before_named():
    events = _events(
        "Five members of the Syrian National Army were killed in an attack by "
        "militants in the northern Aleppo province on Wednesday, local sources said."
        "\n\nThe deaths occurred when militants attempted to infiltrate positions in "
        "Afrin city, the sources said.\n\nFive soldiers were killed in ensuing "
        "clashes, the sources added."
    )
    assert len(events) == 1, events
    assert events[0][0] == "armed-clash"
    assert "Afr" in events[0][1]


# ------------------------------------------------------------- background and habit
@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("The air attacks also targeted the town of Jelmeh, these towns were captured "
         "by the opposition fighters.", "captured", True),
        ("Rebels captured the town of Jelmeh on Monday.", "captured", False),
        ("The victory on Tel Ahmar comes just three days after opposition fighters "
         "claimed to have seized the base.", "seized", True),
        ("Islamist groups have a smaller role than in much of the fighting for "
         "northern Syria.", "fighting", True),
        ("Heavy fighting broke out in the city.", "fighting", False),
    ],
)  # fmt: skip
def test_restated_news_is_no_new_event(sentence, cue, expected):
    start = sentence.index(cue)
    slug = "armed-clash" if cue == "fighting" else "non-state-actor-overtakes-territory"
    assert background.restated(sentence, start, start + len(cue), slug) is expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Nevertheless, the Syrian regime and its ally Russia are bombing the region",
         []),
        ("This tank is what has been shelling civilians!", []),
        ("heavy fighting is going on in several parts of the city", ["armed-clash"]),
    ],
)  # fmt: skip
def test_what_is_going_on_or_has_been_going_on_is_no_incident(clause, expected):
    assert _types(clause) == expected


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_capture_named_in_passing_is_background_unless_dated():
    assert (
        _events(
            "The military announced the operation after a series of opposition gains, "
            "including the capture of Sheikh Miskeen."
        )
        == []
    )
    dated = _events("The capture of Sheikh Miskeen on Wednesday ended the battle.")
    assert [t for t, _ in dated] == ["non-state-actor-overtakes-territory"]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_passive_recapture_is_by_the_agent_after_by():
    events = _events(
        "All points taken by IS over the past two days in the eastern countryside of "
        "Deir ez-Zor were retaken by the Syrian army on Wednesday, SANA said."
    )
    assert [t for t, _ in events] == ["government-regains-territory"]


# ------------------------------------------------------------------------- places
@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("ADEN, Yemen, May 14 (Xinhua) -- At least six people were killed.", ["Aden"]),
        ("ERBIL, Kurdistan Region - The SDF on Friday announced losses.", ["Erbil"]),
        ("AMMAN/BEIRUT: Syrian government forces widened their offensive.",
         ["Amman", "Beirut"]),
        ("DAMASCUS -- The Syrian troops on Wednesday killed 17 rebels.", ["Damascus"]),
        ("BEIRUT Aug 28 Turkey-backed Syrian rebels captured two villages.",
         ["Beirut"]),
        ("HEAD FOR THE HILLS: Rebel fighters published a video.", []),
    ],
)  # fmt: skip
def test_all_caps_datelines_name_where_the_story_was_filed(first, expected):
    assert [name for _, _, name in datelines.dateline_names(first)] == expected


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_name_spelt_like_a_place_the_article_names_is_that_place():
    events = _events(
        "Protesters took to the streets of Tel Shihab on Wednesday.\n\nThe protesters "
        "tore the flags at Tel Shehab Roundabout and Kharab al-Shahim."
    )
    assert len(events) == 2, events
    # Its own event, whether the gazetteer knows the village (its row's name) or not.
    assert {name for _, name in events} & {"Kharab al-Shahim", "Kharab al-Shahm"}


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_a_river_is_no_event_place():
    events = _events(
        "Government forces captured four villages east of the Euphrates River in the "
        "eastern province of Deir ez-Zor on Wednesday, state media said."
    )
    assert len(events) == 1, events
    assert "Deir" in events[0][1]


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_the_town_listed_targets_lie_near_is_no_event_place():
    events = _events(
        "The villages of Um Keif, Tawila and Zirghan were shelled near Tal Tamr on "
        "Wednesday, the monitor said."
    )
    assert "Tall Tamr" not in {name for _, name in events}, events
    assert len(events) == 3, events


@pytest.mark.usefixtures("_actors_and_gazetteer")
def test_an_outlet_is_no_place():
    proposal = propose.article_propose(
        text_raw="Lebanese TV station al-Mayadeen said clashes continued on Wednesday "
        "in the village of Mashara.",
        published_at=WEDNESDAY,
    )
    assert all("Mayadeen" not in p.text for p in proposal.places), proposal.places
