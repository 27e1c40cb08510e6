"""Confident wrong points (issue 14, helper gazwrong2): a hamlet that leads only by a
prominence flag (no population) over two or more far-apart places spelt as exactly
is no sure answer alone; with one namesake, or near the article's places, it is."""

from places.geocoding import index as geoindex


def _row(ref, lat, lon, *, admin1, prominent=False, kind="village", name="Qaryat"):
    return geoindex.IndexEntry(
        ref=ref, name=name, lat=lat, lon=lon, country="SY", admin1=admin1,
        feature_type=kind, prominent=prominent,
        precision=2 if kind == "district" else 1,
    )  # fmt: skip


# A flagged hamlet with a nahiya of its name around it, and two unflagged namesakes
# 90 km north of it (made-up name and points).
SEAT = _row("seat", 34.70, 36.30, admin1="Homs", prominent=True)
NAHIYA = _row("nahiya", 34.72, 36.32, admin1="Homs", kind="district")
NORTH_1 = _row("north1", 35.50, 36.40, admin1="Hama")
NORTH_2 = _row("north2", 35.40, 36.45, admin1="Hama")


def test_a_flag_over_two_namesakes_is_review():
    found = geoindex.GazetteerIndex([SEAT, NAHIYA, NORTH_1, NORTH_2]).resolve(
        "Qaryat", country="SY"
    )
    assert found.confidence < 0.75  # before: the flagged hamlet at 1.0


def test_a_flag_over_one_namesake_keeps_its_lead():
    found = geoindex.GazetteerIndex([SEAT, NAHIYA, NORTH_1]).resolve(
        "Qaryat", country="SY"
    )
    assert (found.best.entry.ref, found.confidence) == ("seat", 1.0)


def test_the_article_still_picks_one_of_the_namesakes():
    near = ((35.51, 36.41, "Hama"), (35.53, 36.38, "Hama"))
    found = geoindex.GazetteerIndex([SEAT, NAHIYA, NORTH_1, NORTH_2]).resolve(
        "Qaryat", country="SY", near=near
    )
    assert found.best.entry.ref == "north1"
    assert found.confidence >= 0.75
