"""One proposal per location and per day (issue 13, ingest/incidents/split.py): coordinated
regions and coordinated days are one event each; a span of days, overlapping regions
and the origins of fire stay one event. Every sentence is made up."""

import datetime as dt

import pytest

from ingest import propose

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]
FRIDAY = dt.datetime(2024, 3, 15, 12, 0, tzinfo=dt.UTC)
MONDAY, TUESDAY = dt.date(2024, 3, 11), dt.date(2024, 3, 12)


def _events(text: str) -> list:
    return propose.article_propose(text_raw=text, published_at=FRIDAY).events


def _where_when(events: list) -> list[tuple[str, dt.date]]:
    return [(e.place.admin1, e.date_start) for e in events]


def test_coordinated_regions_are_one_event_each():
    events = _events(
        "Government jets on Monday pounded northern Hama and southern Idlib with air "
        "strikes, the monitor said."
    )
    assert [e.place.admin1 for e in events] == ["Hama", "Idlib"]
    assert {e.event_type for e in events} == {"air-drone-strike"}
    assert {tuple(e.sentences) for e in events} == {(0,)}
    assert len({(s.stance, s.speaker) for e in events for s in e.statements}) == 1


def test_a_toll_said_again_for_a_nearby_region_is_its_own_event():
    events = _events(
        "On Monday air strikes killed 12 people on bridges in Idlib province, and 9 "
        "more in the nearby Hama province, the agency said."
    )
    assert _where_when(events) == [("Idlib", MONDAY), ("Hama", MONDAY)]


def test_regions_of_one_governorate_stay_one_event():
    events = _events(
        "Warplanes struck the Idlib countryside and Idlib city on Monday, the monitor "
        "said."
    )
    assert len(events) == 1


def test_coordinated_days_are_one_event_each_at_each_place():
    events = _events(
        "Clashes broke out in Saraqib and Ariha on Monday and Tuesday, the "
        "Observatory said."
    )
    assert sorted((e.place.text, e.date_start) for e in events) == [
        ("Ariha", MONDAY),
        ("Ariha", TUESDAY),
        ("Saraqib", MONDAY),
        ("Saraqib", TUESDAY),
    ]
    assert {e.date_precision for e in events} == {"day"}
    assert len({(s.stance, s.speaker) for e in events for s in e.statements}) == 1


def test_a_span_of_days_stays_one_event():
    events = _events(
        "Clashes erupted in Saraqib between Monday and Wednesday, the Observatory said."
    )
    assert len(events) == 1


def test_where_the_fire_came_from_is_never_split_off():
    events = _events(
        "Government forces based in Ariha and Saraqib shelled Kafr Nabl on Monday and "
        "Tuesday."
    )
    assert sorted((e.place.text, e.date_start) for e in events) == [
        ("Kafr Nabl", MONDAY),
        ("Kafr Nabl", TUESDAY),
    ]
    assert all({o.text for o in e.origins} == {"Ariha", "Saraqib"} for e in events)


@pytest.mark.parametrize(
    "text",
    [
        # a region said twice (apposition), not a list
        "A mortar attack killed a farmer in Idlib, northwestern Syria, on Monday.",
        # the two ends of a stretch: one event
        "Gunmen clashed with police on Monday on the road between the provinces of "
        "Homs and Hama.",
    ],
)
def test_regions_that_are_no_list_stay_one_event(text):
    assert len(_events(text)) == 1


def test_people_fleeing_on_two_days_are_one_displacement():
    events = _events(
        "Around 5,000 people fled the Idlib countryside on Monday and Tuesday amid "
        "the bombardment, the UN said."
    )
    assert len([e for e in events if e.event_type == "displacement"]) <= 1
