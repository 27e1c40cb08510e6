"""Precision on real reporting (issue 13, helper "ingprec"): offsets of a leading
"According to X," statement, one incident told twice, background sentences. The
sentences are made up; each follows a shape seen in the development reports."""

import pytest

from ingest import propose, speakers
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _events(text: str) -> list[tuple[str, str]]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [(e.event_type, e.place.name if e.place else "") for e in proposal.events]


def test_a_leading_according_to_starts_the_content_after_the_speaker():
    sentence = "According to the Red Crescent, 12 people were displaced from Idlib."
    statement = speakers.attribute(sentence)
    start = statement.content_start
    assert sentence[start : start + len(statement.content)] == statement.content
    assert statement.content.startswith("12 people")


def test_a_trailing_according_to_keeps_the_content_at_the_start():
    sentence = "Two men were killed in Idlib, according to the Red Crescent."
    assert speakers.attribute(sentence).content_start == 0


def test_a_count_over_months_after_according_to_is_no_event():
    # The period ("over the past eight months") was checked at the wrong offsets.
    text = (
        "According to the Red Crescent, more than 9,000 people have been displaced "
        "from Maarat al-Numan over the past eight months."
    )
    assert _events(text) == []
