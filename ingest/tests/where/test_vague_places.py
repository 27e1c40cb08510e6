"""Issue 13 (ingprec3): a proposal placed only at a country or a part of one ("in
southern Lebanon") while the story names a finer place is its lead, a tally or
background: left unticked with the reason; alone it stays ticked. Made-up sentences.
"""

import datetime as dt

import pytest

from ingest import propose
from ingest.where import vague

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 3, 8, 12, 0, tzinfo=dt.UTC)


def test_a_region_only_proposal_beside_a_named_town_is_left_unticked(
    actors_and_gazetteer,
):
    text = (
        "Warplanes bombed a market in northern Syria on Thursday, activists said.\n"
        "On Wednesday, rebels shelled the town of Saraqib, killing three."
    )
    events = propose.article_propose(text_raw=text, published_at=WHEN).events
    ticked = [e.place.text for e in events if not e.background]
    unticked = [e for e in events if e.background]
    assert ticked == ["Saraqib"]
    assert [e.place.text for e in unticked] == ["northern Syria"]
    assert vague.NOTE in unticked[0].rule


def test_a_region_only_proposal_alone_stays_ticked(actors_and_gazetteer):
    text = "Warplanes bombed a market in northern Syria on Thursday, activists said."
    events = propose.article_propose(text_raw=text, published_at=WHEN).events
    assert [(e.place.text, e.background) for e in events] == [("northern Syria", False)]
