"""A town named to locate an event, rather than the governorate holding it (issue 13,
helper ingregion): "a blast in farmland south of X in Y province" is placed near X."""

import pytest

from ingest import propose, reference
from ingest.mention import PlaceMention
from ingest.tests.articles import FRIDAY


def _events(text: str) -> list[tuple[str, str, int | None]]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [
        (e.event_type, e.place.text if e.place else "", e.place and e.place.precision)
        for e in proposal.events
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("actors_and_gazetteer")
def test_a_town_locating_an_unnamed_site_beats_its_governorate():
    text = (
        "A landmine blast killed two shepherds on Thursday in farmland south of "
        "Saraqib in Idlib province, the Observatory said."
    )
    [(slug, place, precision)] = _events(text)
    assert "Saraqib" in place
    assert precision == reference.NEAR


@pytest.mark.django_db
@pytest.mark.usefixtures("actors_and_gazetteer")
def test_a_named_target_near_the_town_keeps_the_event():
    text = (
        "A landmine blast killed two shepherds on Thursday in Binnish, north of "
        "Saraqib in Idlib province, the Observatory said."
    )
    assert [place for _, place, _ in _events(text)] == ["Binnish"]


def _place(name: str, feature_type: str, admin1: str) -> PlaceMention:
    return PlaceMention(
        text=name, start=0, end=len(name), name=name, admin1=admin1,
        feature_type=feature_type, country_code="SY", lat=35.0, lon=36.0,
        precision=1, confidence=0.9, place_id=None, origin="gazetteer",
    )  # fmt: skip


def test_a_governorate_not_holding_the_town_is_kept():
    region = _place("Hama", "governorate", "Hama")
    town = _place("Saraqib", "city", "Idlib")
    assert reference.instead_of_regions([region], [town]) == [region]


def test_two_reference_towns_leave_the_governorate():
    region = _place("Idlib", "governorate", "Idlib")
    towns = [_place("Saraqib", "city", "Idlib"), _place("Binnish", "city", "Idlib")]
    assert reference.instead_of_regions([region], towns) == [region]
