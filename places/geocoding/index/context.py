"""Shared names ranked by the article's other places: which of two far-apart homonyms.

Found by classifying the dev misses of the three news lists (bench/README "Twelfth
pass", 6 December 2026): read in its article, most misses were names that several
villages bear ("Deir Sunbul" of Idlib and of Hama, 26 km apart; "Neirab" of Idlib and
of Aleppo; "Huwayz"), sent to review though the article's other places lay around one
of them, and a few confident wrong answers where a place's prominence outweighed an
article that lay around a namesake (al-Hawash of the Ghab for "Al-Hawwash", not the
town of Homs).

The nearness bonus of search._score compares candidates by their distance to the
*nearest* of the article's places only, and a governorate bonus counts a governorate
however far its places lie. Here two candidates are compared on both the nearest
place and the median distance to all of them: one *dominates* the other when it is
no farther on either, at least twice as close on one, and within CONTEXT_KM of some
place of the article. Then:
- of homonyms whose names and priors tie (their score without the article within
  AMBIGUITY_MARGIN), the one that dominates every far-apart other is the answer;
- a far-apart rival the answer dominates (within NEAR_FAR_KM of one of the article's
  places, or CONTEXT_KM when the answer is reached by an approximate spelling only)
  does not make the answer doubtful, nor one
  the answer is nearer than (or as near, within GOVERNORATE_SLACK_KM), when
  GOVERNORATE_PLACES of the article's places lie in
  the answer's governorate and none in the rival's;
- an answer that a far-apart homonym spelt as well dominates goes to review, unless
  the answer is a known town (population at least TOWN_POPULATION): a town is named
  far from the fighting ("Damascus" in a story on Idlib) and a hamlet's name is not;
- anything else stays as the scores say (level scores: review). A confident wrong
  point is worse than a review.
"""

from dataclasses import replace

from places.geocoding.index.entries import Candidate, distance_km
from places.geocoding.index.ranking import (
    _BASE,
    _SURE_MATCHES,
    AMBIGUITY_MARGIN,
    NEAR_FAR_KM,
    SAME_PLACE_KM,
)

CONTEXT_KM = 25.0  # the dominating candidate lies this near some place of the text
CONTEXT_RATIO = 0.5  # ... and at most this fraction of the other's distance
TOWN_POPULATION = 10_000  # a known town keeps its prominence against the article
# The governorate of the article's places tells homonyms apart when at least this
# many of them lie in it: one place is thin evidence ("Deir Sonbol" beside al-Ankawi
# of Hama was the Dayr Sunbul of Idlib, 23 km from it, not the one of Hama at 12 km).
GOVERNORATE_PLACES = 2
# ... when the answer is nearer the text's places than the rival, or about as near:
# within this many km ("al-Mjidel" among four places of Daraa: Mujaydil of Daraa at
# 15.3 km, Majdal of As-Suwayda at 14.9 km from the nearest of them).
GOVERNORATE_SLACK_KM = 5.0


def _far(one: Candidate, other: Candidate) -> bool:
    a, b = one.entry, other.entry
    return distance_km(a.lat, a.lon, b.lat, b.lon) > SAME_PLACE_KM


def dominates(one: Candidate, other: Candidate, *, within: float = CONTEXT_KM) -> bool:
    """``one`` lies clearly nearer the article's other places than ``other``, and
    within ``within`` km of one of them."""
    if one.nearest_km is None or other.nearest_km is None:
        return False
    n1, m1 = one.nearest_km, one.median_km or 0.0
    n2, m2 = other.nearest_km, other.median_km or 0.0
    return (
        n1 <= within
        and n1 <= n2
        and m1 <= m2
        and (n1 <= CONTEXT_RATIO * n2 or m1 <= CONTEXT_RATIO * m2)
    )


def _without_context(c: Candidate) -> float:
    return c.score - c.context


def _spelt(c: Candidate) -> float:
    """How well the name matches: the score its match kind starts from."""
    return _BASE.get(c.match, 0.55)  # fuzzy: at most the floor of a fuzzy match


def priors_tie(best: Candidate, other: Candidate) -> bool:
    """Name match, prominence and hints alike: only the article can tell them apart."""
    return _without_context(other) >= _without_context(best) - AMBIGUITY_MARGIN


def context_first(ranked: list[Candidate]) -> list[Candidate]:
    """``ranked`` with the homonym that the article's places single out moved first:
    its name and prior tie with the best's, and it dominates every far-apart
    candidate that ties too ("Deir Sunbul" among villages of the Hama side of the
    Ghab edge, not the Dayr Sunbul of Jabal al-Zawiya 26 km away)."""
    if len(ranked) < 2 or ranked[0].nearest_km is None:
        return ranked
    best = ranked[0]
    tied = [c for c in ranked if c is best or priors_tie(best, c)]
    for c in tied[1:]:
        if _far(best, c) and all(
            dominates(c, other) for other in tied if other is not c and _far(c, other)
        ):
            first = replace(c, score=max(c.score, best.score))
            return [first, *(o for o in ranked if o is not c)]
    return ranked


def verdict(best: Candidate, other: Candidate) -> str:
    """What the article says of a far-apart ``other`` against the answer ``best``:
    "apart" (best dominates: no rival), "doubt" (other dominates and best is no known
    town: review), or "" (the scores decide)."""
    if best.nearest_km is None or other.nearest_km is None:
        return ""  # no article, or a region (no point to be near)
    # A place bearing the name is set apart from within NEAR_FAR_KM ("Aqraba" 41 km
    # from Tafas, its namesake of Rif Dimashq 90 km); one reached by an approximate
    # spelling only from within CONTEXT_KM: two weak links make no sure answer
    # ("Mahimidiyeh" 44 km from al-Tabqa, the story's only other place, was an Al
    # Mahmudiyah of Aleppo; the Muhaymidah meant lies 189 km away).
    if dominates(
        best, other, within=NEAR_FAR_KM if best.match in _SURE_MATCHES else CONTEXT_KM
    ):
        return "apart"
    if (
        best.in_admin1 >= GOVERNORATE_PLACES
        and not other.in_admin1
        and best.nearest_km <= other.nearest_km + GOVERNORATE_SLACK_KM
    ):
        return "apart"  # nearer, and in the governorate of the article's places
    if priors_tie(best, other):
        return "doubt"  # only the article's places part them, and not clearly
    if (
        dominates(other, best, within=float("inf"))
        and best.entry.population < TOWN_POPULATION
        and _spelt(other) >= _spelt(best) - AMBIGUITY_MARGIN
    ):
        return "doubt"
    return ""
