"""Issue 13/14: a story that names a country's province, oblast or state but never the
country ("Russians shell Donetsk region") was read in Syria's gazetteer, so its
villages got no point (bench/README.md, "Series Q, names without a point").
Made-up sentences about real places.
"""

import datetime as dt

import pytest

from ingest import propose
from ingest.reading import wire
from places.geocoding.index import distance_km

WHEN = dt.datetime(2024, 3, 8, 12, 0, tzinfo=dt.UTC)
VOVCHANSK = (50.29078, 36.94108)  # GeoNames 689304, Kharkiv oblast


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("Drones hit Sumy region overnight.", {"UA": 1}),
        ("Fighting spread in the Kassala State on Friday.", {"SD": 1}),
        (
            "Gunmen raided a camp in South Darfur, then in Lower Shabelle.",
            {"SD": 1, "SO": 1},
        ),
        ("Clashes erupted in Idlib province.", {"SY": 1}),
        # two countries' areas bear the name; a position alone names no area
        ("Boats sank off the Red Sea State coast.", {}),
        ("Rain fell across the Northern region and the Centre region.", {}),
    ],
)
def test_an_admin_area_named_as_one_is_a_cue_of_its_country(text, cues):
    assert wire.area_cues(text) == cues


@pytest.mark.django_db
def test_an_oblast_story_that_never_names_its_country_is_read_there(
    actors_and_gazetteer,
):
    text = (
        "Russian troops shelled the town of Vovchansk in Kharkiv region on Friday, "
        "killing two men, the regional governor said.\n"
        "A house was damaged in the same Kharkiv region town."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    assert proposal.country == "UA"
    placed = [e.place for e in proposal.events if e.place and e.place.lat is not None]
    assert placed, [(e.title, e.place and e.place.note) for e in proposal.events]
    assert distance_km(placed[0].lat, placed[0].lon, *VOVCHANSK) < 5
