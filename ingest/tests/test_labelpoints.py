"""bench/labelpoints.py: the labels without a point never grow in number, dev and held-out
(issue 13: a label without a point is scored by its name, wherever the proposal lies)."""

from bench import labelpoints

# Updated by hand when dev labels gain points (bench/README, "labelpoints"); a new dev
# series may raise them only with the reason written beside the new number.
# 106 / 218 after the labelpoints pass; fresh series labelled the same day, before that
# pass, with places no bundled file or cited page placed: AF's dev half +7 / +15,
# AH's +3 / +3 (villages in Darfur, Bay, Plateau, Sagaing, Tillaberi), AG's +1 / +4;
# AI's dev half +1 / +9 (al-Soura al-Kabira of Suwayda; datelines, background places and
# quarters named in other roles, which keep no point by part C); AJ's dev half +4 / +8
# (villages of Burkina Faso's Centre-Nord, Gezira and Taiz no bundled file holds); AK's dev
# half +6 / +12 (villages of Somalia, Ethiopia, Nigeria and Mozambique no file holds); AL's
# dev half +4 / +7 (El Caramelo of Cauca, Mykolaivka with two Donetsk rows, Wei-Yar-Adiu
# and Nasir of Upper Nile: no cited point).
DEV_EVENT_POINTS_WITHOUT_POINT = 132
DEV_NAMED_POINTS_WITHOUT_POINT = 276
# Held-out, asserted as totals only (bench/README, "hopoints"): 113 / 204 at 66fcf01, then
# a labeller who may read held-out gave cited points where the report's context fits
# (80 / 139); AI's held-out half +5 / +16 and AJ's +0 / +1 (labelled without a point
# before that pass); AK's held-out half +7 / +8 (labelled after that pass, mostly villages
# no bundled file holds); AL's held-out half +4 / +10 (labelled after it: a check post,
# villages and areas no bundled file holds, datelines).
HELDOUT_EVENT_POINTS_WITHOUT_POINT = 96
HELDOUT_NAMED_POINTS_WITHOUT_POINT = 174


def test_a_reports_places_without_a_point_are_counted_by_kind_and_level():
    article = {
        "events": [
            {"place": {"name": "A", "lat": None, "level": "point"}},
            {"place": {"name": "B", "lat": 35.0, "lon": 36.0, "level": "point"}},
            {"place": {"name": "C", "lat": None, "level": "region"}},
        ],
        "places_named": [
            {"name": "A", "lat": None, "level": "point"},
            {"name": "Syria", "lat": None, "level": "country"},
        ],
    }
    counts = labelpoints.unpointed(article)
    assert counts["event", "point"] == 1
    assert counts["event", "region"] == 1
    assert counts["named", "point"] == 1
    assert counts["named", "country"] == 1


def test_the_dev_labels_without_a_point_never_grow():
    _, counts = labelpoints.split_counts("dev")
    assert counts["event", "point"] <= DEV_EVENT_POINTS_WITHOUT_POINT
    assert counts["named", "point"] <= DEV_NAMED_POINTS_WITHOUT_POINT


def test_the_heldout_labels_without_a_point_never_grow():
    _, counts = labelpoints.split_counts("heldout")
    assert counts["event", "point"] <= HELDOUT_EVENT_POINTS_WITHOUT_POINT
    assert counts["named", "point"] <= HELDOUT_NAMED_POINTS_WITHOUT_POINT


def test_series_counts_add_up_to_the_split():
    _, total = labelpoints.split_counts("heldout")
    parts = labelpoints.series_counts("heldout").values()
    assert sum(part["event", "point"] for part in parts) == total["event", "point"]
