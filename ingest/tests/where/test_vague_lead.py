"""Issue 13/14: "an attack on a village in central Mali. The attack took place on
Monday in X village": the lead's part of a country has no point, so the next sentence
places the incident at X (series I of the corpus guide); it had only done so for a
country (bench/README.md, "Series Q, names without a point"). Made-up sentences.
"""

import datetime as dt

import pytest

from ingest import propose

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 3, 8, 12, 0, tzinfo=dt.UTC)


def test_a_part_of_a_country_in_the_lead_gives_way_to_the_village_named_next(
    actors_and_gazetteer,
):
    text = (
        "Gunmen killed five shepherds in an attack in northern Syria, activists said.\n"
        "The attack took place on Thursday in Qarat Zelbeh village, they added."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    places = [e.place.text for e in proposal.events if e.place is not None]
    assert places
    assert all("Zelbeh" in p for p in places), places
