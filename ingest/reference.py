"""A town named to locate an event, rather than the region that holds it.

"killed by a blast in an area of cattle pasture southwest of Maskana town in Aleppo
governorate", "shelled villages north of X in Idlib province": the text names no
target the gazetteer places, only a town it lies near and the governorate around
both. The town after "southwest of" or "near" is read as a reference, never the
event's place (targets.is_reference, locators.locates), so the event fell to the
governorate. The labelling guide places it at the town: relative positions use the
named place, and an unnamed place near a town is region-level at that town (ACLED's
geo-precision 2). So when a clause's event places are only regions, each holding the
reference town, the town is the place, marked as near it (precision 2). A named
target with or without a point (the village "X, near Y") keeps the event, as before.
"""

import dataclasses

from ingest.mention import PlaceMention

NEAR = 2  # ACLED geo-precision: near the named place


def instead_of_regions(
    where: list[PlaceMention], references: list[PlaceMention]
) -> list[PlaceMention]:
    """``where`` with its regions replaced by the one reference town they all hold."""
    if not where or not references or not all(p.is_region for p in where):
        return where
    towns = [
        r
        for r in references
        if not r.is_region
        and r.lat is not None
        and r.origin not in {"abroad", "unresolved"}
        and all(region.contains(r) for region in where)
    ]
    if len({t.key for t in towns}) != 1:
        return where  # none, or two towns: which one the event is near is unsaid
    town = towns[0]
    return [
        dataclasses.replace(
            town,
            precision=max(town.precision or NEAR, NEAR),
            note=(town.note + "; " if town.note else "")
            + "near this town: the text names it to say where the event was",
        )
    ]
