"""Far-apart rivals that only the spelling match separates: an answer for review.

Found by classifying the wrong answers of the dev lists (bench/README "Wrong answers
by cause", 2026-12-06). Each rule compares two far-apart candidates on all their score
but the spelling match (prominence, governorate hint, the article's other places), and
sends the answer to review when that leaves them level:
- the answer bears the query only once its generic head is dropped ("Tall as Sayyad"
  for "al-Saiyad") while a far place bears it as its whole name, spelt alike (As
  Sayyadi): a stripped-head match is never surer than the full-name one;
- two places share the query's consonants and the first is spelt closer by at most one
  letter, the words alike in number and length ("Bargheiteh": Baraghidah of Aleppo,
  Baraghiti of Idlib); the text's other places part them when they lie clearly around
  one (context.dominates): the rival they lie around is the answer, a rival they lie
  far from is none (the spelling's one letter never outweighs the story's places);
- with no hint besides, the query writes the article, the answer's names never do and a
  far place of the same key bears it ("al-Darah": Ad Darah, not the city of Dar'a).
A known town still outranks a hamlet, and a governorate hint or the article's other
places (``near``) still separate them.
"""

from dataclasses import replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from places.geocoding import normalize
from places.geocoding.index import context
from places.geocoding.index.entries import (
    Candidate,
    Resolution,
    distance_km,
)
from places.geocoding.index.ranking import (
    _BASE,
    AMBIGUITY_MARGIN,
    FUZZY_CUTOFF,
    SAME_PLACE_KM,
    SKELETON_SURE_RATIO,
    _alike_bonus,
)

_NAMED = {"exact", "alternate"}
_SPELT = {"skeleton", "loose"}


def _kind_base(kind: str) -> float:
    """The score a match kind starts from (search._score)."""
    if kind.startswith("fuzzy:"):
        return 0.55 + 0.3 * (float(kind[6:]) - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF)
    return _BASE.get(kind, 0.0)


def _spelling(c: Candidate, full_key: str) -> float:
    """The part of a candidate's score its name match gives."""
    if c.match == "fuzzy":
        return _kind_base(f"fuzzy:{fuzz.ratio(full_key, c.matched)}")
    base = _BASE.get(c.match, 0.0)
    if c.match == "skeleton":
        base += _alike_bonus(fuzz.ratio(full_key, c.matched))
    return base


def _same_shape(key: str, other: str) -> bool:
    """As many words, and as long within a letter: spelt otherwise, not another
    word ("Nahliya" is not Nahl, "Tremla" not Tayr Malah)."""
    return len(key.split()) == len(other.split()) and abs(len(key) - len(other)) <= 1


def _far(one: Candidate, other: Candidate) -> bool:
    a, b = one.entry, other.entry
    return distance_km(a.lat, a.lon, b.lat, b.lon) > SAME_PLACE_KM


def _with_article(name: str) -> bool:
    """The name is written with the article before it ("Ad Darah", "al-Darah")."""
    words = normalize.tokens(name)
    return len(words) > 1 and (
        words[0] in normalize._ARTICLES or words[0] in normalize._SUN_ARTICLES
    )


def _article_rival(
    best: Candidate, query: str, options: dict, ranked: tuple[Candidate, ...]
) -> str | None:
    """The query writes the article, no name of the answer does, a far place of the
    same key bears it ("al-Darah": Dar'a the city, or Ad Darah of As-Suwayda); the
    answer's prominence alone does not outweigh that. Only with no other hint."""
    if (
        best.match not in _NAMED
        or any(options[k] for k in ("admin1", "hint", "near"))
        or not _with_article(query)
        or any(_with_article(n) for n in (best.entry.name, *best.entry.names))
    ):
        return None
    for other in ranked[1:]:
        if (
            other.match in _NAMED
            and _far(best, other)
            and any(_with_article(n) for n in (other.entry.name, *other.entry.names))
        ):
            return (
                f"{other.entry.name} ({other.entry.admin1}), written with the article"
            )
    return None


