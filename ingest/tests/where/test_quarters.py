"""Issue 13 (ingprec3): a proposal at a town's quarter with no point ("the city's X
neighbourhood") folds into the same-day proposal of its family placed at the town; a
list of villages stays one proposal per place. Made-up sentences, proposals built as
the extractor builds them when grouping keeps the two apart (no database).
"""

import datetime as dt

from ingest.proposal import ProposedEvent, ProposedStatement
from ingest.where import quarters
from ingest.where.mention import PlaceMention

DAY = dt.date(2024, 3, 7)
TEXTS = [
    "Rebel shelling killed four people in Saraqib on Thursday, activists said.",
    "Thursday's shelling, which targeted the city's Bab Zalfa neighbourhood, came "
    "after a truce collapsed, a resident said.",
    "Rebels also shelled the villages of Kafr Zalfa and Tell Bab Zulfa on Thursday.",
]


def _place(text: str, sentence: str, *, lat: float | None) -> PlaceMention:
    start = sentence.index(text)
    return PlaceMention(
        text=text, start=start, end=start + len(text), name=text, admin1="Idlib",
        feature_type="city" if lat else "village", country_code="SY", lat=lat,
        lon=36.8 if lat else None, precision=1 if lat else None, confidence=None,
        place_id=None, origin="gazetteer" if lat else "unresolved",
    )  # fmt: skip


def _event(place: PlaceMention, sentence: int, speaker: str) -> ProposedEvent:
    return ProposedEvent(
        key=f"e{sentence}{place.text}", title="", event_type="shelling-artillery-"
        "missile-attack", date_start=DAY, date_end=None, date_precision="day",
        date_note="", place=place, places_mentioned=[place], actors=[],
        statements=[ProposedStatement("reports", speaker, "", sentence)],
        sentences=[sentence],
    )  # fmt: skip


def _family(slug: str) -> str:
    return "explosions-remote-violence"


def test_a_quarter_of_the_town_folds_into_the_towns_proposal():
    town = _event(_place("Saraqib", TEXTS[0], lat=35.86), 0, "activists")
    quarter = _event(_place("Bab Zalfa", TEXTS[1], lat=None), 1, "a resident")
    kept = quarters.fold_quarters([town, quarter], TEXTS, _family)
    assert kept == [town]
    assert town.sentences == [0, 1]
    assert {s.speaker for s in town.statements} == {"activists", "a resident"}


def test_listed_villages_without_points_stay_apart():
    town = _event(_place("Saraqib", TEXTS[0], lat=35.86), 0, "activists")
    listed = [
        _event(_place(name, TEXTS[2], lat=None), 2, "")
        for name in ("Kafr Zalfa", "Tell Bab Zulfa")
    ]
    assert quarters.fold_quarters([town, *listed], TEXTS, _family) == [town, *listed]
