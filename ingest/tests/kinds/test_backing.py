"""Fire that backs a ground act is that act's means, no strike of its own
(ingest/kinds/backing.py, helper ingtwotypes; bench/twotypecauses.py). The sentences are
made up, after shapes of the development reports."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _events(text: str) -> list[tuple[str, str]]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return sorted(
        (e.event_type, e.place.name if e.place else "") for e in proposal.events
    )


def _types(text: str) -> list[str]:
    return [slug for slug, _ in _events(text)]


def test_helicopters_backing_troops_make_no_air_strike():
    text = (
        "Syrian troops backed by tanks and helicopters repelled a rebel attack on an "
        "army base in Ariha on Thursday after a 20-hour battle, officials said."
    )
    assert _types(text) == ["armed-clash"]


def test_artillery_backing_rebels_makes_no_shelling():
    text = (
        "Rebels backed by artillery fire clashed with government troops in Saraqib "
        "on Thursday, activists said."
    )
    assert _types(text) == ["armed-clash"]


def test_a_strike_that_is_the_only_act_keeps_its_type():
    text = (
        "The army, backed by heavy airstrikes of the Russian aviation, continued "
        "striking positions near Ariha on Thursday, activists said."
    )
    assert _types(text) == ["air-drone-strike"]


def test_a_strike_told_outside_the_backing_phrase_stays():
    text = (
        "Israeli forces with air cover raided Ariha on Thursday, and their shelling "
        "killed 24 civilians there, medics said."
    )
    assert "shelling-artillery-missile-attack" in _types(text)


def test_two_incidents_at_two_places_and_days_stay_two():
    text = (
        "Government forces shelled Ariha on Thursday, while rebels backed by tanks "
        "stormed Saraqib on Friday, activists said."
    )
    events = _events(text)
    assert len(events) == 2
    assert {slug for slug, _ in events} == {
        "shelling-artillery-missile-attack",
        "non-state-actor-overtakes-territory",
    }
