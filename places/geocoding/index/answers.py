"""How sure an answer is: rivals far apart, hints contradicted, heads and seats."""

from collections import defaultdict
from dataclasses import replace

from places.geocoding import heads, normalize
from places.geocoding.index import context
from places.geocoding.index.entries import (
    Candidate,
    IndexEntry,
    Resolution,
    distance_km,
)
from places.geocoding.index.ranking import (
    _PART_WORDS,
    _REGION_TYPES,
    _SETTLEMENT_TYPES,
    AMBIGUITY_MARGIN,
    SAME_PLACE_KM,
    _alternate_only_rival,
    _lead_by_flag_only,
    _like_another_name,
    _lists_neighbours_name,
    _neighbour_bearer_first,
    _other_named,
    _region_and_place_in_it,
    _weight,
)


class AnswerRules:
    """GazetteerIndex's rules that turn ranked candidates into one Resolution."""

    @staticmethod
    def _named_after(full_key: str, best: Candidate) -> bool:
        """Matched by the name without its head, on a place that does not bear the
        head itself (a "stripped" match is the headed place by its bare name)."""
        return best.match not in (
            "stripped",
            "skeleton_stripped",
        ) and heads.named_after(full_key, best.matched)

    @classmethod
    def _bears_head(cls, full_key: str, best: Candidate) -> bool:
        head = full_key.partition(" ")[0]
        return head in heads.NAMED_HEADS and not cls._named_after(full_key, best)

    def _against_hint(self, found: Resolution, admin1: str) -> Resolution:
        """ "Saraqib, Daraa": a place found only far outside the governorate the
        phrase names is a contradiction for a reviewer, not an answer."""
        entry = found.best.entry
        named = self.admin1_name(admin1) or admin1
        if not named or not entry.admin1 or named == entry.admin1:
            return found
        points = [
            (e.lat, e.lon) for e in self._subdistrict_centres(entry.country, named)
        ]
        if not heads.outside_governorate(entry.lat, entry.lon, points, distance_km):
            return found
        note = found.note or f"named in {named}; found only in {entry.admin1}"
        return replace(found, confidence=min(found.confidence, 0.5), note=note)

    def _subdistrict_centres(self, country: str, admin1: str) -> list[IndexEntry]:
        """The sub-district centres (precision-2 districts) of one governorate."""
        if self._subdistricts is None:
            self._subdistricts = defaultdict(list)
            for e in self.entries:
                if e.feature_type == "district" and e.precision == 2:
                    self._subdistricts[(e.country, e.admin1)].append(e)
        return self._subdistricts.get((country, admin1), [])

    def _seat_first(self, ranked: list[Candidate]) -> list[Candidate]:
        """ "Thiban" matches only Thiban Subdistrict (ناحية ذيبان), whose point is the
        middle of the sub-district, 25 km from its seat: a bare name means the seat,
        the settlement of the governorate that bears the sub-district's Arabic name
        (Dhiban, ذيبان), however the Latin name is spelt."""
        best = ranked[0]
        region = best.entry
        if region.feature_type != "district" or not region.name_ar:
            return ranked
        seats = [
            self.entries[i]
            for i in self._keys.get(
                (region.country, normalize.name_key(region.name_ar)), {}
            )
            if self.entries[i].feature_type in _SETTLEMENT_TYPES
            and self.entries[i].admin1 == region.admin1
        ]
        if not seats:
            return ranked
        seats.sort(key=lambda e: (-_weight(e), e.ref))
        first = seats[0]
        if any(
            distance_km(first.lat, first.lon, e.lat, e.lon) > SAME_PLACE_KM
            for e in seats[1:]
        ):
            return ranked  # two far-apart villages of that name: no seat to pick
        seat = replace(best, entry=first, score=best.score + 0.1)
        return [seat, *(c for c in ranked if c.entry is not first)]

    def _bearer_with_qualifier(self, found: Candidate) -> IndexEntry | None:
        """A place far from ``found`` whose own name is the matched name and a part
        word ("Shuyukh Tahtani", "Shuyukh al-Fawqani" for "Shuyukh")."""
        best = found.entry
        for word in _PART_WORDS:
            for i, kind in self._keys.get(
                (best.country, f"{found.matched} {word}"), {}
            ).items():
                other = self.entries[i]
                if (
                    kind == "exact"
                    and distance_km(best.lat, best.lon, other.lat, other.lon)
                    > SAME_PLACE_KM
                ):
                    return other
        return None

    def _answer(self, ranked: list[Candidate], note: str) -> Resolution:
        ranked = context.context_first(_neighbour_bearer_first(ranked))
        best = ranked[0]
        confidence = min(best.score, 1.0)
        for other in ranked[1:]:
            far = distance_km(
                best.entry.lat, best.entry.lon, other.entry.lat, other.entry.lon
            )
            if _region_and_place_in_it(best.entry, other.entry) or far <= SAME_PLACE_KM:
                continue
            if _lists_neighbours_name(best, other, far):
                continue
            if other.match == "exact" and _other_named(best):
                # "Aqrabat" is an alternate of Uqayribat (Hama) and the name of two
                # villages of Idlib: a name another place bears is no sure answer.
                confidence = min(confidence, 0.5)
                note = note or (
                    f"{other.entry.name} bears the name; "
                    f"{best.entry.name} only as an alternate"
                )
                break
            if _alternate_only_rival(best, other):
                continue
            told = context.verdict(best, other)
            if told == "apart":
                continue  # the article's other places lie around the answer
            if (
                told == "doubt"
                or other.score >= best.score - AMBIGUITY_MARGIN
                or _lead_by_flag_only(best, other)
            ):
                confidence = min(confidence, 0.5)
                note = note or f"ambiguous: {best.entry.name} or {other.entry.name}"
                break
        if _like_another_name(best) and confidence > 0.5:
            confidence = 0.5
            note = note or f"{best.entry.name} only by an alternate, {best.matched}"
        if _other_named(best) and confidence > 0.5:
            bearer = self._bearer_with_qualifier(best)
            if bearer is not None:
                # "Shuyukh": Shuyukh Tahtani and Fawqani bear it, Shaykh Ubah Si only
                # lists it; which one is meant is for a reviewer.
                confidence = 0.5
                note = note or (
                    f"{bearer.name} bears the name; "
                    f"{best.entry.name} only as an alternate"
                )
        precision = best.entry.precision
        if best.entry.feature_type in _REGION_TYPES:
            precision = max(precision, _REGION_TYPES[best.entry.feature_type])
        return Resolution(best, precision, round(confidence, 3), tuple(ranked), note)
