"""Issue 14: a bare name that a tell lists and a village beside it bears is the village.

A tell named after the village beside it lists the village's name without its head
("Tell X et-Y" as "X et-Y"); a query that names no hill means the village
(places.geocoding.namesakes). Rows built here, not the corpus's.
"""

from places.geocoding import index as geoindex
from places.tests.factories import index_row

_row = index_row


def _hill(ref, name, lat, lon, names=(), own_names=False):
    # prominent: a named hill, as gazetteer._is_prominent marks it
    return index_row(
        ref, name, lat, lon, names=names, feature_type="hill", prominent=True,
        own_names=own_names,
    )  # fmt: skip


def test_a_bare_name_is_the_village_beside_the_tell_named_after_it():
    index = geoindex.GazetteerIndex(
        [
            _hill(
                "tell", "Tell Qarnabit et-Tahta", 36.50, 39.05, ["Qarnabit et-Tahta"]
            ),
            _row("village", "Qarnabit Tahta", 36.54, 39.07),  # 5 km away
        ]
    )
    # Before: the tell, its prominence over the village spelt as closely.
    assert index.resolve("Qarnabit al-Tahta", country="SY").best.entry.ref == "village"
    # Said to be a tell, it is the tell.
    said = index.resolve("Tell Qarnabit et-Tahta", country="SY")
    assert said.best.entry.ref == "tell"


def test_a_hill_whose_bare_name_is_its_own_keeps_it():
    index = geoindex.GazetteerIndex(
        [
            _hill("hill", "Tell Qarnabit", 36.50, 39.05, ["Qarnabit"], own_names=True),
            _row("village", "Qarnabit", 36.54, 39.07),
        ]
    )
    assert index.resolve("Qarnabit", country="SY").best.entry.ref == "hill"
