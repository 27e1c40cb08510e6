"""Issue 13/14: why named places got no point (bench/README.md, "Ingest: names without
a point, by cause"). Made-up sentences about real places.

- A story about Gaza names "Gaza" and "the Gaza Strip", never "Palestinian Territory"
  (GeoNames' name for PS): it was read in Syria's gazetteer, so Khan Yunis got no
  point although PS is a configured country.
- A name the prose marks that the gazetteer reads only by its consonants goes to the
  editor, told which place that reading is (it said "not in the gazetteer").
"""

import datetime as dt

import pytest

from ingest import propose
from ingest.where import countrynames
from places.geocoding.index import distance_km

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 3, 8, 12, 0, tzinfo=dt.UTC)
KHAN_YUNIS = (31.34018, 34.30627)  # GeoNames 281124
GAZA_STORY = (
    "Israeli air strikes hit a house in Khan Yunis in the southern Gaza Strip on "
    "Friday, killing four people, the civil defence in Gaza said."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Shelling continued across the Gaza Strip on Friday.", "PS"),
        ("Two people were killed in Gaza, the ministry said.", "PS"),
        ("Protests spread in Palestine after the raid.", "PS"),
        ("Türkiye said its drones struck the convoy.", "TR"),
        ("Fighters crossed to the west bank of the Euphrates.", None),
    ],
)
def test_the_news_names_of_a_configured_country_count(text, code):
    counts = countrynames.country_mentions(text)
    assert (max(counts, key=counts.get) if counts else None) == code


def test_a_gaza_story_is_read_in_ps_and_placed(actors_and_gazetteer):
    proposal = propose.article_propose(text_raw=GAZA_STORY, published_at=WHEN)
    assert proposal.country == "PS"
    placed = [e.place for e in proposal.events if e.place and e.place.lat is not None]
    assert placed, [(e.title, e.place and e.place.note) for e in proposal.events]
    assert min(distance_km(p.lat, p.lon, *KHAN_YUNIS) for p in placed) < 5


def test_a_syrian_story_on_the_euphrates_west_bank_stays_syrian(actors_and_gazetteer):
    text = (
        "Government forces shelled positions on the west bank of the Euphrates near "
        "Hajin on Monday, killing three fighters, activists said."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    assert proposal.country == "SY"
    assert any(p.lat is not None for p in proposal.places)


@pytest.mark.parametrize(
    ("spelt", "reading"),
    [
        ("Busr al-Hareer", "Busra al Hariri"),  # a vowel kept, one dropped
        ("Dabeelan", "Dablan"),  # a long vowel written out
    ],
)
def test_a_name_read_only_by_its_consonants_tells_the_editor_which(
    actors_and_gazetteer, spelt, reading
):
    text = (
        f"Regime warplanes struck the village of {spelt} on Monday, killing two "
        "civilians, local activists said."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    (place,) = [p for p in proposal.places if p.text == spelt]
    assert place.lat is None  # no sure place of the story near it: not placed
    assert reading in place.note
    assert "not in the gazetteer" not in place.note


TUZ = (34.88808, 44.63256)  # GeoNames 90026, Tuz Khurmatu


def test_an_iraqi_story_naming_a_district_is_read_in_iraq(actors_and_gazetteer):
    # The gazetteer holds no Iraqi districts: "X district" is read as the area around
    # the town, a plain reading by its own name, as a district's would be in Syria.
    text = (
        "Gunmen attacked a police post on the outskirts of Tuz Khurmatu district on "
        "Monday night, killing two policemen, Iraq's security media cell said."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    assert proposal.country == "IQ"
    placed = [e.place for e in proposal.events if e.place and e.place.lat is not None]
    assert placed
    assert min(distance_km(p.lat, p.lon, *TUZ) for p in placed) < 10
