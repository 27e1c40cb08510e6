"""bench/labelpoints.py: the dev labels without a point never grow in number (issue 13:
a label without a point is scored by its name, wherever the proposal lies)."""

from bench import labelpoints

# Updated by hand when dev labels gain points (bench/README, "labelpoints"); a new dev
# series may raise them only with the reason written beside the new number.
# 106 / 218 after the labelpoints pass; fresh series labelled the same day, before that
# pass, with places no bundled file or cited page placed: AF's dev half +7 / +15,
# AH's +3 / +3 (villages in Darfur, Bay, Plateau, Sagaing, Tillaberi), AG's +1 / +4;
# AI's dev half +1 / +9 (al-Soura al-Kabira of Suwayda; datelines, background places and
# quarters named in other roles, which keep no point by part C).
DEV_EVENT_POINTS_WITHOUT_POINT = 118
DEV_NAMED_POINTS_WITHOUT_POINT = 249


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
