"""Violence told as happening now and then is no incident (issue 13; "occasional
violations occur", read in an unseen wire story). Clauses are written for the test."""

import pytest

from ingest.tests.articles import cue_types as _types


@pytest.mark.parametrize(
    "clause",
    [
        "Occasional violations occur due to clashes in the area",
        "Jets occasionally strike the hills west of the town",
        "Militants sometimes shell the road from the ridge",
        "From time to time gunmen attack the convoys on the highway",
    ],
)
def test_violence_now_and_then_is_no_incident(clause):
    assert _types(clause) == []


def test_a_dated_clash_is_still_an_incident():  # guard
    assert _types("Clashes broke out in the area on Monday") == ["armed-clash"]
