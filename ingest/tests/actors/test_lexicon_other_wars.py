"""Actors of other wars in the lexicon (issue 13; `events/fixtures/actors_common.py`,
editable in the admin) and the roles their wording gives: a side named by its weapons
or by what its forces do is the attacker. Each case failed before (guards marked)."""

import pytest

from events import demo
from events.models import Actor
from ingest.actors import actors, roles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("phrase", "actor"),
    [
        ("the Sudanese military", "Sudanese Armed Forces"),
        ("Russian occupiers", "Russian armed forces"),
        ("Russian invaders", "Russian armed forces"),
        ("Ukraine's General Staff", "Ukrainian armed forces"),
        ("Hamas' armed wing", "Hamas"),
        ("the Qassam Brigades", "Hamas"),
        ("Ansarallah", "Houthis"),
        ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("Wagner mercenaries", "Wagner Group"),
        ("Africa Corps", "Wagner Group"),
        ("FAMa", "Malian armed forces"),
        ("al-Shabaab", "Al-Shabaab"),
        ("the Saudi-led coalition", "Saudi-led coalition"),
    ],
)
def test_the_lexicon_names_sides_of_other_wars(phrase, actor):
    demo._actors()
    matcher = actors.ActorMatcher(Actor.objects.all())
    assert [m.name for m in matcher.find(f"They said {phrase} were there.")] == [actor]


def test_a_sides_run_health_ministry_is_not_that_side():  # guard (guide: medics report)
    demo._actors()
    matcher = actors.ActorMatcher(Actor.objects.all())
    assert matcher.find("the Hamas-run health ministry said") == []


@pytest.mark.parametrize(
    "sentence",
    [  # dev C05's shape, and one where the weapons are shot down
        "The attack on Damascus followed Israeli strikes on the Lebanese capital "
        "Beirut.",
        "Air defences in Kyiv shot down Russian drones overnight.",
    ],
)
def test_a_sides_own_weapons_make_it_the_attacker(sentence):
    demo._actors()
    matcher = actors.ActorMatcher(Actor.objects.all())
    found = matcher.find(sentence)
    cue = sentence.index("Beirut" if "Beirut" in sentence else "shot")
    given = roles.position_roles("air-drone-strike", sentence, (cue, cue + 5), found)
    assert [given.get(m.actor_id) for m in found] == ["initiator"]


@pytest.mark.parametrize(
    ("phrase", "actor"),
    [
        ("Loyalist forces", "Syrian government forces"),
        ("pro-Assad forces", "Syrian government forces"),
        ("Yemeni pro-government forces", "Yemeni government forces"),
        ("forces loyal to Hadi", "Yemeni government forces"),
    ],
)
def test_the_lexicon_names_loyalists(phrase, actor):
    demo._actors()
    matcher = actors.ActorMatcher(Actor.objects.all())
    assert [m.name for m in matcher.find(f"They said {phrase} were there.")] == [actor]


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        (
            "Ukrainian forces repelled Russian attacks near Pokrovsk.",
            "Russian armed forces",
        ),
        (
            "Two men were killed by Israeli fire near Khan Younis.",
            "Israeli armed forces",
        ),
        ("The regime offensive on Idlib stalled.", "Syrian government forces"),  # guard
    ],
)
def test_what_a_state_does_named_after_it_names_it_the_attacker(sentence, actor):
    demo._actors()
    matcher = actors.ActorMatcher(Actor.objects.all())
    found = [m for m in matcher.find(sentence) if m.name == actor]
    assert found
    given = roles.position_roles("armed-clash", sentence, (0, 1), found)
    assert given == {found[0].actor_id: "initiator"}


def test_the_alias_pattern_keeps_longest_first_and_capitals():  # guard
    # The aliases are matched through one prefix-shared pattern; it must still prefer
    # the longest alias, fall back to a shorter one, and read acronyms in capitals.
    demo._actors()
    matcher = actors.ActorMatcher(Actor.objects.all())
    found = matcher.find(
        "Russian fighter jets hit the town; Russia said IS militants and is it ISIS?"
    )
    assert [(m.name, m.text) for m in found] == [
        ("Russian armed forces", "Russian fighter jets"),
        ("Russia", "Russia"),
        ("Islamic State", "IS militants"),
        ("Islamic State", "ISIS"),
    ]
