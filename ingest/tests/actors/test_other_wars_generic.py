"""A war's generic words on a report read in another country (ingest/actors/
otherwars.py): "rebels" in the Central African Republic are not Syria's armed
opposition, "the army" there is the Central African armed forces; a name written out
stays, and so does a report read in Syria. The first two failed before."""

import datetime as dt
from types import SimpleNamespace

import pytest

from events.models import Actor
from ingest import propose
from ingest.actors import actors, otherwars
from ingest.proposal import ProposedActor

pytestmark = pytest.mark.django_db

_PUBLISHED = dt.datetime(2023, 12, 23, 12, tzinfo=dt.UTC)
_ABROAD = (
    "BANGUI, Central African Republic (AP) — Rebels attacked the town of Bossangoa "
    "in northern Central African Republic on Thursday, killing three people, a local "
    "official said. The army shelled rebel positions near Bossangoa on Friday, the "
    "official said."
)


def _actors(text: str) -> tuple[list[str], list[str]]:
    proposal = propose.article_propose(text_raw=text, published_at=_PUBLISHED)
    known = sorted({a.name for e in proposal.events for a in e.actors})
    new = sorted({a.name for e in proposal.events for a in e.new_actors})
    return known, new


def test_rebels_abroad_are_that_countrys_not_syrias(actors_and_gazetteer):
    known, new = _actors(_ABROAD)
    assert "Syrian armed opposition" not in known
    assert "Rebels (Central African Republic)" in new


def test_the_army_abroad_is_that_countrys_forces(actors_and_gazetteer):
    known, _ = _actors(_ABROAD)
    assert "Central African armed forces" in known
    assert "Syrian government forces" not in known


def _localised(name: str, text: str, country: str, report: str = "") -> list[str]:
    row = Actor.objects.get(name=name)
    event = SimpleNamespace(
        actors=[ProposedActor(row.pk, row.name, "initiator", text)],
        new_actors=[],
        rule="",
    )
    matcher = actors.ActorMatcher(Actor.objects.all())
    otherwars.localise([event], matcher, country, report or f"They said {text}.")
    return [a.name for a in event.actors + event.new_actors]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Syrian government forces", "Syrian army"),  # a name written out
        ("Russian armed forces", "Russian forces"),  # a foreign force abroad
        ("Syrian armed opposition", "Free Syrian Army"),
    ],
)
def test_a_name_written_out_abroad_stays(demo_actors_loaded, name, text):  # guard
    assert _localised(name, text, "CF") == [name]


def test_rebels_at_home_stay_syrias(demo_actors_loaded):  # guard
    assert _localised("Syrian armed opposition", "rebels", "SY") == [
        "Syrian armed opposition"
    ]


def test_government_forces_abroad_without_forces_get_the_countrys_name(
    demo_actors_loaded,
):
    # a country the list has no forces for: a new actor named at read time
    assert _localised("Syrian government forces", "government forces", "BJ") == [
        "Government forces (Benin)"
    ]


def test_a_report_naming_the_actors_country_keeps_it(demo_actors_loaded):  # guard
    # read in Lebanon, about a Syrian rebel commander: that war's party
    report = "The army arrested a Syrian Islamist rebel commander in Arsal."
    assert _localised("Syrian armed opposition", "rebel", "LB", report) == [
        "Syrian armed opposition"
    ]
