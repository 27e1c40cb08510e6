"""A namesake taken far from every other place of the story goes to the editor as a
candidate, not a point (issue 13: wrong places; ingest/where/farnamesake.py).

The bundled rows hold five villages called Shyroka Balka, none of them the one beside
Stanislav (Kherson oblast); the index took the Odesa-oblast one, a cities500 village,
for its size alone, 140 km from Stanislav and 440 km from the dateline's Kyiv."""

import pytest

from ingest.tests.articles import places_of
from ingest.where import farnamesake
from ingest.where.mention import PlaceMention

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


@pytest.mark.parametrize(
    "where",
    ["in Shyroka Balka and Stanislav", "in the village of Shyroka Balka"],
)
def test_a_namesake_far_from_every_other_place_of_the_story_has_no_point(where):
    places = places_of(
        f"KYIV, Ukraine (AP) — Russian shelling killed two civilians {where} on "
        "Thursday, Ukrainian officials said."
    )
    balka = places["Shyroka Balka"]
    assert (balka.lat, balka.origin) == (None, "unresolved")
    assert "several places of that name" in balka.note
    assert places["KYIV"].lat is not None  # the dateline: a yardstick, kept


def test_a_namesake_near_another_place_of_the_story_keeps_its_point():
    # Suran is also an Aleppo village; Taybat al-Imam lies 5 km from Hama's Suran.
    places = places_of("Russian jets struck Suran and Taybat al-Imam on Friday.")
    assert places["Suran"].lat is not None
    assert places["Suran"].admin1 == "Hama"


def _mention(text: str, lat: float, lon: float, **kw) -> PlaceMention:
    fields = {
        "text": text, "start": 0, "end": 1, "name": text, "admin1": "Hama",
        "feature_type": "village", "country_code": "SY", "lat": lat, "lon": lon,
        "precision": 1, "confidence": 0.9, "place_id": None, "origin": "gazetteer",
        "match": "exact", "population": 0,
    } | kw  # fmt: skip
    return PlaceMention(**fields)


def test_without_point_asks_for_far_namesakes_and_distance_only():
    # Al Hamra: a village of Hama, and of Latakia, Homs, Hasakah, Aleppo...
    hamra = _mention("Hamra", 35.31, 37.09)
    daraa = _mention("Tafas", 32.74, 36.07, admin1="Daraa")
    assert farnamesake.without_point([hamra, daraa])[hamra.key].lat is None
    # One place of that name only: no namesake to have been taken by mistake.
    nabudah = _mention("Kafr Nabudah", 35.43, 36.49)
    assert not farnamesake.without_point([nabudah, daraa])
    # Another place within 150 km, or a region named that holds it, decides.
    salamiyah = _mention("Salamiyah", 35.01, 37.05, feature_type="city")
    assert not farnamesake.without_point([hamra, daraa, salamiyah])
    hama = _mention("Hama", 35.1, 36.7, feature_type="governorate", name="Hama")
    assert not farnamesake.without_point([hamra, daraa, hama])
    # Nothing to be far from, or already doubted by another rule: left alone.
    assert not farnamesake.without_point([hamra])
    assert not farnamesake.without_point([hamra, daraa], doubted={daraa.key})
