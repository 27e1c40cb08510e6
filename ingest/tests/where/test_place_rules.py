"""Places in real reporting (issue 13): no confident wrong point. Each sentence
paraphrases a pattern of the development corpus (bench/corpus/ingest, dev split)."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY, places_of
from ingest.where import matching
from places.geocoding.index import distance_km

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _located(text: str) -> dict[str, object]:
    return {k: p for k, p in places_of(text).items() if p.lat is not None}


def test_a_hit_inside_a_longer_name_is_not_a_place():
    # People, a river and an outlet whose words are also village names.
    located = _located(
        "Warplanes struck Saraqib on Friday, according to Bashar al-Zoubi, a rebel "
        "commander, and Sheikh Hamoud al-Hinnawi. The Euphrates River rose, "
        "Marsad al Hassaka said."
    )
    assert set(located) == {"Saraqib"}


def test_a_headline_in_title_case_keeps_its_places():
    found = matching.PlaceMatcher().find(
        "Syrians In Daraa Take To Streets Against Assad Militia"
    )
    assert [p.text for p in found] == ["Daraa"]


def test_months_and_sentence_openers_are_not_places():
    located = _located(
        "The SDF captured Raqqa in October of 2017. All points taken by the group "
        "were recaptured on Tuesday (Nov 12)."
    )
    assert set(located) == {"Raqqa"}


def test_a_weak_match_far_from_the_articles_places_loses_its_point():
    # "Hadi" is only "Tall al Hadi" without its head, 400 km from the Idlib towns.
    places = places_of(
        "Air strikes hit Saraqib on Friday. Artillery also shelled Hadi, "
        "activists said."
    )
    assert places["Hadi"].lat is None
    assert places["Hadi"].origin == "unresolved"
    assert places["Saraqib"].lat is not None


def test_a_weak_match_with_no_place_cue_is_no_place():
    places = places_of(
        "Shelling killed two people in Saraqib on Friday. The coalition aims at "
        "restoring Hadi’s government, an official said."
    )
    assert "Hadi" not in places
    assert "Hadi’s" not in places


def test_a_city_abroad_is_not_a_syrian_hamlet_spelt_alike():
    places = places_of(
        "A Turkish drone struck a car in Qamishli on Friday. Ankara has not "
        "commented on the strike."
    )
    assert places["Ankara"].lat is None
    assert places["Ankara"].origin == "abroad"
    assert places["Qamishli"].lat is not None


def test_a_story_about_another_country_places_no_syrian_village():
    located = _located(
        "Southern Yemeni fighters won full control of Houta town on Friday, "
        "officials in Yemen said. Houthi forces shelled Houta again at night."
    )
    assert located == {}


def test_a_story_naming_only_a_neighbour_keeps_a_syrian_town():
    located = _located(
        "Turkish artillery shelled the centre of Kobani on Friday, the city "
        "administrator said, citing an attack on Turkey."
    )
    assert "Kobani" in located


def test_southeast_of_a_city_is_the_city_as_a_reference_not_the_target():
    proposal = propose.article_propose(
        text_raw="Barrel bombs hit the town of Saida, southeast of Daraa, on Friday, "
        "killing a civilian.",
        published_at=FRIDAY,
    )
    reference = next(p for p in proposal.places if p.text == "southeast of Daraa")
    daraa = next(p for p in places_of("Shelling hit Daraa city.").values())
    assert distance_km(reference.lat, reference.lon, daraa.lat, daraa.lon) < 1
    assert all(e.place.text != "southeast of Daraa" for e in proposal.events)


def test_the_damascus_countryside_is_rif_dimashq():
    places = places_of(
        "Clashes raged on a 20 km front across the northern Daraa and southern "
        "Damascus countrysides on Friday."
    )
    assert places["southern Damascus"].admin1 == "Rif Dimashq"
    assert places["southern Damascus"].is_region


def test_a_bare_governorate_name_is_the_city_unless_the_article_says_province():
    city = places_of("Protesters gathered in As-Suwayda on Friday.")["As-Suwayda"]
    assert city.feature_type == "city"
    region = places_of(
        "Protesters gathered in As-Suwayda on Friday. Security forces deployed "
        "across As-Suwayda province."
    )["As-Suwayda"]
    assert region.feature_type == "governorate"


def test_a_region_of_a_hamlet_spelt_like_a_province_abroad_has_no_point():
    # Read in Syria's gazetteer (the editor's choice): Abyan is a Syrian hamlet there.
    proposal = propose.article_propose(
        text_raw="Army units drove fighters from Lowdar town in southern Abyan "
        "province on Friday, a military official said.",
        published_at=FRIDAY,
        country="SY",
    )
    places = {p.text: p for p in proposal.places}
    assert places["southern Abyan province"].lat is None


def test_a_story_naming_a_province_abroad_is_read_in_that_country():
    # Detected: "Abyan province" is Yemen's (wire.area_cues), so the region is Yemen's.
    places = places_of(
        "Army units drove fighters from Lowdar town in southern Abyan province on "
        "Friday, a military official said."
    )
    region = places["southern Abyan province"]
    assert (region.country_code, region.admin1, region.is_region) == (
        "YE",
        "Abyan",
        True,
    )


def test_a_story_about_a_country_not_configured_is_read_in_its_own_gazetteer():
    # Before 6 December (helper ingworld) Taiz and Yemen were "abroad", no point:
    # the story names Yemen in its lead, so it is read in Yemen's cities500 rows,
    # built in memory (places.gazetteer_abroad); the country itself gets no point.
    places = places_of(
        "Houthi shelling killed 29 people in Taiz, Yemen, on Friday, the health "
        "ministry said."
    )
    assert places["Taiz"].country_code == "YE"
    assert (places["Taiz"].lat, places["Taiz"].lon) == pytest.approx(
        (13.58, 44.02), abs=0.01
    )
    assert all(p.lat is None for p in places.values() if p.feature_type == "country")


def test_a_hamlet_far_from_every_other_place_loses_its_point():
    # The gazetteer's only Tayyar is a hamlet of Hasakah, 160 km from Raqqa. (The
    # example was "Al Sina'a", matched through "Sine", a junk alternate name of the
    # hamlet Sin; since French mute -e is read as mute, "Sine" is Sin, not Sina'a.)
    places = places_of(
        "Coalition strikes hit Al Tayyar on Friday, killing two civilians in "
        "Raqqa city, monitors said."
    )
    assert places["Al Tayyar"].lat is None
    assert places["Raqqa city"].lat is not None


def test_a_district_is_placed_at_the_town_it_is_named_after():
    places = places_of(
        "A Turkish drone hit the village of Awja in the Tal Tamr district on "
        "Friday. Shelling also hit Tal Tamr town."
    )
    district, town = places["Tal Tamr district"], places["Tal Tamr town"]
    assert district.feature_type == "district"
    assert distance_km(district.lat, district.lon, town.lat, town.lon) < 1


def test_a_dateline_names_a_place_but_locates_no_event():
    proposal = propose.article_propose(
        text_raw="DAMASCUS, Nov 15 (Xinhua) -- Warplanes struck Saraqib on Friday, "
        "residents said.",
        published_at=FRIDAY,
    )
    dateline = next(p for p in proposal.places if p.text == "DAMASCUS")
    assert dateline.name == "Damascus"
    assert dateline.lat is not None
    assert [e.place.text for e in proposal.events] == ["Saraqib"]


# The gazetteer's two villages called Ibbin (Aleppo governorate), about 45 km apart:
# one west of Aleppo by Maarrat Misrin and Dana, one north by Tal Rifaat and Nubl.
IBBIN_WEST = (36.08828, 36.76067)  # geonames 169405
IBBIN_NORTH = (36.46582, 36.993)  # geonames 169404


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Warplanes struck Maarrat Misrin and Dana on Thursday. Shells also fell "
            "on the village of Ibbin, activists said.",
            IBBIN_WEST,
        ),
        (
            "Turkish-backed factions shelled Tal Rifaat and Nubl on Thursday. The "
            "village of Ibbin was hit too, a local source said.",
            IBBIN_NORTH,
        ),
    ],
)
def test_a_homonymous_village_is_the_one_near_the_articles_other_places(text, expected):
    # Alone, "Ibbin" is two villages (ambiguous: no point); read with the article's
    # other places, it is the one among them, and the far namesake is not chosen.
    ibbin = places_of(text)["Ibbin"]
    assert ibbin.lat is not None, ibbin.note
    assert distance_km(ibbin.lat, ibbin.lon, *expected) < 1.0


def test_a_country_after_in_or_to_is_a_place_though_also_an_actor():
    # "Turkey" is an actor alias (it shells, it agrees); taken to hospitals in Turkey,
    # it is a place abroad: named, never placed.
    places = places_of(
        "Turkey shelled Tal Rifaat on Thursday. Two wounded fighters were taken to "
        "hospitals in Turkey, a local source said."
    )
    turkey = places["Turkey"]
    assert turkey.origin == "abroad"
    assert turkey.lat is None
