"""Issue 13/14: "Deir e-Zor", "a-Raqqa" (the article written as its vowel, Syria
Direct's house spelling) were not read as names, so a village "in the eastern Deir e-Zor
countryside" had no region beside it and lost its point (bench/README.md, "Series Q,
names without a point"). Made-up sentences about real places.
"""

import pytest

from ingest.where import matching

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Shells hit two villages in Deir e-Zor on Friday.", "Deir e-Zor"),
        ("Fighters entered a-Raqqa before dawn.", "a-Raqqa"),
        ("Clashes broke out in the western Deir e-Zor countryside.", "Deir e-Zor"),
    ],
)
def test_a_name_with_the_vowel_article_is_found(actors_and_gazetteer, sentence, name):
    found = matching.PlaceMatcher(country="SY").find(sentence)
    assert any(name in m.text and m.lat is not None for m in found), found


def test_an_english_word_with_a_hyphen_is_no_name(actors_and_gazetteer):
    found = matching.PlaceMatcher(country="SY").find("He sent an e-mail a-la mode.")
    assert found == []
