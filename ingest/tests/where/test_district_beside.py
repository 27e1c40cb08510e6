"""Issue 14: a district or town written beside a name ("X (Salkhad district)", "X,
Ariha district") picks among its namesakes, as the geocoder's place hint does
(ingest/where/districthint.py, places/geocoding/index/placehint.py). Made-up sentences
about real places of the bundled gazetteer (GeoNames rows)."""

import datetime as dt

import pytest

from ingest import propose
from ingest.where.districthint import beside
from places.geocoding.index import distance_km

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
MALAH_SUWAYDA = (32.5068, 36.85377)  # not Tall Malah of Hama
SARJAH_ARIHA = (35.75675, 36.62734)  # the Sarjah by Ariha, of two in Idlib


def _mention(text: str, name: str):
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    found = [m for m in proposal.places if m.text == name]
    assert found, [m.text for m in proposal.places]
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Gunmen attacked a checkpoint in Malah (Salkhad district) on Monday, "
            "killing two members of the local police, activists said.",
            "Malah",
            MALAH_SUWAYDA,
        ),
        (
            "Regime shelling hit Sarjah, Ariha district, on Monday, killing two "
            "civilians, the civil defence said.",
            "Sarjah",
            SARJAH_ARIHA,
        ),
    ],
)
def test_a_district_beside_a_name_picks_its_namesake(
    actors_and_gazetteer, text, name, expected
):
    mention = _mention(text, name)
    assert mention.lat is not None, mention.note
    assert distance_km(mention.lat, mention.lon, *expected) <= 5.0


def test_without_the_district_the_namesakes_stay_without_a_point(
    actors_and_gazetteer,
):
    text = (
        "Gunmen attacked a checkpoint in Malah on Monday, killing two members of "
        "the local police, activists said."
    )
    mention = _mention(text, "Malah")
    assert mention.lat is None or (mention.confidence or 0) < 0.75


@pytest.mark.parametrize(
    ("sentence", "name", "context"),
    [
        (
            "shelling hit Malah (Salkhad district) on Monday",
            "Malah",
            "Salkhad district",
        ),
        ("shelling hit Sarjah, Ariha District, on Monday", "Sarjah", "Ariha District"),
        ("clashes in Kafr Janah in the Shera district", "Kafr Janah", "Shera district"),
        ("shelling of Oleksandrivka (Marinka) killed two", "Oleksandrivka", "Marinka"),
        ("a statement by Kobani (SDF) said", "Kobani", ""),  # an acronym, no place
        ("strikes on Idlib, Hama and Aleppo", "Idlib", ""),  # a list, no district
        ("shelling of Kherson (pictured) on Monday", "Kherson", ""),
        ("in the Midan, Salhiya district of Damascus", "Midan", ""),  # a town's part
    ],
)
def test_the_context_written_beside_a_name(sentence, name, context):
    assert beside(sentence, sentence.index(name) + len(name)) == context
