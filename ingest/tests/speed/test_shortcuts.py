"""Shortcuts of the fourth speed pass (bench/README.md, "Ingest CPU time, fourth
pass"): each gives the very answer of the code it replaces."""

import itertools
import random
import statistics

import pytest

from ingest.where import matching, windows
from places.geocoding import index, memo
from places.geocoding.index import entries, search

SENTENCES = [
    "Warplanes struck Maarat al-Numan and the western countryside of Idlib, "
    "Shafaq News said, as fighting spread to Aden and Taiz in Yemen.",
    "regime forces shelled al-Tamanah, southern Idlib's Kafr Nabudah and "
    "Tell Hamamiyat on Monday, the Observatory's sources said.",
    "In northern Hama, the Army's 'Tiger Forces' took al-Lataminah and Eastern "
    "Ghouta's Douma.\nAssad's militias retreated to Souran.",
]


def test_distances_to_several_points_are_the_single_distances():
    rng = random.Random(13)
    points = [(rng.uniform(-89, 89), rng.uniform(-179, 179)) for _ in range(60)]
    points += [(33.5, 36.3), (33.5, 36.3), (35.93, 36.63, "Idlib"), (33.51, 36.29)]
    for lat, lon, *_ in points:
        expected = [index.distance_km(p[0], p[1], lat, lon) for p in points]
        assert entries.distances_km(lat, lon, points) == expected  # same floats


def test_the_median_of_a_sorted_list_is_statistics_median():
    rng = random.Random(4)
    for size in range(1, 10):
        values = sorted(rng.uniform(0, 900) for _ in range(size))
        assert search._median(values) == statistics.median(values)


def test_a_possessive_is_dropped_as_the_pattern_drops_it():
    for letters in itertools.product(["a", "s", "S", "'", "’", "\n"], repeat=4):
        word = "".join(letters)
        assert windows._possessive(word) == windows._POSSESSIVE.sub("", word)


@pytest.mark.django_db
@pytest.mark.usefixtures("actors_and_gazetteer")
def test_names_are_looked_for_only_where_one_may_start_with_the_same_spans():
    place_matcher = matching.PlaceMatcher(country="SY")
    for sentence in SENTENCES:
        _same_spans(place_matcher, sentence)


def _same_spans(place_matcher: matching.PlaceMatcher, sentence: str) -> None:
    with memo.scope():
        every_word, i = [], 0  # the old loop: every word asked
        words = windows._sentence_words(sentence)
        while i < len(words):
            found = place_matcher._longest_at(sentence, i, ())
            if found is None:
                i += 1
                continue
            every_word.append(found[:2])
            i = found[2]
        assert len(windows._name_starts(sentence)) < len(words)
        assert place_matcher._name_spans(sentence, []) == every_word
    assert every_word  # the sentences name places
