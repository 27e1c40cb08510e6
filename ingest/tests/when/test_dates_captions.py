"""Dates on real report shapes (issue 13): a photo caption's or a page stamp's date is
not the incident's, and an aid flash's "as of" date covers the days up to it."""

import datetime as dt

import pytest

from ingest import propose
from ingest.when import dates, timing

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _events(text: str, day: dt.date, slug: str) -> list:
    proposal = propose.article_propose(text_raw=text, published_at=_at(day))
    return [e for e in proposal.events if e.event_type == slug]


def test_as_of_a_date_is_the_day_before_it_up_to_it():
    found = dates.find_dates(
        "As of 23 January 2018, bombardments in Afrin district continued.",
        published_at=_at(dt.date(2018, 1, 24)),
    )
    assert [(d.date_start, d.date_end) for d in found] == [
        (dt.date(2018, 1, 22), dt.date(2018, 1, 23))
    ]


def test_a_plain_date_stays_one_day():
    found = dates.find_dates(
        "On 23 January 2018, shells hit Afrin.",
        published_at=_at(dt.date(2018, 1, 24)),
    )
    assert [(d.date_start, d.date_end) for d in found] == [(dt.date(2018, 1, 23), None)]


def test_an_aid_flash_dates_later_sentences_by_its_as_of_not_its_title(
    actors_and_gazetteer,
):
    text = (
        "Syria - Conflict (DG ECHO, UNHCR, OCHA) (ECHO Daily Flash of 24 January "
        "2018)\n\n"
        "As of 23 January 2018, bombardments in the frame of the Turkish military "
        "operation in Afrin district continued with deadly incidents involving "
        "civilians. Moreover, shelling by opposition groups caused 9 casualties in "
        "Damascus city."
    )
    shelling = _events(text, dt.date(2018, 1, 24), "shelling-artillery-missile-attack")
    damascus = [e for e in shelling if e.place and e.place.name == "Damascus"]
    assert damascus
    assert dt.date(2018, 1, 22) <= damascus[0].date_start <= dt.date(2018, 1, 23)


def test_a_photo_captions_date_is_not_the_incidents(actors_and_gazetteer):
    text = (
        "A Russian vehicle on the way to negotiations in Bosra al-Sham – July 1, "
        "2018 (Enab Baladi)\n\n"
        "A cautious calm has overcome the governorate of Daraa, broken by a mutual "
        "shelling at the outskirts of Tafas, in the rural countryside of the "
        "governorate."
    )
    clashes = _events(text, dt.date(2018, 7, 2), "armed-clash")
    assert clashes
    assert all(e.date_start != dt.date(2018, 7, 1) for e in clashes)


def test_is_caption():
    assert timing.is_caption("Damage in Latakia city – 9 February 2020 (Enab Baladi)")
    assert not timing.is_caption("Rebels shelled the town (Reuters report).")


def test_a_page_stamp_before_the_lead_gives_way_to_the_leads_own_date(
    actors_and_gazetteer,
):
    text = (
        "22 Oct 2016 Rebels launched a major counter-attack in Idlib province. On "
        "the morning of October 21, rebels stormed the town of Saraqib and "
        "captured it. The attackers in Saraqib killed 16 workers before government "
        "forces arrived and clashed with them."
    )
    events = propose.article_propose(
        text_raw=text, published_at=_at(dt.date(2016, 10, 22))
    ).events
    saraqib = [e for e in events if e.place and e.place.name.startswith("Saraqib")]
    assert saraqib
    assert {e.date_start for e in saraqib} == {dt.date(2016, 10, 21)}


def test_page_stamps_are_only_the_publication_day_run_into_the_text():
    day = dt.date(2016, 10, 22)
    sentence = "22 Oct 2016 ISIS launched a counter-attack in Kirkuk."
    found = dates.find_dates(sentence, published_at=_at(day))
    assert timing.page_stamps(found, sentence, day) == found
    later = "On 22 Oct 2016, ISIS launched a counter-attack in Kirkuk."
    found = dates.find_dates(later, published_at=_at(day))
    assert timing.page_stamps(found, later, day) == []
