"""Wire-story structure read as general rules (issue 13, series I): datelines and
country-level leads give an unplaced event its area, "In a separate incident" and
"Elsewhere" open another incident, sentences glued without a space are two, an aim at
villages with no weapon word is still an event, and the lead's speaker says the
unattributed sentences right after it. The sentences are made up."""

import datetime as dt
import re

import pytest

from ingest import propose
from ingest.country import country, datelines
from ingest.kinds import hedges, typerules
from ingest.reading import wire
from ingest.statements import speakers
from ingest.where import aimed
from ingest.where.mention import PlaceMention

WEDNESDAY = dt.datetime(2024, 5, 8, 12, 0, tzinfo=dt.UTC)
TUESDAY = dt.date(2024, 5, 7)


def _events(text: str) -> list:
    return propose.article_propose(text_raw=text, published_at=WEDNESDAY).events


def _where(event) -> str:
    return event.place.name if event.place is not None else ""


# ------------------------------------------------------------------ glued sentences
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the ministry said.Wafa added that", "the ministry said. Wafa added that"),
        ('he said."The army', 'he said." The army'),
        ("troops of the U.S.Army said", "troops of the U.S.Army said"),
        ("Mr.Smith and Sabanews.net said", "Mr.Smith and Sabanews.net said"),
    ],
)
def test_a_sentence_glued_to_the_next_is_split(text, expected):
    assert wire.unglue(text) == expected


@pytest.mark.django_db
def test_glued_sentences_give_each_its_own_place(actors_and_gazetteer):
    events = _events(
        "Warplanes struck Saraqib on Tuesday, killing three, activists said."
        "Regime forces also shelled Kafr Nabl on Tuesday, local sources said."
    )
    assert {e.event_type for e in events} == {
        "air-drone-strike",
        "shelling-artillery-missile-attack",
    }
    shelling = next(e for e in events if e.event_type.startswith("shelling"))
    assert "Saraqib" not in _where(shelling)


# ------------------------------------------------------------- another incident
@pytest.mark.parametrize(
    "sentence",
    [
        "In a separate incident, gunmen killed two soldiers at a checkpoint.",
        "In another attack, a drone hit a car.",
        "Elsewhere, witnesses said troops raided a town.",
        "Separately, a mine exploded near a road.",
    ],
)
def test_a_cue_opens_another_incident(sentence):
    assert wire.opens_other_incident(sentence)


def test_a_sentence_about_the_same_incident_opens_none():
    assert not wire.opens_other_incident("In the attack, two soldiers were killed.")


@pytest.mark.django_db
def test_a_separate_incident_keeps_no_place_of_the_one_before(actors_and_gazetteer):
    events = _events(
        "Warplanes struck Saraqib on Tuesday, killing three civilians, activists "
        "said. In a separate incident, gunmen killed two soldiers at a checkpoint, "
        "a military source said."
    )
    clash = next(e for e in events if e.event_type != "air-drone-strike")
    assert "Saraqib" not in _where(clash)


# -------------------------------------------------- datelines and the story's area
@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("KHARTOUM, Oct 22 (Reuters) - Gunmen killed five civilians.", "SD"),
        ("Kyiv — Russian drones struck an apartment block overnight.", "UA"),
        ("Bamako: Armed gunmen killed at least 23 people.", "ML"),
        ("ADEN, Yemen, May 14 (Xinhua) -- Clashes broke out.", "YE"),
    ],
)
def test_a_dateline_says_where_the_story_was_filed(sentence, code):
    assert datelines.dateline_span(sentence) is not None
    assert datelines.filed_in(sentence) == code


@pytest.mark.parametrize(
    "sentence",
    ["Update: two soldiers were killed.", "Watch — the moment a drone hit a car."],
)
def test_a_word_before_a_colon_or_dash_is_no_dateline_unless_a_city(sentence):
    assert datelines.dateline_span(sentence) is None


def test_the_may_of_a_date_is_no_hedge():
    clause = "KHARTOUM, May 8 (Reuters) - Gunmen killed five civilians"
    match = re.search(r"killed", clause)
    assert hedges.reported(clause, match, "attack")
    assert not hedges.reported("Gunmen may have killed five", match, "attack")


def test_a_dateline_makes_its_country_the_storys_candidate(settings):
    settings.GAZETTEER_COUNTRIES = ["SY", "SD"]
    text = "KHARTOUM, Oct 22 (Reuters) - Gunmen killed five civilians in a market."
    assert country.candidate(text) == "SD"


def test_the_press_names_of_a_country_count_as_naming_it(settings):
    settings.GAZETTEER_COUNTRIES = ["SY", "PS", "CD"]
    assert country.candidate("Troops raided two towns in the West Bank.") == "PS"
    assert country.candidate("Rebels attacked a village in eastern DRC.") == "CD"


@pytest.mark.django_db
def test_a_datelined_event_naming_no_place_is_in_the_datelines_country(
    actors_and_gazetteer,
):
    (event,) = _events(
        "DAMASCUS, May 8 (Reuters) - Gunmen killed five civilians in an attack on a "
        "market on Tuesday, residents said."
    )
    assert event.place is not None
    assert event.place.feature_type == "country"
    assert event.place.lat is None  # an area, never a confident point
    assert event.date_start == TUESDAY  # the dateline's day is when it was filed


