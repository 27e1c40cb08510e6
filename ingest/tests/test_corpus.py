"""The labelled corpus of bench/corpus/ingest (issue 13) is well formed: every report the
index lists loads, and its labels use the guide's vocabulary, real dates, coordinates from
a named source (or a stated reason for none) and evidence quoted from its own text."""

import datetime as dt
import importlib
import math
import re

import pytest

from bench import ingestbench

INDEX = ingestbench.corpus_index()
TAXONOMY = importlib.import_module("events.migrations.0002_seed_event_types").TAXONOMY
SLUGS = {sub for _, _, _, children in TAXONOMY for sub, _, _ in children}
PRECISIONS = {"day", "week", "month", "year"}
ROLES = {"actor1", "actor2", "target", "associated"}
STANCES = {"reports", "claims", "confirms", "denies"}
LEVELS = {"point", "region", "country"}
REQUIRED = {"id", "url", "publisher", "published_at", "title", "text", "attribution"}
REQUIRED_EVENT = {"type", "place", "date_start", "date_precision", "actors", "stances"}
REQUIRED_PLACE = {"name", "canonical", "lat", "lon", "coord_source", "level", "admin1"}
# Series labelled under the guide's part C rules (verbatim evidence, a reason for every
# place without a point); each was split by its id's parity before it was labelled.
STRICT_SERIES = (
    "AC",
    "AB",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "Z",
    "AA",
    "AD",
    "AE",
    "AF",
    "AH",
    "AG",
    "AI",
    "AJ",
    "AK",
    "AL",
)


def _ids(rows):
    return [r["id"] for r in rows]


def test_the_index_and_the_article_files_match_one_to_one():
    files = {p.stem for p in (ingestbench.CORPUS / "articles").glob("*.json")}
    assert sorted(files) == sorted(_ids(INDEX))
    assert len(set(_ids(INDEX))) == len(INDEX)


@pytest.mark.parametrize("row", INDEX, ids=_ids(INDEX))
def test_a_report_loads_and_agrees_with_its_index_row(row):
    article = ingestbench.load_article(row["id"])
    assert set(article) >= REQUIRED, REQUIRED - set(article)
    assert article["id"] == row["id"]
    assert row["split"] in {"dev", "heldout"}
    assert int(row["n_events"]) == len(article["events"])
    assert article["published_at"].startswith(row["published_date"])
    assert row["year"] == row["published_date"][:4]
    assert row["url"] in article["attribution"]
    ingestbench.published_at(article)  # the bench can read the publication date


@pytest.mark.parametrize("row", INDEX, ids=_ids(INDEX))
def test_a_reports_events_use_the_guides_vocabulary(row):
    article = ingestbench.load_article(row["id"])
    for event in article["events"]:
        assert set(event) >= REQUIRED_EVENT, REQUIRED_EVENT - set(event)
        assert event.get("evidence"), event
        assert event["type"] in SLUGS, event["type"]
        assert event["date_precision"] in PRECISIONS
        start = dt.date.fromisoformat(event["date_start"])
        if event.get("date_end"):
            assert dt.date.fromisoformat(event["date_end"]) >= start
        assert {a["role"] for a in event["actors"]} <= ROLES
        assert {s["stance"] for s in event["stances"]} <= STANCES
        assert all(s.get("speaker") for s in event["stances"])
        assert _quoted(
            event["evidence"],
            article["text"],
            strict=ingestbench.series_of(row["id"]) in STRICT_SERIES,
        )


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _quoted(evidence: str, text: str, *, strict: bool) -> bool:
    """The evidence is quoted from the text: every part between "[...]" (the C series,
    whose guide asks for verbatim parts), else at least one part's opening words (the
    A and B series shorten with "..." and join captions)."""
    parts = [_flat(p).strip(" .…") for p in re.split(r"\[\.\.\.\]|\.\.\.|…", evidence)]
    parts = [p for p in parts if p]
    text = _flat(text)
    if strict:
        return all(p in text for p in parts)
    return any(p[:25] in text for p in parts)


def _places(article):
    yield from (e["place"] for e in article["events"])
    yield from article.get("places_named", [])


@pytest.mark.parametrize("row", INDEX, ids=_ids(INDEX))
def test_a_reports_places_have_a_sourced_point_or_none(row):
    article = ingestbench.load_article(row["id"])
    for place in _places(article):
        assert set(place) >= REQUIRED_PLACE, REQUIRED_PLACE - set(place)
        assert place["level"] in LEVELS, place
        lat, lon = place.get("lat"), place.get("lon")
        assert (lat is None) == (lon is None), place
        if lat is None:
            continue
        assert -90 <= lat <= 90, place
        assert -180 <= lon <= 180, place
        assert not (math.isclose(lat, 0) and math.isclose(lon, 0)), place
        assert place.get("coord_source"), f"{place['name']}: a point needs its source"


C_SERIES = [r for r in INDEX if r["id"].startswith(STRICT_SERIES)]


@pytest.mark.parametrize("row", C_SERIES, ids=_ids(C_SERIES))
def test_a_c_series_report_says_why_a_place_has_no_point(row):
    # The C and F series (LABELLING_GUIDE: "Unresolvable places") state the reason every
    # time.
    article = ingestbench.load_article(row["id"])
    for place in _places(article):
        if place.get("lat") is None:
            assert (place.get("coord_source") or "").startswith("unresolved: "), place
        assert place["name"] in article["text"], place["name"]
