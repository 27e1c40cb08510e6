"""A source is one publisher's headline on one date (publisher + title + published
date): the same headline on another date is another source; a true duplicate (same
publisher, title and date, or the same undated headline) is refused by the service
and the admin."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from events import services_change
from events.models import Source

pytestmark = pytest.mark.django_db

JULY_6 = dt.datetime(2026, 7, 6, tzinfo=dt.UTC)
JULY_10 = dt.datetime(2026, 7, 10, tzinfo=dt.UTC)


def _source(published_at) -> Source:
    return Source(
        publisher="@KargnHasret", title="#BurkinaFaso", published_at=published_at
    )


def test_the_same_headline_on_another_date_is_another_source():
    services_change.shared_record_save(record=_source(JULY_6))
    later = services_change.shared_record_save(record=_source(JULY_10))
    dates = set(Source.objects.values_list("published_at", flat=True))
    assert dates == {JULY_6, JULY_10}
    assert later.published_at == JULY_10


@pytest.mark.parametrize("published_at", [JULY_6, None], ids=["dated", "undated"])
def test_the_service_refuses_a_true_duplicate(published_at):
    services_change.shared_record_save(record=_source(published_at))
    with pytest.raises(ValidationError):
        services_change.shared_record_save(record=_source(published_at))
    assert Source.objects.count() == 1


@pytest.mark.parametrize("published_at", [JULY_6, None], ids=["dated", "undated"])
def test_the_database_refuses_a_true_duplicate(published_at):
    """NULL dates are distinct in a unique index on both backends: the undated
    headline needs its own (conditional) constraint."""
    _source(published_at).save()
    with pytest.raises(IntegrityError):
        _source(published_at).save()


def test_an_undated_and_a_dated_citation_of_one_headline_are_two_sources():
    _source(None).save()
    _source(JULY_6).full_clean()  # no error


@pytest.mark.parametrize(
    ("stored", "posted", "refused"),
    [
        (JULY_6, ("2026-07-06", "00:00:00"), True),
        (None, ("", ""), True),
        (JULY_6, ("2026-07-10", "00:00:00"), False),
    ],
    ids=["same-date", "both-undated", "other-date"],
)
def test_the_admin_refuses_only_a_true_duplicate(admin_client, stored, posted, refused):
    _source(stored).save()
    response = admin_client.post(
        reverse("admin:events_source_add"),
        {
            "publisher": "@KargnHasret",
            "title": "#BurkinaFaso",
            "url": "",
            "published_at_0": posted[0],
            "published_at_1": posted[1],
            "language": "en",
            "note": "",
        },
    )
    if refused:
        assert response.status_code == 200
        assert b"already exists" in response.content  # the form says why
        assert Source.objects.count() == 1
    else:
        assert response.status_code == 302, response.content[:3000]
        assert Source.objects.count() == 2