class RivalRules:
    """GazetteerIndex's last look at an answer: a far rival it cannot tell apart."""

    def _against_rivals(
        self, found: Resolution, query: str, full_key: str, options: dict
    ) -> Resolution:
        """``found`` for review when one of the rules above leaves a rival level."""
        if found.confidence <= 0.5:
            return found
        best, ranked = found.best, found.candidates
        alike = self._one_letter_rival(best, full_key, ranked)
        if alike is not None and _placed_by_text(alike, best):
            # "Bargheiteh" 6 km from the story's two places of Idlib: Baraghiti,
            # not Baraghidah 99 km away, whose spelling is one letter closer.
            note = (
                f"{alike.entry.name}, beside the text's places, not {best.entry.name}"
            )
            rest = tuple(c for c in ranked if c is not alike)
            return replace(
                found,
                best=alike,
                precision=alike.entry.precision,
                confidence=round(min(alike.score, 1.0), 3),
                candidates=(alike, *rest),
                note=note,
            )
        rival = (
            self._full_name_rival(best, full_key, options, ranked)
            or (
                f"{alike.entry.name} ({alike.entry.admin1}), spelt alike"
                if alike is not None
                else None
            )
            or _article_rival(best, query, options, ranked)
        )
        if rival is not None:
            note = found.note or f"ambiguous: {best.entry.name} or {rival}"
            return replace(found, confidence=0.5, note=note)
        return found

    def _full_name_rival(
        self,
        best: Candidate,
        full_key: str,
        options: dict,
        ranked: tuple[Candidate, ...],
    ) -> str | None:
        """A far place spelt like the stripped key by its whole name."""
        if best.match != "stripped" or len(best.matched) < 4:
            return None
        if any(
            c.match in _NAMED and not _far(best, c) for c in ranked[1:]
        ):  # "al-Thaala": Tilah bears it, 3 km from the Tha'la air base
            return None
        country = best.entry.country
        key = best.matched
        rivals: dict[int, str] = {}
        skeleton = normalize.skeleton(key)
        for i, (other, headless) in self._skeletons.get(
            (country, skeleton), {}
        ).items():
            if (
                len(skeleton) >= 3  # as search.candidates: shorter means nothing
                and not headless
                and fuzz.ratio(key, other) >= SKELETON_SURE_RATIO
            ):
                rivals[i] = "skeleton"
        keys, ids = self._fuzzy.get((country, key[0]), ((), ()))
        for matched, score, pos in process.extract(
            key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=8
        ):
            if self._keys.get((country, matched), {}).get(ids[pos]) != "stripped":
                rivals.setdefault(ids[pos], f"fuzzy:{score:.0f}")
        evidence = best.score - _spelling(best, full_key)
        admin_hint = self.admin1_name(options["admin1"]) or options["admin1"]
        for i, kind in rivals.items():
            c = self._score(
                self.entries[i], kind, key, admin_hint, options["hint"],
                "", False, options["near"],
            )  # fmt: skip
            if not _far(best, c):
                continue
            other = c.score - _kind_base(kind)
            if other >= evidence - AMBIGUITY_MARGIN:
                return f"{c.entry.name} ({c.entry.admin1}) by its whole name"
        return None

    @staticmethod
    def _one_letter_rival(
        best: Candidate, full_key: str, ranked: tuple[Candidate, ...]
    ) -> Candidate | None:
        """A far place spelt as well within a letter, that neither the priors nor
        the text's places (context.dominates) set apart from the answer."""
        if best.match != "skeleton" or normalize.is_arabic(full_key):
            return None
        edits = Levenshtein.distance(full_key, best.matched)
        evidence = best.score - _spelling(best, full_key)
        # A second place beside the answer spelt closer than the rival backs it
        # ("Bennesh": Binnish and Bennsh Subdistrict around it, not Banis of Aleppo).
        beside = [
            Levenshtein.distance(full_key, c.matched)
            for c in ranked[1:]
            if not _far(best, c)
        ]
        for other in ranked[1:]:
            apart = Levenshtein.distance(full_key, other.matched)
            if (
                other.match in _SPELT
                and _far(best, other)
                and _same_shape(full_key, other.matched)
                and apart <= edits + 1
                and not any(d < apart for d in beside)
                and other.score - _spelling(other, full_key)
                >= evidence - AMBIGUITY_MARGIN
                and not context.dominates(best, other)
            ):
                return other
        return None


def _placed_by_text(rival: Candidate, best: Candidate) -> bool:
    """The text's places lie clearly around ``rival``, and ``best`` is no known town
    (a town is named far from the fighting; a hamlet is not)."""
    return (
        context.dominates(rival, best)
        and best.entry.population < context.TOWN_POPULATION
    )
