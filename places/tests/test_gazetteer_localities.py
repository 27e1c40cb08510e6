"""Issue 14: community lists (OCHA COD populated places, Open-Syria localities) merged
into the bundled Syria places by places/localities.py.

The excerpt: OCHA community p-codes and English/Arabic names as OCHA's community list
of Aleppo gives them (C1009 Abtin, C1011 Tal Sheer Simaan, C1015 Khan tuman), in the
shapes Open-Syria and HDX publish; the points are test values beside the bundle's
GeoNames points (no community file with points is bundled yet).
"""

import json

import pytest
from django.conf import settings

from places import gazetteer, gazetteer_bundle, geocoding, localities, nahiyas
from places.geocoding import index as geoindex

OPENSYRIA = [
    {
        "id": "sy-aleppo-jebel-saman-jebel-saman-khan-tuman",
        "governorateId": "sy-aleppo",
        "kind": "village",
        "name": {"en": "Khan tuman", "ar": "خان طومان"},
        "aliases": [{"value": "Khan Touman", "language": "en", "type": "alias"}],
        "centroid": {"latitude": 36.1172, "longitude": 37.0511},
        "externalIds": {"ochaPcode": "C1015", "geonames": "168323"},
        "sourceIds": ["hdx-syr-populated-places"],
        "sourceStatus": "seed",
    },
    {
        "id": "sy-aleppo-jebel-saman-jebel-saman-no-point",
        "governorateId": "sy-aleppo",
        "kind": "village",
        "name": {"en": "Example", "ar": "مثال"},
        "aliases": [],
        "centroid": None,
        "externalIds": {"ochaPcode": "C9999"},
        "sourceIds": ["x"],
        "sourceStatus": "seed",
    },
]
OCHA_CSV = (
    "admin1Pcode,admin4Pcode,admin4Name_en,admin4Name_ar,latitude,longitude\n"
    "SY02,C1009,Abtin,عبطين,36.0530,37.1260\n"
    "SY02,C1011,Tal Sheer Simaan,تل شعير سمعان,36.3180,37.2720\n"
)


@pytest.fixture
def rows():
    return localities.bundle_read(nahiyas.PLACES_SY)[1]


def read(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = localities.MergeReport()
    return localities.communities_read(path, report), report


def test_opensyria_records_are_read_and_pointless_ones_counted(tmp_path):
    found, report = read(tmp_path, "localities.json", json.dumps(OPENSYRIA))
    assert [(c.pcode, c.admin1, c.refs) for c in found] == [
        ("C1015", "Aleppo", {"geonames": "168323"})
    ]
    assert (report.read, report.without_point) == (2, 1)


def test_ocha_csv_and_geojson_read_alike(tmp_path):
    from_csv, _ = read(tmp_path, "pplp.csv", OCHA_CSV)
    features = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "ADM1_PCODE": "SY02",
                    "ADM4_PCODE": "C1009",
                    "ADM4_EN": "Abtin",
                    "ADM4_AR": "عبطين",
                },
                "geometry": {"type": "Point", "coordinates": [37.126, 36.053]},
            }
        ],
    }
    from_geojson, _ = read(tmp_path, "pplp.geojson", json.dumps(features))
    assert from_geojson == from_csv[:1]
    assert (from_csv[0].lat, from_csv[0].lon, from_csv[0].admin1) == (
        36.053,
        37.126,
        "Aleppo",
    )


def test_community_with_a_geonames_id_enriches_that_row(tmp_path, rows):
    communities, _ = read(tmp_path, "localities.json", json.dumps(OPENSYRIA))
    count = len(rows)
    report = localities.communities_merge(rows, communities, source="opensyria")
    row = next(r for r in rows if r["ref"] == "geonames:168323")
    assert (report.enriched, report.added, len(rows)) == (1, 0, count)
    assert "ochaPcode:C1015" in row["source_ref"].split("|")
    assert "Khan tuman" in row["alternate_names"].split("|")


def test_community_is_matched_by_name_nearby_or_by_its_name_plus_district(
    tmp_path, rows
):
    communities, _ = read(tmp_path, "pplp.csv", OCHA_CSV)
    report = localities.communities_merge(rows, communities, source="ocha-cod")
    assert (report.enriched, report.added) == (2, 0)
    abtine = next(r for r in rows if r["ref"] == "geonames:174617")
    tall_shair = next(r for r in rows if r["ref"] == "geonames:163464")
    assert "ochaPcode:C1009" in abtine["source_ref"]
    assert "تل شعير سمعان" in tall_shair["alternate_names"].split("|")


def test_merge_is_idempotent(tmp_path, rows):
    communities, _ = read(tmp_path, "pplp.csv", OCHA_CSV)
    localities.communities_merge(rows, communities, source="ocha-cod")
    before = [dict(r) for r in rows]
    again = localities.communities_merge(rows, communities, source="ocha-cod")
    assert (again.added, again.names_added) == (0, 0)
    assert rows == before


def test_far_community_becomes_a_row_that_resolves(tmp_path, rows, monkeypatch):
    moved = OCHA_CSV.replace("36.3180,37.2720", "36.4000,37.4000")  # 16 km away
    communities, _ = read(tmp_path, "pplp.csv", moved)
    report = localities.communities_merge(rows, communities, source="ocha-cod")
    assert report.added == 1
    header, _ = localities.bundle_read(nahiyas.PLACES_SY)
    bundle = tmp_path / "places.csv.gz"
    localities.bundle_write(bundle, header, rows)
    monkeypatch.setattr(gazetteer_bundle, "PLACES_SY", bundle)
    index = geoindex.GazetteerIndex(
        [
            gazetteer.index_entry_from_row(e)
            for e in gazetteer_bundle.gazetteer_bundled_entries()
        ]
    )
    for query in ("Tal Sheer Simaan", "تل شعير سمعان"):
        found = geocoding.lookup(query, country="SY", index=index)
        assert found.ref == "places:ochaPcode:C1011"
        assert found.confidence >= settings.GEOCODER_MIN_CONFIDENCE
