"""One incident told twice across sentences (ingest/incidents/twins.py, helper ingprec4): a lead
dated only by the day its speaker spoke and the same fighting with a day of its own.
The sentences are made up; each follows a shape seen in the development reports
(bench/dupcauses.py)."""

import datetime as dt

import pytest

from ingest.tests.articles import dated_events as _events

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]

WEDNESDAY = dt.date(2019, 11, 13)


def test_a_lead_dated_by_its_speaker_is_the_fighting_dated_before():
    text = (
        "At least 16 people were killed in fighting between armed groups in Ariha, "
        "the health ministry said Friday. Clashes erupted in Ariha on Wednesday night "
        "between the two groups."
    )
    assert _events(text) == [("armed-clash", "Ariha", WEDNESDAY)]
