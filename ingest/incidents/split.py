"""One mention per location and per day (ACLED's one event per location per day), for
the coordinated targets the sentence reader would otherwise keep as one event
(issue 13, helper ingsplit). Towns and villages are split by targets.per_location;
this module adds:

- coordinated regions with no town named: "pounded northern Hama and southern Idlib
  with air strikes", "killed 13 in al-Mahawit province, and 10 more in the nearby Hajja
  province" are one event in each region. Regions that overlap (a district in its
  governorate, "Idlib countryside and Idlib") stay one; so do a region and a town in it
  (per_location's case), and where the fire came from (origins.py) is no target at all;
- coordinated days: "clashes in A on Monday and Tuesday" are one event each day. Only
  a list of separate days ("Monday and Tuesday", "on 3 May and 5 May"); a span
  ("between Monday and Wednesday", "3-5 May") stays one event over its days, and so
  do the types about a front or zone (drafts.REGIONAL_TYPES: people fleeing "on
  Thursday and Friday" are one displacement).

A split mention keeps its sentence, clause, statement (speaker and stance), actors and
roles; only its places or its date differ. drafts.build and twins.fold_twins see them
as separate incidents, since no two share a place and a day.
"""

import dataclasses
import re

from ingest import drafts
from ingest.incidents import grouping
from ingest.when import dates
from ingest.where.mention import PlaceMention
from places.geocoding import normalize

# What may stand between two coordinated regions: "A and B", "A, B and C", "A province,
# and 10 more in the nearby B province" (a toll said again for the second).
_REGION_WORD = r"(?:\s+(?:province|governorate|countryside|region|district|areas?))?"
_REGION_GAP = re.compile(
    rf"{_REGION_WORD}\s*(?:,\s*(?:(?:and|&)\s+)?|(?:and|&|as\s+well\s+as)\s+)"
    r"(?:(?:[\w-]+\s+){0,4}?(?:in|on|across|over)\s+)?(?:the\s+)?"
    r"(?:(?:nearby|neighbou?ring|adjacent)\s+)?",
    re.I,
)
_AND = re.compile(r"\b(?:and|as\s+well\s+as)\b|&", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:of\s+)?$", re.I)
# What may stand between two coordinated days: "Monday and Tuesday", "on Monday and
# on Tuesday", "Monday, Tuesday and Wednesday".
_DAY_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:again\s+)?on\s+)?", re.I)


def _admin(place: PlaceMention) -> str:
    return normalize.name_key(place.admin1 or place.name)


def coordinated_regions(sentence: str, regions: list[PlaceMention]) -> bool:
    """The regions are a list of separate targets: two or more, each in its own
    governorate (none contains another; no country, no part of one such as
    "northwestern Syria"), joined by list words with an "and" ("Idlib, northwestern
    Syria" is one place said twice), not the two ends of a stretch ("between A and B",
    stretches.py)."""
    if len(regions) < 2 or any(
        r.feature_type == "country" or not r.admin1 for r in regions
    ):
        return False
    if len({_admin(r) for r in regions}) < len(regions):
        return False
    ordered = sorted(regions, key=lambda r: r.start)
    if _BETWEEN.search(sentence, 0, ordered[0].start):
        return False
    gaps = [
        sentence[a.end : b.start] for a, b in zip(ordered, ordered[1:], strict=False)
    ]
    return all(_REGION_GAP.fullmatch(g) for g in gaps) and bool(_AND.search(gaps[-1]))


def _single_day(found: dates.DateMention) -> bool:
    return found.precision == "day" and found.date_end is None


def _coordinated(sentence: str, a: dates.DateMention, b: dates.DateMention) -> bool:
    first, second = sorted((a, b), key=lambda d: d.start)
    return bool(_DAY_GAP.fullmatch(sentence[first.end : second.start]))


def per_day(
    sentence: str,
    triggers: list[tuple[int, grouping.Mention]],
    found_dates: list[dates.DateMention],
) -> list[tuple[int, grouping.Mention]]:
    """The (position, mention) pairs with each mention dated by one of a list of days
    told again for each other day of the list ("on Monday and Tuesday"): the days no
    trigger took, each joined by list words to the mention's own day or to another
    day of the list."""
    taken = {id(m.date) for _, m in triggers if m.date is not None}
    spare = [d for d in found_dates if _single_day(d) and id(d) not in taken]
    if not spare:
        return triggers
    result = list(triggers)
    for position, mention in triggers:
        own = mention.date
        if own is None or not _single_day(own) or mention.slug in drafts.REGIONAL_TYPES:
            continue
        chain = [own]
        for found in sorted(spare, key=lambda d: abs(d.start - own.start)):
            if any(_coordinated(sentence, found, c) for c in chain) and all(
                found.date_start != c.date_start for c in chain
            ):
                chain.append(found)
        for found in chain[1:]:
            result.append((position, _dated(mention, found)))
    return result


def _dated(mention: grouping.Mention, found: dates.DateMention) -> grouping.Mention:
    """The mention again, on another day: its own lists, the same evidence."""
    return dataclasses.replace(
        mention,
        date=found,
        places=list(mention.places),
        actors=list(mention.actors),
        roles=dict(mention.roles),
        origins=list(mention.origins),
    )
