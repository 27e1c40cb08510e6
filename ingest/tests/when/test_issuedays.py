"""Issue 13 (series AE/AH dev): "a report in Monday's issue of the newssheet X" dates the
source, not the incident; the incident keeps the day the story gives it."""

import datetime as dt

from ingest.when import dates

PUBLISHED = dt.datetime(2019, 7, 29, 12, tzinfo=dt.UTC)  # a Monday


def _said(sentence: str) -> list[str]:
    return [m.text for m in dates.find_dates(sentence, published_at=PUBLISHED)]


def test_the_weekday_of_a_newspapers_issue_is_no_date():
    sentence = (
        "According to a report in Monday's issue of the independent newssheet "
        '"Carta de Mocambique", three of the victims were civilians.'
    )
    assert _said(sentence) == []


def test_a_weekday_of_the_incident_beside_it_stays():
    sentence = "Tuesday's edition of the paper said insurgents attacked on Sunday."
    assert _said(sentence) == ["on Sunday"]
