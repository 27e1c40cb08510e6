"""Events at another place (issue 13, helper ingplace4): a region listed beside a town
of another governorate is a location of its own ("in the province of Daraa and in
the city of Aleppo"), and a part of the article's country said beside a name ("X, in
northeastern Syria") picks the homonym that lies there."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY
from ingest.where import compass

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _events(text: str) -> list[tuple[str, str]]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [(e.event_type, e.place.text if e.place else "") for e in proposal.events]


def test_a_region_listed_beside_a_town_it_does_not_hold_is_its_own_event():
    text = (
        "The army shelled rebel positions in the southern province of Daraa and in "
        "the northern city of Aleppo on Tuesday, the Observatory said."
    )
    assert {place for _, place in _events(text)} == {"Daraa", "Aleppo"}


def test_a_region_that_holds_the_town_stays_where_the_town_lies():
    text = "Warplanes struck Kafr Nabl and Idlib province on Tuesday, activists said."
    assert {place for _, place in _events(text)} == {"Kafr Nabl"}


def test_a_region_in_a_bare_list_stays_where_the_town_lies():
    text = "Air strikes hit Saraqib and Hama province on Tuesday, activists said."
    assert {place for _, place in _events(text)} == {"Saraqib"}


def test_the_part_of_the_country_named_beside_a_homonym_picks_it():
    text = (
        "Clashes near Damascus killed ten soldiers on Tuesday. Warplanes bombed Ras "
        "al-Ain, in northeastern Syria on the Turkish border, on Tuesday. The "
        "Observatory reported heavy shelling of Ras al-Ain on Wednesday."
    )
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    read = [
        e.place for e in proposal.events if e.place and e.place.text == "Ras al-Ain"
    ]
    assert len(read) == 2
    assert all(place.lat > 36.5 and place.lon > 39.5 for place in read)


def test_a_part_of_the_country_is_read_after_the_name():
    sentence = "Warplanes bombed Ras al-Ain, in northeastern Syria, on Tuesday."
    end = sentence.index(",")
    assert compass.part_stated(sentence, end, "SY") == ("north", "east")
    assert compass.part_stated(sentence, end, "LB") == ("", "")
    plain = "Warplanes bombed Ras al-Ain on Tuesday."
    assert compass.part_stated(plain, end, "SY") == ("", "")


def test_a_point_is_in_the_part_named_from_the_country_centre():
    centre = (35.0, 38.5)
    assert compass.in_part(36.85, 40.07, ("north", "east"), centre)
    assert not compass.in_part(33.54, 36.06, ("north", "east"), centre)
    assert compass.in_part(33.54, 36.06, ("south", ""), centre)
