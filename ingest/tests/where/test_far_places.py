"""A point read by another spelling, far from every other place of the story, goes to
the editor as a candidate, not a point (issue 13: held-out wrong places).

"Qasim" is an alternate of Jasim, a Daraa town of 30,000: in a story about Amuda
(Hasakah), 500 km away, it is a Saudi province or a person, not that town. Before,
only villages and small towns were checked that way with one other place named; a
town of 20,000 or more read by an alternate spelling kept its far point."""

import pytest

from ingest.tests.articles import places_of
from ingest.where import names
from ingest.where.mention import PlaceMention

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def test_a_town_read_by_an_alternate_spelling_far_from_the_story_has_no_point():
    places = places_of(
        "Turkish drones struck Amuda on Friday, while Houthi missiles targeted Qasim."
    )
    qasim = places["Qasim"]
    assert (qasim.lat, qasim.origin) == (None, "unresolved")
    assert "another spelling" in qasim.note
    assert "150 km" in qasim.note
    assert places["Amuda"].lat is not None  # its own name: kept


def test_an_alternate_spelling_near_the_story_keeps_its_point():
    # Kobani is an alternate of ‘Ayn al ‘Arab; Jarablus lies 35 km away.
    places = places_of("Turkish forces shelled Kobani and Jarablus on Friday.")
    assert places["Kobani"].lat is not None
    assert places["Kobani"].origin == "gazetteer"


def _mention(match: str, lat: float, lon: float, **kw) -> PlaceMention:
    fields = {
        "text": "X", "start": 0, "end": 1, "name": "X", "admin1": "Daraa",
        "feature_type": "city", "country_code": "SY", "lat": lat, "lon": lon,
        "precision": 1, "confidence": 0.9, "place_id": None, "origin": "gazetteer",
        "match": match, "population": 30_000,
    } | kw  # fmt: skip
    return PlaceMention(**fields)


def test_stray_asks_for_another_spelling_and_distance_only():
    far = _mention("alternate", 32.99, 36.06)
    amuda = _mention("exact", 37.10, 40.93, name="Amuda", admin1="Al-Hasakah")
    assert names.stray(far, [amuda])
    assert not names.stray(_mention("exact", 32.99, 36.06), [amuda])  # own name
    assert not names.stray(far, [])  # nothing to be far from
    assert not names.stray(far, [_mention("exact", 32.9, 36.1, name="Tafas")])
    # A governorate the story names holds it; a big city is itself anywhere.
    daraa = _mention("exact", 32.8, 36.2, feature_type="governorate", name="Daraa")
    assert not names.stray(far, [amuda, daraa])
    assert not names.stray(
        _mention("alternate", 32.99, 36.06, population=150_000), [amuda]
    )
