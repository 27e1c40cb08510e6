"""Issues 13/14: articles about a country outside GAZETTEER_COUNTRIES (the default:
Syria and its neighbours). A Reuters story filed from Khartoum, or one whose lead says
"in Mali's Mopti region", was read in Syria's gazetteer and placed nothing; it is now
read in that country's own gazetteer, built in memory for it (places.gazetteer_abroad).
The snippets are written for these tests in the style of the wires."""

import datetime as dt

import pytest

from ingest import placing, propose
from places import gazetteer_abroad
from places.geocoding.index import distance_km
from places.models import GazetteerEntry

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 10, 22, 12, 0, tzinfo=dt.UTC)
EL_FASHER = (13.6279, 25.3494)  # GeoNames 371299, El Fasher
KHARTOUM_WIRE = (
    "KHARTOUM, Oct 22 (Reuters) - Shelling by the Rapid Support Forces killed 12 "
    "civilians in El Fasher on Tuesday, local activists said."
)
MALI_LEAD = (
    "Gunmen on motorbikes killed 14 villagers in Mali's Mopti region on Sunday, a "
    "local official said."
)


@pytest.fixture(autouse=True)
def demo_actors(demo_actors_loaded) -> None:
    """The demo actors (ingest/tests/conftest.py: loaded once for the module)."""


def _placed(proposal) -> list:
    return [e.place for e in proposal.events if e.place and e.place.lat is not None]


def test_a_dateline_abroad_reads_the_story_in_that_countrys_gazetteer(settings):
    assert "SD" not in settings.GAZETTEER_COUNTRIES  # the default configuration
    proposal = propose.article_propose(text_raw=KHARTOUM_WIRE, published_at=WHEN)
    assert proposal.country == "SD"
    places = _placed(proposal)
    assert [p.country_code for p in places] == ["SD"]
    assert distance_km(places[0].lat, places[0].lon, *EL_FASHER) < 5
    # Nothing of it was written to the database: the rows live in memory only.
    assert not GazetteerEntry.objects.filter(country_code="SD").exists()


def test_the_editor_can_pick_a_candidate_of_that_countrys_gazetteer():
    proposal = propose.article_propose(text_raw=KHARTOUM_WIRE, published_at=WHEN)
    ref = next(p for p in proposal.places if p.text == "El Fasher").note.split()[-1]
    entry = placing.candidate_get(ref)  # what confirming a picked candidate reads
    assert entry is not None
    assert entry.country == "SD"
    found = placing.gazetteer_search(q="El Fasher", country="SD")
    assert found
    assert found[0]["country"] == "SD"


def test_a_lead_naming_the_country_and_its_region_places_the_region():
    proposal = propose.article_propose(text_raw=MALI_LEAD, published_at=WHEN)
    assert proposal.country == "ML"
    (place,) = _placed(proposal)
    assert place.feature_type == "governorate"
    assert place.is_region
    assert place.name == "Mopti"
    assert place.precision == 3


def test_a_country_alone_is_a_region_without_a_point():
    proposal = propose.article_propose(
        text_raw="Gunmen killed 23 villagers in central Mali on Sunday, a local "
        "official said.",
        published_at=WHEN,
    )
    assert proposal.country == "ML"
    assert not _placed(proposal)  # never the country's centroid
    (event,) = proposal.events
    assert event.place is not None
    assert event.place.name == "Central Mali"


def test_a_syrian_story_naming_a_country_in_its_lead_stays_syrian():
    text = (
        "Warplanes struck Maarat al-Numan in Idlib province on Monday, killing five "
        "civilians, a war monitor said. Qatar's foreign ministry condemned the "
        "strike."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    assert proposal.country == "SY"
    assert {p.country_code for p in _placed(proposal)} == {"SY"}


def test_a_country_named_only_in_the_body_builds_no_gazetteer_it_cannot_win():
    # Russia twice in the body, no Russian town: its 5,000 rows are never indexed.
    gazetteer_abroad.clear()
    text = (
        "Warplanes struck Maarat al-Numan in Idlib province on Monday, killing five "
        "civilians, a war monitor said.\n"
        + "Rescue workers searched the rubble of two houses in the town. "
        * 8
        + "\nActivists blamed the raid on Russia. Russia has denied targeting "
        "civilians."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    assert proposal.country == "SY"
    assert "RU" not in {i.version.partition(":")[2] for i in gazetteer_abroad.loaded()}


# Per name: a Syrian story's village across the border, read in the neighbour's
# gazetteer (TR is configured by default) when it lies near the story's places.
DAMLACIK = (36.9153, 40.1025)  # GeoNames 439212, Damlacık (Şanlıurfa)


def test_a_village_across_the_border_is_placed_in_the_neighbour_near_the_story():
    text = (
        "Mortar shells fired by Kurdish fighters in Ras al-Ain hit the Turkish "
        "village of Damlacık on Monday, wounding two people, the Turkish defence "
        "ministry said."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    assert proposal.country == "SY"
    place = next(p for p in proposal.places if p.text == "Damlacık")
    assert place.country_code == "TR"
    assert distance_km(place.lat, place.lon, *DAMLACIK) < 1


def test_a_far_reading_across_the_border_goes_to_the_editor():
    text = (
        "Warplanes struck Maarat al-Numan on Monday, killing five civilians, a war "
        "monitor said. Shells also fell on the Turkish village of Damlacık, the "
        "Turkish defence ministry said."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    place = next(p for p in proposal.places if p.text == "Damlacık")
    assert place.lat is None  # 300 km from the story's places: no point
    assert place.country_code == "TR"
    assert "TR's Damlacık" in place.note
