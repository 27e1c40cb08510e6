"""Issue 14: a locality, an abandoned place or a tell ranks below a village of its name.

GeoNames lists populated localities (PPLL) and abandoned places (PPLQ) beside its
villages (PPL); a report naming a name both bear means the village
(places.geocoding.index.ranking.minor_after_settlement); a bare name that a tell lists
and a village beside it bears means the village (places.geocoding.namesakes). Rows
built here, not the corpus's.
"""

from places import gazetteer
from places.geocoding import index as geoindex
from places.models import GazetteerEntry


def _row(ref, name, lat, lon, *, minor=False, feature_type="village"):
    return geoindex.IndexEntry(
        ref=ref,
        name=name,
        lat=lat,
        lon=lon,
        country="SY",
        feature_type=feature_type,
        minor=minor,
    )


def test_a_village_outranks_a_far_locality_of_its_name():
    index = geoindex.GazetteerIndex(
        [
            _row("locality", "Qarnabit", 33.10, 36.20, minor=True),
            _row("village", "Qarnabit", 35.70, 36.60),  # 300 km away
        ]
    )
    found = index.resolve("Qarnabit", country="SY")
    # Before: level scores, ambiguous (0.5), the locality first by its ref.
    assert (found.best.entry.ref, found.confidence) == ("village", 1.0)


def test_a_lone_locality_keeps_its_answer():
    index = geoindex.GazetteerIndex(
        [_row("locality", "Qarnabit", 33.10, 36.20, minor=True)]
    )
    found = index.resolve("Qarnabit", country="SY")
    assert (found.best.entry.ref, found.confidence) == ("locality", 1.0)


def test_two_far_minor_places_stay_ambiguous():
    index = geoindex.GazetteerIndex(
        [
            _row("abandoned", "Qarnabit", 33.10, 36.20, minor=True),
            _row("locality", "Qarnabit", 35.70, 36.60, minor=True),
            # Not a settlement: no reason to demote either place.
            _row("hill", "Tall Qarnabit", 34.40, 38.00, feature_type="hill"),
        ]
    )
    assert index.resolve("Qarnabit", country="SY").confidence == 0.5


def test_the_index_row_of_a_geonames_locality_is_minor():
    def entry(code):
        return GazetteerEntry(
            dataset=GazetteerEntry.Dataset.GEONAMES,
            ref="1",
            name="Qarnabit",
            feature_code=code,
            feature_type="village",
            country_code="SY",
            lat=35.7,
            lon=36.6,
        )

    minor = [
        gazetteer.index_entry_from_row(entry(c)).minor for c in gazetteer._MINOR_CODES
    ]
    assert minor == [True, True]
    assert not gazetteer.index_entry_from_row(entry("PPL")).minor


def _hill(ref, name, lat, lon, names=(), own_names=False):
    return geoindex.IndexEntry(
        ref=ref,
        name=name,
        lat=lat,
        lon=lon,
        country="SY",
        feature_type="hill",
        names=tuple(names),
        prominent=True,  # a named hill, as gazetteer._is_prominent marks it
        own_names=own_names,
    )


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
