"""Which of a sentence's places is the event's (issue 13, helper ingplace2): a dated
outlet bracket after the first place is a dateline; a place that owns the speaking
institution ("Gaza's civil defence agency") and a capital standing for its side ("Ankara
had retaken …") are not where the event was, nor the context of the sentences after."""

import pytest

from ingest import propose
from ingest.country import datelines
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _events(text: str) -> list[tuple[str, str]]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [(e.event_type, e.place.text if e.place else "") for e in proposal.events]


def test_a_dated_outlet_bracket_is_a_dateline():
    sentence = (
        "Gaza Strip, (APP - Pakistan Point News - 22nd Oct, 2024) Israeli air "
        "strikes hit a house in Rafah on Tuesday."
    )
    span = datelines.dateline_span(sentence)
    assert span is not None
    assert sentence[span[1] :].startswith("Israeli")


def test_an_undated_bracket_without_a_dash_is_no_dateline():
    assert datelines.dateline_span("Rafah, (a border town) was hit again.") is None


def test_the_seat_of_the_speaking_agency_after_a_dateline_is_no_event_place():
    text = (
        "Gaza Strip, (APP - Pakistan Point News - 22nd Oct, 2024) Gaza's civil "
        "defence agency said Israeli air strikes hit a house in Rafah on Tuesday, "
        "killing six people. A separate raid killed another four, said agency "
        "spokesman Ahmad Yousef."
    )
    assert {place for _, place in _events(text)} == {"Rafah"}


def test_the_seat_of_an_agency_is_no_context_for_the_next_sentence():
    text = (
        "Rescuers from Gaza's civil defence agency pulled six bodies from a house "
        "hit by Israeli air strikes in Rafah on Tuesday. A separate raid killed "
        "another four."
    )
    assert {place for _, place in _events(text)} == {"Rafah"}


def test_a_seat_alone_stays_the_events_place():
    text = (
        "Aleppo's police chief was killed on Tuesday when a car bomb exploded near "
        "his office."
    )
    assert _events(text) == [("remote-explosive-landmine-ied", "Aleppo")]


def test_a_capital_standing_for_its_side_is_no_events_place():
    text = (
        "Turkey's defence ministry said on Monday that Ankara had retaken "
        "Andriivka. A spokesman for a brigade fighting in the area said the village "
        "was destroyed by shelling."
    )
    assert "Ankara" not in {place for _, place in _events(text)}
