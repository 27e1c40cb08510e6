"""Issues 13/14: an admin area named in the sentence, or else in its paragraph, picks
among same-named villages (ingest/where/areahint.py). Made-up sentences about real places
of the bundled gazetteer (GeoNames rows)."""

import datetime as dt

import pytest

from ingest import propose
from places.geocoding.index import distance_km

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
DOLYNA_DONETSK = (48.99369, 37.43315)  # one Dolyna of eleven in Ukraine
SHEIKH_HADID_HAMA = (35.35242, 36.48286)  # Shaykh Hadid of Hama, not Afrin's
SHEIKH_HADID_AFRIN = (36.50069, 36.59876)
SUKI_GEDAREF = (14.41667, 34.68333)  # not As Suki of Sennar, the bigger town
KAFRANBEL = (35.61376, 36.56428)


def _point(text: str, name: str) -> tuple[float, float] | None:
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    found = [m for m in proposal.places if m.text == name]
    assert found, [m.text for m in proposal.places]
    mention = found[0]
    return None if mention.lat is None else (mention.lat, mention.lon)


def _near(point, expected, km: float = 5.0) -> bool:
    return point is not None and distance_km(*point, *expected) <= km


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (  # Ukraine: the oblast before the village, in its sentence
            "In the Donetsk region, Russian shelling killed two civilians in Dolyna "
            "on Tuesday, the regional governor said.",
            "Dolyna",
            DOLYNA_DONETSK,
        ),
        (  # Ukraine: the oblast in the sentence before, same paragraph
            "Russian forces shelled villages of the Donetsk region on Monday, the "
            "governor said. Two civilians were killed in Dolyna.",
            "Dolyna",
            DOLYNA_DONETSK,
        ),
        (  # Syria: a part of the governorate ("northern Hama") before the village
            "In northern Hama, regime forces shelled the village of Sheikh al-Hadid "
            "on Monday, killing two civilians.",
            "Sheikh al-Hadid",
            SHEIKH_HADID_HAMA,
        ),
        (  # Syria: the governorate's countryside in the paragraph
            "Regime warplanes struck the Hama countryside on Monday, activists said. "
            "Two civilians were killed in Sheikh al-Hadid.",
            "Sheikh al-Hadid",
            SHEIKH_HADID_HAMA,
        ),
        (  # Sudan: a state; the namesake there beats the bigger town of Sennar
            "In Gedaref State, RSF fighters attacked As Suki on Sunday, killing five "
            "civilians.",
            "As Suki",
            SUKI_GEDAREF,
        ),
    ],
)
def test_a_namesake_in_the_area_the_text_names_wins(
    actors_and_gazetteer, text, name, expected
):
    assert _near(_point(text, name), expected)


def test_with_no_area_named_the_reading_is_unchanged(actors_and_gazetteer):
    text = (
        "Regime forces shelled the village of Sheikh al-Hadid on Monday, killing "
        "two civilians."
    )
    assert _near(_point(text, "Sheikh al-Hadid"), SHEIKH_HADID_AFRIN)
    text = (
        "Russian shelling killed two civilians in Dolyna on Tuesday, officials in "
        "Ukraine said."
    )
    assert not _near(_point(text, "Dolyna"), DOLYNA_DONETSK)


def test_an_area_holding_no_namesake_changes_nothing(actors_and_gazetteer):
    text = "Troops from Hama stormed Kafr Nabl on Monday, killing two fighters."
    assert _near(_point(text, "Kafr Nabl"), KAFRANBEL)


def test_several_namesakes_in_the_area_go_to_the_editor(actors_and_gazetteer):
    # Ten Novoselivkas in Donetsk oblast: nothing else parts them.
    text = (
        "In the Donetsk region, Russian forces attacked Novoselivka on Tuesday, "
        "killing two civilians."
    )
    assert _point(text, "Novoselivka") is None


def test_a_city_keeps_its_reading_outside_the_area_named(actors_and_gazetteer):
    # El Geneina (West Darfur, 160,000 people) named in a North Darfur sentence.
    text = (
        "In North Darfur, RSF fighters attacked El Geneina on Sunday, killing five "
        "civilians."
    )
    assert _near(_point(text, "El Geneina"), (13.45262, 22.44725))
