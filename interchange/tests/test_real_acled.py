"""A real ACLED API download (data/real/acled_current_api_somalia2025.csv, source in
its README): the current layout with ISO dates and text actor types loads as
published and comes back as the crosswalk says."""

import pytest

from events.models import Actor, Event
from interchange import acled, acled_codes
from interchange.tests.test_real_files import _documented, _import, _lost, _rows

pytestmark = pytest.mark.django_db

API = "acled_current_api_somalia2025.csv"


def test_api_download_is_recognised_with_its_iso_dates():
    report = _import(API)
    assert (report.layout, report.date_format) == (acled.API, "YYYY-MM-DD")
    for row in _rows(API):
        event = Event.objects.get(external_id=row["event_id_cnty"])
        assert event.date_start.isoformat() == row["event_date"]
        assert event.fatalities_best == int(row["fatalities"])


def test_api_text_actor_types_give_the_actors_kinds():
    _import(API)
    for row in _rows(API):
        for actor_column, inter_column in (("actor1", "inter1"), ("actor2", "inter2")):
            if row[actor_column]:
                actor = Actor.objects.get(name=row[actor_column])
                assert actor.kind == acled_codes.INTER[row[inter_column].lower()]


ROUND_TRIP = ("acled_current_benin_rwritten.csv", API)  # numeric and text actor types


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_round_trip_loses_only_what_the_crosswalk_lists(name, tmp_path):
    assert _lost(name, "acled", tmp_path) <= _documented("acled")


def test_every_column_the_crosswalk_lists_as_lost_is_lost_by_a_real_file(tmp_path):
    lost = set()
    for name in ROUND_TRIP:
        Event.objects.all().delete()
        lost |= _lost(name, "acled", tmp_path)
    assert lost == _documented("acled")
