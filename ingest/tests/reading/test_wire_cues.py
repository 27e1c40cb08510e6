"""Wire-report cues the series G development reports (issue 13) showed read wrong: the
day next to "said" dropped, a dateline taken for where the event happened, an armed
group's name read as a village, the town a distance is measured from taken for a
second event's place, and "X said it struck …" leaving X out of the event. Each
sentence paraphrases a shape seen in the dev reports or the old dev set."""

import datetime as dt

import pytest

from ingest import propose
from ingest.country import datelines
from ingest.statements import speakers
from ingest.where import locators, targets
from ingest.where.mention import PlaceMention

MONDAY = dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC)
SATURDAY, SUNDAY = dt.date(2025, 12, 6), dt.date(2025, 12, 7)


def _events(text: str, published_at: dt.datetime = MONDAY) -> list:
    return propose.article_propose(text_raw=text, published_at=published_at).events


def _place_names(event) -> set[str]:
    return {p.text for p in event.places_mentioned} | (
        {event.place.text} if event.place is not None else set()
    )


# --------------------------------------------------------- the day next to "said"
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "The army said on Saturday that five soldiers were killed in an attack "
            "on a checkpoint in Saraqib.",
            SATURDAY,
        ),
        (
            "The Syrian Democratic Forces said on Sunday that they had shelled "
            "positions in Hajin.",
            SUNDAY,
        ),
    ],
)
def test_the_day_a_statement_was_made_bounds_the_event(actors_and_gazetteer, text, day):
    (event,) = _events(text)
    assert (event.date_start, event.date_end, event.date_precision) == (
        day,
        None,
        "day",
    )
    assert "said" in event.date_note


# ------------------------------------------------------------------------ datelines
@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Damascus, Syria — Gunmen attacked a checkpoint on Sunday, killing three "
        "soldiers.",
        # After a title and a date line, as pasted from a wire page.
        "Syria: Three Soldiers Killed\n\n7 December 2025\n\nDamascus, Syria — Gunmen "
        "attacked a checkpoint on Sunday, killing three soldiers.",
    ],
)
def test_a_dateline_is_where_the_story_was_filed_not_the_events_place(
    actors_and_gazetteer, text
):
    (event,) = _events(text)
    assert event.event_type == "armed-clash"
    # The dateline's country is the event's area (series I, wire.Area), never a point.
    assert (event.place.name, event.place.lat) == ("Syria", None)
    assert "Damascus" not in {p.name for p in event.places_mentioned}


@pytest.mark.django_db
def test_an_outlets_credit_line_gives_no_place_to_what_follows(actors_and_gazetteer):
    (event,) = _events(
        "Syria: Three Soldiers Killed\n\nVoice of America (Washington, DC)\n\n"
        "Gunmen attacked an army post on Sunday, killing three soldiers."
    )
    assert "Washington" not in _place_names(event)


def test_a_title_case_dateline_names_its_place():
    first = "Bamako, Mali — Two soldiers were killed."
    assert datelines.dateline_names(first) == [(0, 6, "Bamako")]
    assert datelines.dateline_country(first) == [(8, 12, "Mali")]
    assert datelines.dateline_span("Gaza City (Reuters) - Strikes hit.") == (0, 22)
    # A sentence that opens on a name and a dash is no dateline.
    assert datelines.dateline_span("Gunmen — armed with rifles — attacked.") is None


# ------------------------------------------------------------- armed groups' names
@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Israeli jets targeted al-Shabaab and Hamas in Gaza on Sunday.",
        "The attack in al-Shabaab territory killed five on Sunday.",
    ],
)
def test_an_armed_groups_name_is_no_village(actors_and_gazetteer, text):
    events = _events(text)
    assert events
    for event in events:
        assert not any("shabaab" in name.lower() for name in _place_names(event))


def test_a_group_name_after_a_place_cue_is_still_a_place():
    sentence = "Shells fell on the village of al-Shabaab and on al-Shabaab positions."
    excluded = [(30, 40), (48, 58)]  # the two "al-Shabaab" an actor list would find
    found = targets.unresolved(sentence, [], exclude=excluded)
    assert [(p.start, p.text) for p in found] == [(30, "al-Shabaab")]


# ------------------------------------------------- a town a distance is measured from
def _mention(text: str, start: int, lat: float | None = 35.0) -> PlaceMention:
    return PlaceMention(
        text, start, start + len(text), text, "", "village", "SY", lat, lat, None,
        None, None, "gazetteer", "",
    )  # fmt: skip


@pytest.mark.parametrize(
    "sentence",
    [
        "Clashes broke out in Zawiya, 40 kilometers (25 miles) west of the capital "
        "Tripoli.",
        "Clashes broke out in Zawiya, west of the Libyan capital Tripoli.",
        "Clashes broke out 40 km west of the capital city of Tripoli.",
    ],
)
def test_the_town_a_distance_is_measured_from_only_locates(sentence):
    places = [_mention("Tripoli", sentence.index("Tripoli"))]
    if "Zawiya" in sentence:
        places.insert(0, _mention("Zawiya", sentence.index("Zawiya")))
    assert locators.locates(sentence, places[-1], places)


def test_a_direction_without_distance_or_place_before_is_the_events_place():
    sentence = "Clashes broke out west of the city of Tripoli."
    places = [_mention("Tripoli", sentence.index("Tripoli"))]
    assert not locators.locates(sentence, places[0], places)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "place", "reference"),
    [
        (
            "Clashes broke out on Sunday in the town of Saraqib, south of the Syrian "
            "city of Aleppo, activists said.",
            "Saraqib",
            "Aleppo",
        ),
        (
            "Clashes broke out on Sunday in Douma, 10 kilometers (6 miles) north-east "
            "of the capital Damascus, activists said.",
            "Douma",
            "Damascus",
        ),
    ],
)
def test_a_reference_town_is_no_events_place(
    actors_and_gazetteer, text, place, reference
):
    (event,) = _events(text)
    assert event.place.text == place
    assert reference not in _place_names(event)


# ------------------------------------------------- "X said it struck …": X did it
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "initiator", "target"),
    [
        (
            "The SDF said they shelled ISIS positions in Hajin on Sunday.",
            "Syrian Democratic Forces",
            "Islamic State",
        ),
        (
            "The IDF said it bombed a Hezbollah weapons depot in Nabatieh on Sunday.",
            "Israeli armed forces",
            "Hezbollah",
        ),
    ],
)
def test_a_speaker_saying_it_attacked_is_the_initiator(
    actors_and_gazetteer, text, initiator, target
):
    (event,) = _events(text)
    roles = {a.name: a.role for a in event.actors}
    assert roles[initiator] == "initiator"
    assert roles[target] == "target"


@pytest.mark.django_db
def test_a_speaker_reporting_anothers_attack_is_not_its_initiator(
    actors_and_gazetteer,
):
    (event,) = _events("The SDF said ISIS shelled Hajin on Sunday.")
    roles = {a.name: a.role for a in event.actors}
    assert roles == {"Islamic State": "initiator"}


# ------------------------------------------------ "told SMART": who told the outlet
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Another SDF member told SMART an explosive device blew up in a car in "
            "Hawas.",
            "Another SDF member",
        ),
        (
            "An SDF member told SMART on Sunday that an explosive device went off in "
            "Azaz.",
            "An SDF member",
        ),
    ],
)
def test_a_group_member_telling_an_outlet_is_the_speaker(sentence, speaker):
    statement = speakers.attribute(sentence)
    assert (statement.speaker, statement.stance) == (speaker, "claims")
    assert statement.content.startswith("an explosive device")
    assert "SMART" not in statement.content
