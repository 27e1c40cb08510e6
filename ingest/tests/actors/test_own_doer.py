"""A doer the event's own sentence names, though the actor list lacks it, is not
replaced by the one of the sentences before (issue 13; "shot dead by Israeli forces in
Yatta", then "died after being shot by a settler in Ras Karkar", read in an unseen
wire story); "an attack claimed by X", or X claiming it in its own sentence, names X as the doer."""

import datetime as dt

import pytest

from ingest import propose

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def test_a_doer_named_in_the_sentence_is_not_replaced_by_the_one_before():
    proposal = propose.article_propose(
        text_raw=(
            "Later Monday, the health ministry said a man was shot dead by Israeli "
            "forces in Yatta city near Hebron.\n\nThe ministry also confirmed on "
            "Monday that another man died after being shot by a settler in Ras "
            "Karkar, northwest of Ramallah."
        ),
        published_at=dt.datetime(2023, 10, 31, tzinfo=dt.UTC),
    )
    second = proposal.events[-1]
    assert second.place.text == "Ras Karkar"
    assert [a.name for a in second.new_actors] == ["settler"]
    assert not [a for a in second.actors if a.role == "initiator"]


def test_the_group_that_claimed_the_attack_did_it():
    proposal = propose.article_propose(
        text_raw=(
            "A suicide car bomb killed at least eight people at a checkpoint in "
            "Damascus on Saturday, in an attack claimed by the al-Qaeda-linked "
            "Hayat Tahrir al-Sham group."
        ),
        published_at=dt.datetime(2021, 9, 25, tzinfo=dt.UTC),
    )
    roles = {(a.name, a.role) for e in proposal.events for a in e.actors}
    assert ("Hayat Tahrir al-Sham", "initiator") in roles


@pytest.mark.parametrize(
    "claim",
    [
        "Hayat Tahrir al-Sham claimed responsibility for the attack.",
        "Hayat Tahrir al-Sham said it was behind the attack.",
    ],
)
def test_the_party_that_claims_the_attack_in_its_own_sentence_did_it(claim):
    proposal = propose.article_propose(
        text_raw=(
            "A suicide car bomb killed at least eight people at a checkpoint in "
            f"Damascus on Saturday. {claim}"
        ),
        published_at=dt.datetime(2021, 9, 25, tzinfo=dt.UTC),
    )
    (event,) = proposal.events
    assert ("Hayat Tahrir al-Sham", "initiator") in {
        (a.name, a.role) for a in event.actors
    }


def test_a_claim_does_not_replace_a_doer_the_lead_names():  # guard
    proposal = propose.article_propose(
        text_raw=(
            "Russian warplanes struck a market in Idlib on Saturday, killing eight. "
            "Hayat Tahrir al-Sham claimed responsibility for a separate attack."
        ),
        published_at=dt.datetime(2021, 9, 25, tzinfo=dt.UTC),
    )
    doers = {a.name for e in proposal.events for a in e.actors if a.role == "initiator"}
    assert "Russian armed forces" in doers
