"""A doer the event's own sentence names, though the actor list lacks it, is not
replaced by the one of the sentences before (issue 13; "shot dead by Israeli forces in
Yatta", then "died after being shot by a settler in Ras Karkar", read in an unseen
wire story); "an attack claimed by X" names X as the doer."""

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
