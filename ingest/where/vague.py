"""A proposal placed only at a country or a part of one, when the story names finer
places, is left unticked (issue 13, ingprec3).

"Two people were killed in an ambush in remote northeast Nigeria …. The attack
happened near the town of Gwoza": the lead names only a region, a later sentence the
place (labelling guide, series I: one event, at the named place). A proposal whose
only place is a country or a direction of one ("southern Lebanon", "Turkey", "the
country" of a dateline) has no point for the map and is that lead, a tally ("more
than 10 people have been killed in Lebanon since …") or background; while another
proposal of the story names a finer place, the editor gets it unticked, as restated
background is, with the reason.
"""

from ingest.proposal import ProposedEvent
from ingest.where.mention import PlaceMention

# Places the gazetteer answered with a country, or a direction of one, and no point.
_WIDE = frozenset({"country", "area"})
_DERIVED = frozenset({"region", "abroad"})
NOTE = (
    "; names only a country or a part of one while the story names finer places: "
    "probably its lead, a tally or background, left unticked"
)


def is_vague(place: PlaceMention | None) -> bool:
    """A country or a direction of one ("northern Syria"), with no point."""
    return (
        place is not None
        and place.lat is None
        and place.feature_type in _WIDE
        and place.origin in _DERIVED
    )


def untick_vague(events: list[ProposedEvent]) -> None:
    """Flag each proposal placed only at a country or a part of one as background when
    another proposal of the story names a finer place (with or without a point)."""
    ticked = [e for e in events if not e.background]
    if not any(e.place is not None and not is_vague(e.place) for e in ticked):
        return
    for event in ticked:
        if is_vague(event.place):
            event.background = True
            event.rule += NOTE
