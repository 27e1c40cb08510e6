"""A lead that counts what was taken "in northern Syria" and the villages named next
are one set of events, not one more at a part of the country (issue 13, dev series
B and F); "came under regime control" reports a capture."""

import pytest

from ingest.incidents import grouping
from ingest.kinds import rules
from ingest.statements import speakers
from ingest.where.mention import PlaceMention

CAPTURE = "non-state-actor-overtakes-territory"


def _place(name: str, kind: str, origin: str, lat: float | None) -> PlaceMention:
    return PlaceMention(
        name, 0, len(name), name, "" if kind == "area" else "Aleppo", kind, "SY",
        lat, None if lat is None else 38.0, None, 0.9, None, origin,
    )  # fmt: skip


def _group(sentence: int, clause: str, place: PlaceMention) -> grouping.Group:
    statement = speakers.attribute(clause, previous_speaker="")
    return grouping.Group(
        grouping.Mention(
            slug=CAPTURE, sentence=sentence, clause=clause, statement=statement,
            actors=[], places=[place], places_inherited=False,
        )
    )  # fmt: skip


def test_a_lead_in_northern_syria_folds_into_the_village_named_next():
    north = _place("Northern Syria", "area", "region", None)
    lead = _group(
        0, "Turkey-backed rebels captured two villages in northern Syria", north
    )
    amarna = _place("Al-Amarna", "village", "gazetteer", 36.8)
    detail = _group(1, "the rebels advanced into the village of al-Amarna", amarna)
    kept = grouping.fold_leads(
        [lead, detail], lambda slug: slug, lambda g: g.explicit_places[0]
    )
    assert [g.explicit_places[0].name for g in kept] == ["Al-Amarna"]


def test_a_lead_abroad_does_not_fold_a_syrian_village():
    north = _place("Northern Syria", "area", "region", None)
    lead = _group(0, "Rebels captured two villages in northern Syria", north)
    far = _place("Sanaa", "city", "abroad", None)
    detail = _group(2, "Fighters captured Sanaa", far)
    kept = grouping.fold_leads(
        [lead, detail], lambda slug: slug, lambda g: g.explicit_places[0]
    )
    assert len(kept) == 2


@pytest.mark.parametrize(
    "clause",
    [
        "The villages of Al-Sakhr and Al-Jaysat in Hama province came under regime "
        "control",
        "The town fell under government control on Monday",
    ],
)
def test_coming_under_government_control_is_a_regain(clause):
    assert [m.slug for m in rules.classify(clause, [])] == [
        "government-regains-territory"
    ]
