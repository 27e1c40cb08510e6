"""The seed article's kind of text read alone, without the database: sentences split (not
inside quotes, after titles or on long runs of abbreviations), boilerplate dropped, dates
resolved against the publication day, statements attributed. Split from
ingest/tests/test_seed_article.py."""

import datetime as dt

import pytest

from ingest.reading import text
from ingest.statements import speakers
from ingest.tests.test_seed_article import ARTICLE, PUBLISHED_AT
from ingest.when import dates


# ------------------------------------------------------------------ text and dates
def test_sentences_do_not_split_inside_quotes_or_after_titles():
    paragraph = (
        '"These forces are present. They intervene now," said Capt. Naji Mustafa, '
        "a spokesman. Fighting went on... after dark. Next sentence."
    )
    assert text.split_sentences(paragraph) == [
        '"These forces are present. They intervene now," said Capt. Naji Mustafa, '
        "a spokesman.",
        "Fighting went on... after dark.",
        "Next sentence.",
    ]


def test_boilerplate_lines_are_dropped():
    sentences = text.article_sentences(ARTICLE)
    assert sentences[0].text.startswith("Opposition commanders are saying")
    assert not any("Share on Facebook" in s.text for s in sentences)
    assert not any(s.text.startswith("Published") for s in sentences)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("yesterday", (dt.date(2019, 7, 18), None, "day")),
        ("last week", (dt.date(2019, 7, 8), dt.date(2019, 7, 14), "week")),
        ("April 26", (dt.date(2019, 4, 26), None, "day")),
        ("May 2017", (dt.date(2017, 5, 1), None, "month")),
        ("3 June 2019", (dt.date(2019, 6, 3), None, "day")),
        ("in 2018", (dt.date(2018, 1, 1), None, "year")),
    ],
)
def test_dates_resolve_against_the_publication_day(phrase, expected):
    found = dates.find_dates(
        f"It happened {phrase}, they said.", published_at=PUBLISHED_AT
    )
    assert [(d.date_start, d.date_end, d.precision) for d in found] == [expected]


def test_starting_april_26_is_found_in_a_sentence():
    sentence = "The regime intensified its attacks starting April 26 in Idlib."
    found = dates.find_dates(sentence, published_at=PUBLISHED_AT)
    assert [(d.text, d.date_start) for d in found] == [
        ("April 26", dt.date(2019, 4, 26))
    ]


def test_words_that_are_not_dates_are_ignored():
    sentence = "They may go now; almost three months have passed with 200 sorties."
    assert dates.find_dates(sentence, published_at=PUBLISHED_AT) == []


def test_impossible_date_is_ignored():
    assert dates.find_dates("on 31 April 2019", published_at=PUBLISHED_AT) == []


# ------------------------------------------------------------------ statements
def test_quote_with_speaker_after_is_a_claim():
    statement = speakers.attribute(
        '"These special Russian forces are now present on the battlefield," said '
        "Capt. Naji Mustafa, spokesman for the National Liberation Front."
    )
    assert statement.stance == "claims"
    assert statement.speaker.startswith("Capt. Naji Mustafa, spokesman")
    assert statement.quote.startswith("These special Russian forces")


def test_pronoun_speaker_takes_the_previous_speaker():
    statement = speakers.attribute(
        '"We bombed it," he added.', previous_speaker="Capt. X"
    )
    assert (statement.stance, statement.speaker) == ("claims", "Capt. X")


def test_denied_is_a_denial_and_keeps_the_speaker():
    statement = speakers.attribute(
        "Meanwhile, the Russian military yesterday denied claims that there are "
        "active Russian ground forces in the country."
    )
    assert statement.stance == "denies"
    assert statement.speaker == "the Russian military"


def test_negated_quote_carried_by_a_news_agency_is_a_denial_via_it():
    statement = speakers.attribute(
        '"There have been no Russian ground forces in Syria," the Russian Defense '
        "Ministry said in a statement carried by state news agency TASS."
    )
    assert statement.stance == "denies"
    assert statement.speaker == "the Russian Defense Ministry (via TASS)"


def test_confirmed_is_a_confirmation():
    statement = speakers.attribute("The ministry confirmed that the base was hit.")
    assert statement.stance == "confirms"


def test_news_agency_report_is_a_report():
    statement = speakers.attribute("Three people were killed, Reuters reported.")
    assert (statement.stance, statement.speaker) == ("reports", "Reuters")


def test_unattributed_sentence_is_the_article_reporting():
    statement = speakers.attribute("The hilltops were regained from the opposition.")
    assert (statement.stance, statement.speaker) == ("reports", "")


class _CountingText(str):
    """A paragraph that counts the characters the splitter slices out of it."""

    sliced = 0

    def __getitem__(self, key):
        part = str.__getitem__(self, key)
        type(self).sliced += len(part)
        return part


@pytest.mark.parametrize("runs", [4_000, 16_000])
def test_sentence_splitting_stays_linear_on_long_runs_of_abbreviations(runs):
    # Work, not time (a clock flakes under load): the splitter used to re-count the
    # quotes from the sentence's start at every boundary, ~n²/2 characters (~30 s at
    # 16,000); each boundary may now look back a bounded tail.
    paragraph = _CountingText("Capt. " * runs)
    _CountingText.sliced = 0
    assert len(text.split_sentences(paragraph)) == 1
    assert _CountingText.sliced <= 60 * runs + len(paragraph)


def test_closing_quote_stays_with_its_sentence():
    assert text.split_sentences('He said "go." Then he left.') == [
        'He said "go."',
        "Then he left.",
    ]
