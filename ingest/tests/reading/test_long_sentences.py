"""Hostile shapes of text: a sentence of thousands of characters (a pasted list, text
without full stops) is read in bounded pieces, and no rule recurses once per name."""

import datetime as dt

import pytest

from ingest import propose
from ingest.reading import text
from ingest.where import origins
from ingest.where.mention import PlaceMention

PUBLISHED_AT = dt.datetime(2020, 3, 5, 12, tzinfo=dt.UTC)


def test_a_long_run_without_full_stops_is_cut_at_clause_boundaries():
    clause = "forces shelled the villages east of the town, and residents fled; "
    run = (clause * 120).strip()  # ~7,900 characters, no full stop
    pieces = text._pieces(run)
    assert len(pieces) > 3
    assert all(len(p) <= text.MAX_SENTENCE for p in pieces)
    assert " ".join(pieces).split() == run.split()  # nothing lost, nothing added
    assert all(p.endswith((";", ",")) for p in pieces[:-1])  # cut between clauses


def test_sentences_of_ordinary_length_are_not_cut():
    sentence = "Rebels shelled Sarmin, then advanced towards Ariha on Monday."
    assert text._pieces(sentence) == [sentence]
    paragraphs = text.article_sentences(f"{sentence} {'Word ' * 300}end.")
    assert [s.text for s in paragraphs][0] == sentence


def test_a_word_longer_than_the_limit_is_cut_hard():
    word = "x" * (text.MAX_SENTENCE * 2 + 10)
    pieces = text._pieces(word)
    assert [len(p) for p in pieces] == [text.MAX_SENTENCE, text.MAX_SENTENCE, 10]


def _mentions(sentence: str, name: str) -> list[PlaceMention]:
    found, at = [], sentence.find(name)
    while at >= 0:
        found.append(
            PlaceMention(
                name,
                at,
                at + len(name),
                name,
                "Idlib",
                "city",
                "SY",
                35.8,
                36.6,
                1,
                1.0,
                None,
                "gazetteer",
            )  # fmt: skip
        )
        at = sentence.find(name, at + len(name))
    return found


def test_an_origin_list_of_thousands_of_names_does_not_overflow_the_stack():
    sentence = "Forces based in " + ", ".join(["Ariha"] * 3000) + " shelled Sarmin."
    places = _mentions(sentence, "Ariha") + _mentions(sentence, "Sarmin")
    assert origins.fired_from(sentence, places[2999], places) is True
    assert origins.fired_from(sentence, places[-1], places) is False


@pytest.mark.django_db
def test_a_pasted_list_of_a_thousand_names_gives_proposals_not_an_error():
    names = ", ".join(f"Qaryat{i}" for i in range(1500))
    raw = f"Shelling hit the villages of {names} and Idlib on Monday."
    proposal = propose.article_propose(text_raw=raw, published_at=PUBLISHED_AT)
    assert isinstance(proposal.events, list)
