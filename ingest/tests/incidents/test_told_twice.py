"""Precision on real reporting (issue 13, helper "ingprec"): offsets of a leading
"According to X," statement, one incident told twice, background sentences. The
sentences are made up; each follows a shape seen in the development reports."""

import pytest

from ingest import propose
from ingest.statements import speakers
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _events(text: str) -> list[tuple[str, str]]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [(e.event_type, e.place.text if e.place else "") for e in proposal.events]


def test_a_leading_according_to_starts_the_content_after_the_speaker():
    sentence = "According to the Red Crescent, 12 people were displaced from Idlib."
    statement = speakers.attribute(sentence)
    start = statement.content_start
    assert sentence[start : start + len(statement.content)] == statement.content
    assert statement.content.startswith("12 people")


def test_a_trailing_according_to_keeps_the_content_at_the_start():
    sentence = "Two men were killed in Idlib, according to the Red Crescent."
    assert speakers.attribute(sentence).content_start == 0


def test_a_count_over_months_after_according_to_is_no_event():
    # The period ("over the past eight months") was checked at the wrong offsets.
    text = (
        "According to the Red Crescent, more than 9,000 people have been displaced "
        "from Maarat al-Numan over the past eight months."
    )
    assert _events(text) == []


def test_a_clash_where_a_town_changed_hands_that_day_is_the_capture():
    text = (
        "Government forces recaptured Saraqib on Friday. "
        "Clashes in Saraqib killed 12 rebels on Friday, activists said."
    )
    assert _events(text) == [("government-regains-territory", "Saraqib")]


def test_a_clash_in_another_town_stays_its_own_event():
    text = (
        "Government forces recaptured Saraqib on Friday. "
        "Clashes in Manbij killed 12 rebels on Friday, activists said."
    )
    assert sorted(_events(text)) == [
        ("armed-clash", "Manbij"),
        ("government-regains-territory", "Saraqib"),
    ]


def test_a_lead_repeated_under_a_syndication_header_is_one_event():
    lead = (
        "Idlib's civil defence said Russian air strikes hit two homes at dawn on "
        "Friday in Saraqib, killing 20 people."
    )
    text = f"{lead}\n\nSarmin, (Agency - 15th Nov, 2019) {lead}"  # not at Sarmin
    assert _events(text) == [("air-drone-strike", "Saraqib")]


def test_the_weapons_used_in_the_fighting_are_no_second_event():
    text = (
        "Clashes broke out in Saraqib on Friday between rebels and government forces. "
        "Heavy weapons, including artillery, have been used in the fighting, "
        "witnesses said."
    )
    assert _events(text) == [("armed-clash", "Saraqib")]


def test_a_stretch_between_two_towns_is_one_event_at_the_first():
    text = (
        "Russian warplanes on Friday struck ISIS positions on the road between "
        "Saraqib and Maarat al-Numan."
    )
    assert _events(text) == [("air-drone-strike", "Saraqib")]


def test_two_towns_struck_are_still_two_events():
    text = "Russian warplanes on Friday struck Saraqib and Maarat al-Numan."
    assert len(_events(text)) == 2


def test_months_of_bombardment_summed_up_are_no_event():
    text = (
        "A truce that started on Friday was meant to protect the people of Idlib, "
        "halting three months of deadly regime and Russian bombardment."
    )
    assert _events(text) == []


def test_a_report_revealing_an_earlier_incident_is_no_event():
    text = (
        "The toll stands at 200, with a report released on Friday revealing that "
        "a helicopter opened fire on civilians in Saraqib."
    )
    assert _events(text) == []


def test_a_refugee_camp_names_a_place_not_a_displacement():
    text = (
        "Fifteen people lost their lives in an attack on the Nuseirat refugee camp "
        "on Friday."
    )
    assert "displacement" not in [slug for slug, _ in _events(text)]


def test_an_outlet_citing_today_and_an_old_date_reports_today():
    # The old date ("Oct. 7") named in passing made the whole sentence restated news.
    text = (
        "The state news agency SANA reported that at dawn on Friday warplanes struck "
        "Saraqib, the heaviest raid since the attack of Oct. 7."
    )
    assert _events(text) == [("air-drone-strike", "Saraqib")]


def test_an_outlet_citing_an_old_day_alone_is_restated():
    text = (
        "On Saturday 9 November, a car bomb in Manbij killed four people, the state "
        "news agency SANA reported."
    )
    assert _events(text) == []


def test_the_bench_sorts_a_wrong_point_by_kind():
    from types import SimpleNamespace

    from bench import ingestscore

    city = SimpleNamespace(lat=35.93, lon=36.63, is_region=False)  # Idlib city
    province = {"name": "Idlib", "level": "region", "lat": 35.78, "lon": 36.68}
    village = {"name": "Idlib", "level": "point", "lat": 36.13, "lon": 36.63}
    kind = ingestscore._why_wrong
    assert kind(city, []) == "wrong place: no labelled place spelt so"
    assert kind(city, [province]).endswith(
        "a region read as a point, or a point as a region"
    )
    assert kind(city, [village]) == "wrong place: 5-25 km off"
