"""A town that says where a named admin unit lies is no event's place
(ingest/where/apposed.py, series AJ: "Amran governorate, north of the capital Sanaa")."""

import pytest

from ingest.where import locators
from ingest.where.mention import PlaceMention


def _mention(sentence: str, text: str, feature_type: str) -> PlaceMention:
    start = sentence.index(text)
    return PlaceMention(
        text, start, start + len(text), text, "", feature_type, "YE", 15.0, 44.0,
        None, None, None, "gazetteer", "",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        (
            "Other strikes targeted Yemen's mountainous Amran governorate, north of "
            "the rebel-held capital of Sanaa.",
            "Amran governorate",
        ),
        (
            "Air strikes also killed 13 people in al-Mahawit province, northeast of "
            "the capital Sanaa.",
            "al-Mahawit province",
        ),
        ("Shells hit the Sabr district, south of Taiz city.", "Sabr district"),
    ],
)
def test_the_town_after_a_units_comma_only_locates_it(sentence, unit):
    town = "Sanaa" if "Sanaa" in sentence else "Taiz"
    places = [
        _mention(sentence, unit, "governorate"),
        _mention(sentence, town, "city"),
    ]
    assert locators.locates(sentence, places[-1], places)


@pytest.mark.parametrize(
    ("sentence", "region"),
    [
        # A vague region names no unit: the town is where the clashes were.
        ("Clashes broke out in northern Yemen, north of Sanaa.", "northern Yemen"),
        # No comma: the direction is the event's own position.
        (
            "Strikes hit Amran governorate and areas north of Sanaa.",
            "Amran governorate",
        ),
    ],
)
def test_a_town_after_a_vague_region_or_a_list_is_still_a_place(sentence, region):
    places = [
        _mention(sentence, region, "area" if "northern" in region else "governorate"),
        _mention(sentence, "Sanaa", "city"),
    ]
    assert not locators.locates(sentence, places[-1], places)