def _mention(name: str, feature_type: str) -> PlaceMention:
    return PlaceMention(
        name, 0, len(name), name, "", feature_type, "ML", None, None, 3, None, None,
        "region",
    )  # fmt: skip


def test_a_lead_naming_only_a_region_sets_the_storys_area():
    area = wire.Area()
    area.read_lead(0, [_mention("Mali", "country"), _mention("Mopti", "governorate")])
    assert [p.name for p in area.places] == ["Mopti"]  # the finest region named


def test_a_lead_naming_a_town_sets_no_area():
    area = wire.Area()
    area.read_lead(0, [_mention("Mali", "country"), _mention("Gao", "city")])
    assert area.places == []


@pytest.mark.django_db
def test_an_unplaced_incident_elsewhere_is_in_the_leads_region(actors_and_gazetteer):
    events = _events(
        "Warplanes struck villages in Idlib province on Tuesday, activists said. "
        "Elsewhere, gunmen killed two soldiers at a checkpoint."
    )
    assert len(events) == 2
    assert all(e.place is not None and e.place.is_region for e in events)


# ------------------------------------------------- an aim with no weapon word
@pytest.mark.parametrize(
    ("clause", "slug"),
    [
        ("Regime forces targeted the villages of Kafr Nabl and Hass", "explosions-"),
        ("Gunmen targeting the village of Um Doss killed ten", "attack"),
        ("The militia targeted residential neighbourhoods of the town", "explosions-"),
    ],
)
def test_an_aim_at_villages_is_an_event(clause, slug):
    (match,) = aimed.matches(clause)
    assert match.slug.startswith(slug)


@pytest.mark.parametrize(
    "clause",
    [
        "The militia frequently targets the villages of the area",
        "Forces targeted rebel positions near the town",
    ],
)
def test_a_habit_or_a_military_aim_is_no_aimed_event(clause):
    assert aimed.matches(clause) == []


@pytest.mark.django_db
def test_villages_targeted_without_a_weapon_word_are_one_event_each(
    actors_and_gazetteer,
):
    events = _events(
        "Regime forces on Tuesday targeted the villages of Kafr Nabl and Saraqib, "
        "activists said."
    )
    assert len(events) == 2
    assert all(e.date_start == TUESDAY for e in events)


@pytest.mark.parametrize(
    "clause",
    [
        "unidentified men killed dozens of people in the village of Yarou",
        "At least 25 people were killed in an attack on New Year's Eve by rebels",
    ],
)
def test_a_bare_toll_of_civilians_by_attackers_on_foot_is_an_attack(clause):
    toll = [typerules.TypeMatch(aimed.REMOTE, 0, 6)]
    assert [m.slug for m in aimed.refined(clause, toll)] == ["attack"]


@pytest.mark.parametrize(
    "clause",
    [
        "Gunmen killed five people in a drone strike on the market",
        "Five people were killed in the village",
    ],
)
def test_a_toll_with_a_weapon_or_no_attacker_stays_as_read(clause):
    toll = [typerules.TypeMatch(aimed.REMOTE, 0, 6)]
    assert [m.slug for m in aimed.refined(clause, toll)] == [aimed.REMOTE]


# -------------------------------------------------------------- the lead's voice
def _said(speaker: str = "") -> speakers.Statement:
    return speakers.Statement(
        "claims" if speaker else "reports", speaker, "", "text", 0
    )


def test_the_leads_speaker_says_the_unattributed_sentences_after_it():
    voice = wire.LeadVoice()
    voice.carry(0, _said("the army"), has_events=True)
    assert voice.carry(1, _said(), has_events=True).speaker == "the army"
    assert voice.carry(2, _said(), has_events=True).speaker == "the army"
    assert voice.carry(3, _said(), has_events=True).speaker == ""  # beyond its span


def test_another_voice_ends_the_leads():
    voice = wire.LeadVoice()
    voice.carry(0, _said("the army"), has_events=True)
    voice.carry(1, _said("witnesses"), has_events=True)
    assert voice.carry(2, _said(), has_events=True).speaker == ""


def test_an_unattributed_lead_carries_no_voice():
    voice = wire.LeadVoice()
    voice.carry(0, _said(), has_events=True)
    voice.carry(1, _said("the army"), has_events=True)  # not the lead
    assert voice.carry(2, _said(), has_events=True).speaker == ""


@pytest.mark.django_db
def test_an_unattributed_detail_after_the_lead_is_the_leads_speakers(
    actors_and_gazetteer,
):
    events = _events(
        "Drones struck a market in Saraqib on Tuesday, killing seven, the Civil "
        "Defence said. Another drone hit a bakery in Kafr Nabl on Tuesday."
    )
    later = next(e for e in events if "Kafr" in _where(e) or "Kafranbel" in _where(e))
    assert {s.speaker for s in later.statements} == {"Civil Defence"}
