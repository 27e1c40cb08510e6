"""Who did it (issue 13): a doer the actor list lacks is proposed as a new name for
the editor, never replaced by a wrong known actor; a capture takes the side the
sentences before were fighting. Sentences are made up, shaped like wire copy."""

import datetime as dt

import pytest

from ingest import newactors, propose

MONDAY = dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC)


def _events(text: str) -> list:
    return propose.article_propose(text_raw=text, published_at=MONDAY).events


def _new(event) -> list[tuple[str, str]]:
    return [(a.name, a.role) for a in event.new_actors]


@pytest.mark.parametrize(
    ("sentence", "cue", "doer"),
    [
        ("Unknown persons threw a hand grenade at a checkpoint.", "hand grenade",
         "Unknown persons"),
        ("A two-vehicle Kandaran patrol advanced into the village.", "advanced into",
         "two-vehicle Kandaran patrol"),
        ("Brigade shelling of the village wounded two.", "shelling", "Brigade"),
        ("The raids, which were carried out by Ostrovan fighter jets, hit a depot.",
         "raids", "Ostrovan fighter jets"),
        ("Masked gunmen reportedly opened fire on a bus.", "opened fire",
         "Masked gunmen"),
    ],
)  # fmt: skip
def test_the_doer_is_read_from_the_wording(sentence, cue, doer):
    at = sentence.index(cue)
    assert newactors.doer_phrases(sentence, at, at + len(cue)) == [doer]


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Two civilians were killed in shelling on the village.", "shelling"),
        ("On Monday shelling hit the market.", "shelling"),
        ("The shelling of the market was heavy.", "shelling"),
    ],
)
def test_no_doer_where_the_wording_names_none(sentence, cue):  # guard
    at = sentence.index(cue)
    assert newactors.doer_phrases(sentence, at, at + len(cue)) == []


@pytest.mark.parametrize(
    ("speaker", "content", "expected"),
    [
        ("The Free Kandaran Brigade", "it shelled", "Free Kandaran Brigade"),
        ("the Ostrovan army", "they had struck", "Ostrovan army"),
        ("a war monitor", "it struck", ""),  # a monitor reports, it did nothing
        ("The Free Kandaran Brigade", "rebels shelled", ""),
    ],
)
def test_a_party_that_says_it_did_it_is_the_doer(speaker, content, expected):
    assert newactors.speaker_phrase(speaker, content + " ") == expected


@pytest.mark.django_db
def test_an_unknown_group_is_proposed_as_a_new_actor(actors_and_gazetteer):
    (event,) = _events(
        "Unknown persons threw a hand grenade at a checkpoint in Saraqib on Sunday, "
        "wounding three, a local source said."
    )
    assert _new(event) == [("Unknown persons", "initiator")]
    assert not [a for a in event.actors if a.role == "initiator"]
    assert "not in the actor list" in event.rule


@pytest.mark.django_db
def test_a_speaker_outside_the_list_who_says_it_struck_is_the_doer(
    actors_and_gazetteer,
):
    (event,) = _events(
        "The Free Kandaran Brigade said it shelled positions in Saraqib on Sunday."
    )
    assert _new(event) == [("Free Kandaran Brigade", "initiator")]


@pytest.mark.django_db
def test_a_known_doer_gets_no_new_name(actors_and_gazetteer):  # guard
    (event,) = _events("Russian warplanes struck Saraqib on Sunday, killing two.")
    assert event.new_actors == []
    assert any(a.role == "initiator" for a in event.actors)


@pytest.mark.django_db
def test_the_lead_s_new_doer_is_carried_to_the_detail(actors_and_gazetteer):
    first, second = _events(
        "Airstrikes carried out by Ostrovan fighter jets hit Saraqib on Sunday. "
        "The airstrikes also targeted a depot in Maarat al-Numan."
    )
    assert _new(first) == [("Ostrovan fighter jets", "initiator")]
    assert _new(second) == [("Ostrovan fighter jets", "initiator")]


@pytest.mark.django_db
def test_a_retake_takes_the_side_the_sentence_before_fought(actors_and_gazetteer):
    events = _events(
        "The Syrian army on Sunday shelled Islamic State positions near Saraqib. "
        "The government troops regained control over the village of Maarat "
        "al-Numan."
    )
    retake = next(e for e in events if e.event_type == "government-regains-territory")
    assert {(a.name, a.role) for a in retake.actors} >= {
        ("Syrian government forces", "initiator"),
        ("Islamic State", "target"),
    }


@pytest.mark.django_db
def test_they_is_the_party_the_sentence_before_named(actors_and_gazetteer):
    (event,) = _events(
        "Loyalist forces have closed in on towns held by rebels in northern Hama. "
        "On Sunday, they captured the town of Kafr Zita."
    )
    assert event.event_type == "government-regains-territory"
    assert ("Syrian government forces", "initiator") in {
        (a.name, a.role) for a in event.actors
    }


@pytest.mark.django_db
def test_they_after_rebels_stays_a_capture(actors_and_gazetteer):
    (event,) = _events(
        "Rebels have pushed into the countryside of Hama in recent days. On Sunday, "
        "they captured the town of Kafr Zita."
    )
    assert event.event_type == "non-state-actor-overtakes-territory"
    assert ("Syrian armed opposition", "initiator") in {
        (a.name, a.role) for a in event.actors
    }
