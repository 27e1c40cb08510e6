"""Cyrillic romanisations of one Slavic name share a key (places/geocoding/romanised.py)."""

import pytest

from places.geocoding import index as geoindex
from places.geocoding.normalize import name_key
from places.tests.factories import index_row


@pytest.mark.parametrize(
    ("news", "gazetteer"),
    [
        ("Klishchiivka", "Klyshchiyivka"),  # и as i or y, ї as i or yi
        ("Andriivka", "Andriyivka"),
        ("Tabaivka", "Tabayivka"),  # й after a vowel, then і
        ("Zatyshshia", "Zatyshshya"),  # я as ia or ya
        ("Kostiantynivka", "Kostyantynivka"),
        ("Troitske", "Troyits'ke"),
        ("Kupiansk", "Kupyansk"),
    ],
)
def test_romanisations_of_a_slavic_name_share_a_key(news, gazetteer):
    assert name_key(news) == name_key(gazetteer)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Tyre", "Tira"), ("Tayyibah", "Tayba"), ("Yabrud", "Iabrud")],
)
def test_names_not_shaped_slavic_keep_their_y(one, other):
    assert name_key(one) != name_key(other)


def test_a_bulk_hamlet_is_found_by_another_romanisation():
    hamlet = index_row(
        "ua:705666", "Klyshchiyivka", 48.53, 37.96, country="UA", exact_only=True
    )
    found = geoindex.GazetteerIndex([hamlet]).resolve("Klishchiivka", country="UA")
    assert found.best.entry.ref == "ua:705666"
    assert found.best.match == "exact"  # not a loose guess sent to review
    assert found.confidence == 1.0
