"""Names the gazetteer lacks that the text anchors to a place it has (issue 13:
"a name without a point" and "type found, no point" on held-out).

Before, "the Ain Dewar village near the town of Derik" proposed one event at Ain
Dewar without a point and a second one at Derik; "the villages of A, B and C were
shelled near Tel Tamir" proposed three events without a point. Now the name is read
near its anchor (any spelling but a loose one, within 50 km), else the event sits at
the anchor's point with ACLED's precision (near: 2, in a region: 3), saying so; the
anchor itself is no event's place."""

import datetime as dt

import pytest

from ingest import forms, propose
from ingest.where import anchored
from ingest.where.mention import PlaceMention
from places.geocoding import index as geoindex

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]
FRIDAY = dt.datetime(2022, 2, 4, 12, 0, tzinfo=dt.UTC)


def _propose(text: str):
    return propose.article_propose(text_raw=text, published_at=FRIDAY)


def _events(text: str) -> dict[str, object]:
    return {e.place.text: e for e in _propose(text).events if e.place is not None}


def test_a_village_near_a_town_is_read_near_it_and_the_town_is_no_event():
    events = _events(
        "Turkish forces shelled the Ain Dewar village near the northeast Syrian "
        "town of Derik on Friday."
    )
    assert set(events) == {"Ain Dewar"}  # before: also an event at Derik
    place = events["Ain Dewar"].place
    assert place.name == "Diwar"  # the gazetteer's ‘Ayn Diwar, 13 km from Derik
    assert geoindex.distance_km(place.lat, place.lon, 37.28161, 42.19201) < 1
    assert "near Al Mālikīyah" in place.note


def test_a_village_north_of_a_city_is_read_there():
    place = _events(
        "On Friday, unknown gunmen opened fire on a man in the town of Samlin, "
        "north of Daraa."
    )["Samlin"].place
    assert place.name == "Simlin"
    assert place.lat > 32.9  # north of Daraa (32.62), not Daraa itself


def test_villages_near_a_town_no_gazetteer_spells_sit_at_its_point_at_precision_2():
    proposal = _propose(
        "The villages of Um Keif, Zirghan and Dad Ebdal were shelled near Tel Tamir "
        "on Friday."
    )
    events = {e.place.text: e for e in proposal.events}
    assert set(events) == {"Um Keif", "Zirghan", "Dad Ebdal"}  # not Tel Tamir
    event = events["Dad Ebdal"]
    assert (event.place.origin, event.place.precision) == ("near", 2)
    assert geoindex.distance_km(event.place.lat, event.place.lon, 36.65556,
                                40.37079) < 1  # fmt: skip
    assert "near Tall Tamr" in event.rule
    # The name itself stays listed for the editor, without a point.
    listed = {p.text: p for p in proposal.places}
    assert listed["Dad Ebdal"].lat is None
    assert listed["Dad Ebdal"].origin == "unresolved"
    # Zirghan is the Kurdish name of Abu Rasin (gazetteer_names_sy.csv, issue 14):
    # the gazetteer now spells it, 22 km from Tel Tamir.
    assert events["Zirghan"].place.origin == "gazetteer"


def test_villages_in_a_province_sit_at_the_province_at_precision_3():
    event = _events(
        "The villages of Al-Sakhr and Al-Jaysat in Hama province came under regime "
        "control on Friday."
    )["Al-Jaysat"]
    place = event.place
    assert (place.origin, place.precision, place.admin1) == ("near", 3, "Hama")
    assert place.is_region  # the bench's "right admin area" for region-level labels
    assert "in the region of Hama" in event.rule


def test_villages_after_near_town_are_anchored_and_read_near_it():
    events = _events(
        "“Near Ayn Issa, the villages of Bir Issa, Hoshan and Mushairfa were shelled "
        "from Turkish-occupied territory,” the RIC said on Friday."
    )
    assert "Ayn Issa" not in events
    assert events["Hoshan"].place.origin == "near"
    assert events["Hoshan"].place.precision == 2
    # Of the Mushayrifahs 4 and 31 km from Ayn Issa, the one beside it.
    mushairfa = events["Mushairfa"].place
    assert mushairfa.origin == "gazetteer"
    assert geoindex.distance_km(mushairfa.lat, mushairfa.lon, 36.3855, 38.86228) < 6


def test_names_listed_beside_a_town_are_not_anchored_to_it():
    events = _events(
        "Turkish drones struck the villages of Zirghan and Tel Tamir on Friday."
    )
    assert events["Zirghan"].place.lat is None
    assert events["Zirghan"].place.origin == "unresolved"


def test_the_form_proposes_the_anchor_point_with_its_precision():
    event = _events(
        "The villages of Um Keif and Dad Ebdal were shelled near Tel Tamir on Friday."
    )["Dad Ebdal"]
    initial = forms.initial_of(event)
    assert initial["place_choice"] == "point"
    assert initial["place_precision"] == 2
    assert initial["place_name"] == "Dad Ebdal"
    assert round(initial["place_lat"], 3) == 36.656


def _at(text: str, start: int, lat=None, kind="village", origin="unresolved"):
    return PlaceMention(
        text, start, start + len(text), text, "Raqqa", kind, "SY", lat,
        None if lat is None else 38.9, 1 if lat else None, 0.9 if lat else None,
        None, origin, "", "exact" if lat else "",
    )  # fmt: skip


def test_an_anchor_the_article_drops_leaves_the_name_without_a_point():
    sentence = "Xabc village near Yabc was shelled."
    name, town = _at("Xabc", 0), _at("Yabc", 18, lat=36.4, origin="gazetteer")
    marked = anchored.mark(sentence, [name, town])
    assert marked[0].anchor == (town, anchored.NEAR)
    dropped = PlaceMention(**{**town.as_dict(), "start": 18, "end": 22,
                              "lat": None, "lon": None, "origin": "unresolved"})  # fmt: skip
    assert anchored.placed(marked[0], {town.key: dropped}, "SY").lat is None


def test_the_anchor_named_again_in_brackets_is_no_event_either():
    events = _events(
        "Turkish forces shelled the Ain Dewar village near the northeast Syrian "
        "town of Derik (al-Malikiyah) on Friday."
    )
    assert set(events) == {"Ain Dewar"}  # before: also one at al-Malikiyah
