"""Displacement told beside violence in another clause of its sentence is part of that
violence, no event of its own (ingest/kinds/displacedby.py, helper ingtype4; the guide's part
C). The sentences are made up, after shapes of the development reports
(bench/kindcauses.py)."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]


def _types(text: str) -> list[str]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [e.event_type for e in proposal.events]


@pytest.mark.parametrize(
    "text",
    [
        "The men who were killed in Ariha on Thursday were displaced farmers who "
        "fled their homes in Saraqib a week ago.",
        "Soldiers entered Ariha on Thursday and started shooting as residents fled, "
        "witnesses said.",
        "Dozens of militants were killed in Ariha on Thursday, while the rest fled "
        "towards Saraqib, a military source said.",
    ],
)
def test_a_flight_told_beside_violence_is_no_displacement(text):
    assert "displacement" not in _types(text)


def test_people_leaving_with_no_violence_told_are_still_displaced():
    text = "Hundreds of families fled their homes in Ariha on Thursday, residents said."
    assert _types(text) == ["displacement"]
