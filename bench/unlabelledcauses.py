"""Wrong points no labelled place is spelt like, by what the name is, per split.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/unlabelledcauses.py --split dev [--list]
       [--series A B] [--only ID ...]
       DJANGO_DEBUG=1 .venv/bin/python bench/unlabelledcauses.py --split heldout

Runs the extractor as bench/ingestbench.py does and takes every resolved place mention
the scorer counts wrong with "no labelled place spelt so" (issue 13/14, helper
ingwrong5). The labels list every real place a report names (LABELLING_GUIDE: origins
and background too), so such a point is either no place, or a place the labels lack.
Each is put under one kind, read from the sentence it was found in:
- "not a place: month, weekday or people's word": a month, a weekday, a demonym;
- "not a place: a state or side by its name": "Kyiv's forces", "Syria said";
- "a seat: the place owns the speaker": "Gaza's health ministry said";
- "not a place: a person's name": a title or given name before it, "bin"/"ibn" or a
  capitalised surname after it, or the name the person spoke ("X said");
- "not a place: opens the sentence": the sentence's first word (a capital that says
  nothing about names);
- "not a place: a word the report writes in lower case": the same word in lower case
  elsewhere in the report;
- "not a place: inside a longer name": a capitalised word joins it before or after;
- "namesake abroad": a point outside the countries the report's labels hold;
- "place cue, unlabelled": "in/near/from X", "the town of X": a place the labels lack,
  or the labelled place under another spelling (a label gap to check by hand);
- "other": none of these.
Held-out prints the counts only (no ids, names or sentences); --list prints dev cases.
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import agreement  # noqa: E402
import ingestbench as ib  # noqa: E402

_TITLE = re.compile(
    r"\b(?:mr|mrs|ms|dr|president|minister|general|gen|colonel|col|sheikh|shaykh|"
    r"imam|leader|commander|spokes(?:man|woman|person)|envoy|chief|mayor|governor|"
    r"king|prince|emir|sultan|brother|son|father|journalist|activist|named)\.?\s+$",
    re.I,
)
_JOINED_AFTER = re.compile(r"^\s+(?:bin|ibn|bint|ben|abu)\b", re.I)
_SAID_AFTER = re.compile(r"^,?\s+(?:said|says|told|added|stated|explained)\b", re.I)
_CAPITAL_AFTER = re.compile(r"^\s+(?:(?:al|el)-)?[A-Z][a-z]")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'’-]+\s+$")
_PLACE_CUE = re.compile(
    r"(?:\b(?:in|near|at|from|to|into|outside|around|toward|towards|of)\s+(?:the\s+)?"
    r"|\b(?:village|town|city|area|district|camp|province|region)s?\s+(?:of\s+)?)$",
    re.I,
)


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _sentence_of(mention, texts: list[str]) -> str:
    for text in texts:
        if text[mention.start : mention.end] == mention.text:
            return text
    return ""


def kind(mention, texts: list[str], article_text: str, countries: set[str]) -> str:
    """What a point no label is spelt like is, read from its sentence."""
    from ingest.reading import words
    from ingest.where import seats, sidenames
    from places.geocoding import normalize

    sentence = _sentence_of(mention, texts)
    before = sentence[: mention.start]
    after = sentence[mention.end :]
    word = mention.text.strip()
    low = word.lower()
    if low in words.NOT_NAMES or low in words.DEMONYMS or low in words.NATIONALITIES:
        return "not a place: month, weekday or people's word"
    if sidenames._names_side(sentence, mention.start, mention.end):
        return "not a place: a state or side by its name"
    if seats._OWNS.match(sentence, mention.end):
        return "a seat: the place owns the speaker"
    if (
        _TITLE.search(before)
        or _JOINED_AFTER.match(after)
        or _SAID_AFTER.match(after)
        or normalize.name_key((before.split() or [""])[-1]) in words.GIVEN_NAMES
    ):
        return "not a place: a person's name"
    if not before.strip(" \"'“‘(-—"):
        return "not a place: opens the sentence"
    if " " not in word and re.search(
        rf"(?<![\w-]){re.escape(low)}(?![\w-])", article_text
    ):
        return "not a place: a word the report writes in lower case"
    if _CAPITAL_AFTER.match(after) or (
        _CAPITAL_BEFORE.search(before) and not _PLACE_CUE.search(before)
    ):
        return "not a place: inside a longer name"
    if (
        countries
        and mention.country_code
        and mention.country_code.upper() not in countries
    ):
        return "namesake abroad"
    if _PLACE_CUE.search(before):
        return "place cue, unlabelled"
    return "other"


def cases(article: dict, proposal):
    """(mention, kind) of each wrong point no label is spelt like."""
    labels = article.get("places_named", [])
    countries = {
        (p.get("country") or "").upper() for p in labels if p.get("country")
    } or {"SY"}
    for mention in proposal.places:
        if mention.lat is None or agreement.point_right(mention, labels):
            continue
        if agreement.spelt_like(mention.text, labels):
            continue
        yield mention, kind(mention, proposal.texts, article["text"], countries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--list", action="store_true", help="dev: print every case")
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--only", nargs="*", default=[])
    args = parser.parse_args()
    show = args.list and args.split == "dev"
    ib.setup_database()
    from ingest import propose

    counts: Counter = Counter()
    resolved = 0
    index = ib.corpus_index()
    for article_id in ib.select_ids(
        index, args.split, only=args.only, series=args.series
    ):
        article = ib.load_article(article_id)
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ib.published_at(article)
        )
        resolved += sum(m.lat is not None for m in proposal.places)
        for mention, why in cases(article, proposal):
            counts[why] += 1
            if show:
                say(
                    f"  {article_id[:24]:24} {why:50} “{mention.text}” -> "
                    f"{mention.name} ({mention.admin1}, {mention.country_code}; "
                    f"{mention.feature_type}, {mention.match or '-'}, pop "
                    f"{mention.population}, {mention.origin})"
                )
    say(f"{args.split}: resolved {resolved}, no labelled place spelt so "
        f"{sum(counts.values())}")  # fmt: skip
    for why, n in counts.most_common():
        say(f"  {n:4}  {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
