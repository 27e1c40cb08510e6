"""Distance doubts weighed against the text (issues 13 and 14, helper ingdoubts): a
name the text calls a village or town, found under exactly that name, keeps its point
however far from the story's other places; the same name without that cue, or beside
another place of its own sentence, is still doubted. Synthetic sentences; Jisa is the
gazetteer's village in Hasakah, 400 km from the Idlib towns."""

import pytest

from ingest import propose
from ingest.tests.articles import FRIDAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]

IDLIB_TWO = (
    "Regime forces shelled Saraqib and Maarat al-Numan on Monday, killing three."
)
IDLIB_ONE = "Regime forces shelled Saraqib on Monday, killing three civilians."


def _points(text: str) -> dict[str, bool]:
    """Each place mention's text -> whether it has a point."""
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return {m.text: m.lat is not None for m in proposal.places}


@pytest.mark.parametrize("lead", [IDLIB_TWO, IDLIB_ONE])  # targets / names.unsure
def test_a_far_village_the_text_calls_a_village_keeps_its_point(lead):
    text = f"{lead} A Turkish drone struck the village of Jisa on Monday."
    assert _points(text)["Jisa"] is True  # before: doubted, no point


@pytest.mark.parametrize(
    "sentence",
    [
        "A Turkish drone struck Jisa on Monday.",  # no settlement cue
        # its own sentence places it elsewhere: the far Jisa is not the one meant
        "The army killed two gunmen in the town of Jisa in the eastern outskirts "
        "of Daraa on Monday.",
    ],
)
def test_a_far_name_without_the_cue_or_placed_elsewhere_is_still_doubted(sentence):
    assert _points(f"{IDLIB_TWO} {sentence}")["Jisa"] is False
