"""An incident told once without a day and once with one is one event
(ingest/when/undated.py, helper inggroup). The sentences are made up; each follows a shape
seen in the development reports (bench/groupcauses.py)."""

import datetime as dt

import pytest

from ingest.tests.articles import dated_events as _events

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]

WEDNESDAY = dt.date(2019, 11, 13)


def test_an_undated_lead_is_the_incident_told_later_with_its_day():
    text = (
        "Air strikes on Ariha killed 20 people, the health ministry said. "
        "The shelling of Ariha on Wednesday night also wounded 46 people."
    )
    events = _events(text)
    assert len(events) == 1
    assert events[0][1:] == ("Ariha", WEDNESDAY)


def test_an_undated_incident_at_another_place_stays_its_own():
    text = (
        "Air strikes on Saraqib killed 20 people, the health ministry said. "
        "The shelling of Ariha on Wednesday night also wounded 46 people."
    )
    assert len(_events(text)) == 2
