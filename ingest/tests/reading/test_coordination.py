"""Coordinated clauses, each with its own cue, are read apart (issue 13, F series:
one sentence, two incidents, each proposed at the other's places too)."""

from ingest.kinds import rules
from ingest.reading import clauses, coordination


def _pieces(content: str) -> list[str]:
    parts = coordination.split(
        clauses.split(content), lambda piece: bool(rules.classify(piece, []))
    )
    assert all(content[o : o + len(p)] == p for o, p in parts)  # offsets hold
    return [p for _, p in parts]


def test_two_incidents_joined_by_and_are_two_clauses():
    content = (
        "Also, on Wednesday, a Turkish drone targeted a village near Ain Issa, and "
        "Turkish forces shelled the Ain Dewar village near the northeast Syrian town "
        "of Derik (al-Malikiyah)."
    )
    assert _pieces(content) == [
        "Also, on Wednesday, a Turkish drone targeted a village near Ain Issa",
        "Turkish forces shelled the Ain Dewar village near the northeast Syrian town "
        "of Derik (al-Malikiyah).",
    ]


def test_a_list_of_places_and_a_clause_without_a_cue_stay_whole():
    listed = "Warplanes struck Kafr Nabl, Hass, and Maarat Harma on Monday."
    assert _pieces(listed) == [listed]
    toll = "Shelling hit the market in Ariha, and residents said the town was quiet."
    assert _pieces(toll) == [toll]
