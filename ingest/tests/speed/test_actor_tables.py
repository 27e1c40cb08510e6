"""What the speed work (bench/README.md, "Ingest speed") must not change: the actor
tables built once per actor list follow an edit in the admin, and the dates read
without dateparser are the days, months and years dateparser gives."""

import datetime as dt

import pytest

from events.models import Actor
from ingest.actors import actors
from ingest.when import dateparsing


@pytest.mark.django_db
def test_an_alias_added_in_the_admin_is_found_by_the_next_matcher():
    actor = Actor.objects.create(
        name="Alpha Brigade", kind=Actor.Kind.MILITIA, aliases=["Alpha Force"]
    )
    before = actors.ActorMatcher(Actor.objects.all())
    actor.aliases = ["Alpha Force", "Alpha Lions"]
    actor.save()
    after = actors.ActorMatcher(Actor.objects.all())
    sentence = "Alpha Lions fighters shelled the town."
    assert [m.name for m in after.find(sentence)] == ["Alpha Brigade"]
    assert before.find(sentence) == []  # built from the list as it was


def _as_read(found, period, published_on):
    if found is None:
        return None
    precision = period if period in {"day", "week", "month", "year"} else "day"
    return dateparsing._period(found, precision, published_on, ""), precision


@pytest.mark.parametrize(
    "phrase",
    [
        "27 April 2014",
        "3rd of May, 2019",
        "May 18, 2024",
        "Sept. 3 2019",
        "dec 11th, 2023",
        "29 February 2020",
        "December 2023",
        "October of 2017",
        "2013",
        "2019-05-03",
        "this week",
        "Last week",
        "this month",
        "last month",
        "this year",
        "last year",
    ],
)
@pytest.mark.parametrize(
    "published",
    [
        dt.datetime(2020, 3, 31, 15, 30, tzinfo=dt.UTC),
        dt.datetime(2021, 1, 3, tzinfo=dt.UTC),  # a Sunday in the year's first week
    ],
)
def test_plain_dates_are_read_as_dateparser_reads_them(phrase, published):
    plain = dateparsing._plain(phrase, published.date())
    parsed = dateparsing._parser(published).get_date_data(phrase)
    wanted = parsed.date_obj.date() if parsed.date_obj else None
    assert plain is not None
    assert _as_read(*plain, published.date()) == _as_read(
        wanted, parsed.period, published.date()
    )


@pytest.mark.parametrize(
    "phrase", ["31 April 2014", "29 Feb 2019", "2019-13-03", "23 April", "June", "2100"]
)
def test_other_dates_are_left_to_dateparser(phrase):
    assert dateparsing._plain(phrase, dt.date(2020, 3, 31)) is None


@pytest.mark.django_db
def test_an_aliases_list_keeps_its_texts_only():
    Actor.objects.create(
        name="Beta Brigade", kind=Actor.Kind.MILITIA, aliases=["Beta Lions", 7, None]
    )
    Actor.objects.create(name="Gamma Brigade", kind=Actor.Kind.MILITIA, aliases=[])
    matcher = actors.ActorMatcher.of_queryset(Actor.objects.all())
    found = matcher.find("Beta Lions fighters and Gamma Brigade shelled the town.")
    assert [m.name for m in found] == ["Beta Brigade", "Gamma Brigade"]
    assert actors._aliases(["Beta Lions", 7, None, {"a": 1}]) == ("Beta Lions",)
    assert actors._aliases(None) == actors._aliases([]) == ()
