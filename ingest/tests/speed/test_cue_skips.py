"""What the third speed pass (bench/README.md, "Ingest CPU time, third pass") must not
change: a cue pattern is skipped only when it cannot match, whatever its words, and
the press's country names are found where they were."""

import re

import pytest

from ingest.kinds import rules, typerules
from ingest.reading import cues, wire

# Clauses of the shapes the rules read, some with a cue and some without.
CLAUSES = [
    "Regime forces recaptured the village of Kafr Nabudah on Monday",
    "Warplanes struck the town, killing two civilians, activists said",
    "Rebels took control of the hill after heavy clashes",
    "A car bomb exploded near the market",
    "The two sides signed a ceasefire agreement in Ankara",
    "Gunmen opened fire on an army checkpoint",
    "Hundreds of families fled their homes",
    "Protesters took to the streets of the city",
    "The council met to discuss the budget",
    "Russian forces were deployed near the base",
    "Security forces arrested three men and found a mass grave, which was uncovered",
    "ſhelling hit the KILLED village",  # beyond ASCII: re.I folds "ſ" to "s"
]


def test_a_pattern_names_the_words_one_of_which_every_match_holds():
    pattern = re.compile(r"\b(?:shelling|rockets?|(?<!car )bomb(?:ed|s))\b", re.I)
    assert cues.required_words(pattern) == ("shelling", "rocket", "bomb")


def test_a_pattern_with_an_alternative_of_no_word_is_always_scanned():
    pattern = re.compile(r"\b(?:raids|[a-z]+ed)\b", re.I)  # "ed": too short
    assert cues.required_words(pattern) is None
    assert cues.may_match(pattern, "nothing here")


def test_a_pattern_object_is_read_for_its_own_words():
    first = re.compile(r"\bshelled\b", re.I)
    assert cues.required_words(first) == ("shelled",)
    second = re.compile(r"\bstormed\b", re.I)
    assert cues.required_words(second) == ("stormed",)


def test_a_text_beyond_ascii_is_always_scanned():
    pattern = re.compile(r"\bshelling\b", re.I)
    text = "ſhelling hit the village"
    assert pattern.search(text)  # re.I reads "ſ" as "s"; str.lower() does not
    assert cues.may_match(pattern, cues.lowered(text))


@pytest.mark.parametrize("clause", CLAUSES)
def test_no_rule_whose_cue_matches_is_skipped(clause):
    lowered = cues.lowered(clause)
    for rule in typerules.TYPE_RULES:
        for pattern in filter(None, (rule.trigger, rule.requires)):
            if pattern.search(clause):
                assert cues.may_match(pattern, lowered), (rule.slug, clause)


def test_classify_answers_as_it_does_with_every_cue_scanned(monkeypatch):
    quick = [rules.classify(clause, []) for clause in CLAUSES]
    monkeypatch.setattr(cues, "may_match", lambda pattern, lowered: True)
    assert [rules.classify(clause, []) for clause in CLAUSES] == quick
    assert sum(map(bool, quick)) >= 9  # the clauses do report events


def test_the_press_names_are_found_as_one_pattern_per_country_found_them():
    each = re.compile(
        "|".join(
            rf"(?P<{code}>\b(?:{names})\b)" for code, names in wire._PRESS_NAMES.items()
        )
    )
    text = (
        "Congolese troops and DR Congo police met Somali, Sudanese and Yemeni "
        "envoys in the West Bank; NonSomali Libyans, Burkinabè and Myanmar's army."
    )
    assert [(m.lastgroup, m.span()) for m in wire._PRESS.finditer(text)] == [
        (m.lastgroup, m.span()) for m in each.finditer(text)
    ]
    assert len(list(wire._PRESS.finditer(text))) == 8
