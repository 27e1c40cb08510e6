"""Shapes of the series U development reports (issue 13) the extractor missed or
misdated: rarer incident words (a village attacked, a shootout, an assault on a
militia camp, a mass grave uncovered), an agency dateline with no dash, an undated
detail carried to its own sentence's day and an event's own day preferred to the
sentence's other dates. Every sentence is made up after a dev report's shape."""

import datetime as dt

import pytest

from ingest import propose
from ingest.country import datelines
from ingest.incidents import grouping
from ingest.statements import speakers
from ingest.tests.articles import cue_types as _types
from ingest.when import dates, timing
from ingest.where.mention import PlaceMention

FRIDAY = dt.datetime(2025, 12, 5, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("clause", "slug"),
    [
        ("Armed men on Friday night attacked the village of Kuro", "attack"),
        ("A gang attacked the 12th March village in the district", "attack"),
        ("The attack in Doma village on Friday is being investigated", "attack"),
        ("Raiders drove into a village around noon shooting at residents", "attack"),
        ("The jihadists engaged troops in a shootout near the camp", "armed-clash"),
        (
            "Confrontations between the militants and the police continued",
            "armed-clash",
        ),
        (
            "Fighters launched an assault on a joint army and militia camp in Moro",
            "armed-clash",
        ),
        ("A mass grave with 40 bodies was uncovered near the town", "other"),
        ("Rescuers discovered a mass grave on the edge of the city", "other"),
    ],
)
def test_a_rarer_incident_word_is_typed(clause, slug):
    assert slug in _types(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "The mass graves of the 1980s remain a wound",  # no discovery
        "The army carried out the artillery attack targeting the village",  # shelling
        "The military attacked the villages bordering the two townships",  # no target
    ],
)
def test_a_lookalike_is_no_attack_nor_grave(clause):
    assert not {"attack", "other"} & set(_types(clause))


@pytest.mark.parametrize(
    ("sentence", "town"),
    [
        ("Damascus, May 27 (IANS) A mass grave was uncovered on Thursday", "Damascus"),
        ("Kandahar, Afghanistan, Apr 15 (UNI) One child was killed", "Kandahar"),
        ("Sari Pul (Afghanistan), Sep 1 One child was killed", "Sari Pul"),
    ],
)
def test_an_agency_dateline_without_a_dash_is_read(sentence, town):
    assert datelines.dateline_span(sentence) is not None
    assert [n for _, _, n in datelines.dateline_names(sentence)] == [town]


def test_a_weekday_mention_is_no_dateline():
    assert datelines.dateline_span("On Thursday, May 14 Israeli forces shelled") is None


def _mention(sentence, slug, clause, when=None, carried=None):
    statement = speakers.attribute(clause, previous_speaker="")
    return grouping.Mention(
        slug=slug, sentence=sentence, clause=clause, statement=statement,
        actors=[], places=[], places_inherited=True, date=when, carried=carried,
    )  # fmt: skip


def _day(text: str) -> dates.DateMention:
    (found,) = dates.find_dates(text, published_at=FRIDAY)
    return found


def _place(name: str, kind: str, origin: str, lat: float | None) -> PlaceMention:
    return PlaceMention(
        name, 0, len(name), name, "" if kind == "area" else "Quneitra", kind, "SY",
        lat, None if lat is None else 35.8, None, 0.9, None, origin,
    )  # fmt: skip


def _folded(detail_day: dates.DateMention) -> int:
    north = _place("Southern Syria", "area", "region", None)
    village = _place("Kudna", "village", "gazetteer", 33.1)
    lead = grouping.Group(_mention(0, "other", "an incursion", when=_day("on Friday")))
    lead.mentions[0].places, lead.mentions[0].places_inherited = [north], False
    detail = grouping.Group(
        _mention(3, "headquarters-or-base-established", "set up a checkpoint",
                 carried=detail_day)
    )  # fmt: skip
    detail.mentions[0].places, detail.mentions[0].places_inherited = [village], False
    kept = grouping.fold_leads(
        [lead, detail], lambda slug: "strategic", lambda g: g.explicit_places[0]
    )
    return len(kept)


def test_a_lead_does_not_fold_a_detail_of_another_day():
    # "The army on Friday carried out an incursion in southern Syria. … On Thursday a
    # patrol advanced into A. Forces set up a checkpoint in Kudna.": the checkpoint is
    # Thursday's, not the Friday lead's.
    assert _folded(_day("On Thursday")) == 2
    assert _folded(_day("on Friday")) == 1  # the same day: the lead's detail


@pytest.mark.django_db
def test_an_events_own_day_is_carried_not_the_papers(actors_and_gazetteer):
    text = (
        "An armed group on Friday night attacked the village of Kuro, reports "
        "Monday's issue of a weekly paper. No casualties were reported from this "
        "raid, but a woman was kidnapped."
    )
    monday = dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC)
    proposal = propose.article_propose(text_raw=text, published_at=monday)
    assert proposal.events
    assert {e.date_start for e in proposal.events} == {dt.date(2025, 12, 5)}


TUESDAY = dt.datetime(2020, 2, 11, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "sentence",
    [
        "A gang attacked the 19th October village on Sunday night",
        "Fighting went on near 6th of October City on Sunday night",
        "The 17 February Brigade said it was shelled on Sunday night",
    ],
)
def test_a_day_and_month_naming_a_place_or_group_is_no_date(sentence):
    found = dates.find_dates(sentence, published_at=TUESDAY)
    assert [d.text for d in found] == ["on Sunday night"]


def test_a_day_and_month_after_on_stays_a_date():
    (found,) = dates.find_dates(
        "On October 19 village elders fled", published_at=TUESDAY
    )
    assert found.date_start == dt.date(2019, 10, 19)


def test_a_quoted_today_is_the_day_it_was_said():
    sentence = "“Our forces won the battles today around the base,” it said on Sunday."
    found = dates.find_dates(sentence, published_at=TUESDAY)
    today, said = found
    (moved, _) = timing.spoken_on(found, sentence, said, TUESDAY.date())
    assert (today.date_start, moved.date_start) == (TUESDAY.date(), dt.date(2020, 2, 9))


def test_an_unquoted_today_stays_the_publication_day():
    sentence = "Forces won the battles today, the army said on Sunday."
    found = dates.find_dates(sentence, published_at=TUESDAY)
    assert timing.spoken_on(found, sentence, found[-1], TUESDAY.date()) == found


def test_a_town_and_its_country_before_a_colon_is_a_dateline():
    # the city must be known (GeoNames' cities, read through ingest.where.names)
    sentence = "Sidon (Lebanon): An Israeli drone strike hit a car on Saturday"
    assert [n for _, _, n in datelines.dateline_names(sentence)] == ["Sidon"]
    assert datelines.dateline_span("Update (Live): Strikes hit the town") is None


@pytest.mark.parametrize(
    ("clause", "typed"),
    [
        ("This came after regime forces clashed with rebels at the village", True),
        ("The victory comes three days after rebels seized the town", False),
        ("It came two weeks after rebels seized the town", False),
        ("The announcement came after rebels captured the town", False),
    ],
)
def test_this_came_after_tells_the_cause_as_news(clause, typed):
    assert bool(_types(clause)) is typed


@pytest.mark.parametrize(
    ("clause", "slug"),
    [
        (
            "The shelling followed clashes between the militia and the army on Sunday",
            "armed-clash",
        ),
        ("A drone allegedly targeted the division's command", "air-drone-strike"),
    ],
)
def test_a_second_incident_in_the_clause_is_kept(clause, slug):
    assert slug in _types(clause)
