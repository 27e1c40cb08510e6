"""GazetteerIndex: a query phrase read (context, kind, region) and resolved."""

from dataclasses import replace

from places.geocoding import namesakes, normalize
from places.geocoding.index import placehint
from places.geocoding.index.answers import AnswerRules
from places.geocoding.index.entries import NearPoints, Resolution, distance_km
from places.geocoding.index.ranking import (
    _LANDFORM_TYPES,
    _REGION_TYPES,
    _SURE_MATCHES,
    _TYPED,
)
from places.geocoding.index.regions import RegionRules
from places.geocoding.index.rivals import RivalRules
from places.geocoding.index.search import IndexSearch
from places.geocoding.phrases import (
    query_keys,
    split_context,
    states_countryside,
    states_landform,
    type_from_words,
)

# Matches of a row's own name or alternate, not of a stripped or fuzzy key.
_WHOLE_NAME = ("exact", "alternate")


class GazetteerIndex(IndexSearch, AnswerRules, RegionRules, RivalRules):
    """Name index over IndexEntry rows; build once per process, then search fast."""

    def resolve(
        self,
        query: str,
        *,
        country: str = "",
        admin1: str = "",
        hint: tuple[float, float] | None = None,
        feature_type: str = "",
        near: NearPoints = (),
    ) -> Resolution | None:
        """Best answer with precision and confidence, or None when nothing matches.

        ``near``: points of the other places named in the same text; a candidate
        close to one of them outranks a homonym far from all of them."""
        head, context = split_context(query)
        if context and not normalize.split_query(head)[0]:
            # "eastern countryside of Idlib": the context is the name itself.
            head, context = query, ""
        if context:
            # "the Humaymat hilltops in northern Hama", "Sinjar (Idlib)", "X, Idlib":
            # X, within that governorate (a context that names none is ignored).
            context_names, _ = normalize.split_query(context)
            admin1 = admin1 or self.admin1_name(" ".join(context_names))
            if not admin1 and (at := placehint.context_point(self, context, country)):
                options = {"admin1": admin1, "hint": hint, "feature_type": feature_type}
                found = self.resolve(head, country=country, near=(at, *near), **options)
                plain = self.resolve(head, country=country, near=near, **options)
                return placehint.within(found, at, plain)
            query = head
        stated = type_from_words(query)
        names, directions = normalize.split_query(query)
        # "X countryside/province", "ريف X", "northern X": a region, never the town.
        region = stated in _REGION_TYPES or bool(directions and names)
        options = {"country": country, "admin1": admin1, "hint": hint, "near": near}
        landform = states_landform(query)
        full_key = query_keys(query)[0]
        ranked = self.candidates(
            query,
            feature_type=stated or feature_type,
            # Places default to towns, so a region type given by the caller is a
            # deliberate statement ("Idlib" the governorate), as words in the query are
            # ("Jabal"/"mountains" state a mountain, whatever its type).
            type_stated=bool(stated) or feature_type in _REGION_TYPES or landform,
            **options,
        )
        if region and directions and stated not in _REGION_TYPES:
            # "Eastern Tel Ahmar", "West Teiba": a row bears the phrase with its
            # direction word, so the word is part of that name, not a bearing.
            whole = [
                c for c in ranked if c.matched == full_key and c.match in _WHOLE_NAME
            ]
            if whole:
                region, ranked = False, whole
        if region:
            ranked = [c for c in ranked if c.entry.feature_type in _REGION_TYPES]
            # "northern Homs countryside" names Homs: a region of another governorate
            # spelt alike (Northern Hama countryside, by its consonants) is not it.
            named = self.admin1_name(" ".join(names))
            ranked = [
                c
                for c in ranked
                if not named or c.match in _SURE_MATCHES or c.entry.admin1 == named
            ]
            if ranked and states_countryside(query):
                ranked = self._countryside_first(ranked)
        elif landform and not stated:
            # "Jabal Turkman", "Qalamoun mountains": the mountain when there is one.
            typed = [c for c in ranked if c.entry.feature_type in _LANDFORM_TYPES]
            if typed:
                ranked = typed
            elif ranked and (
                ranked[0].matched != query_keys(query)[0]
                or ranked[0].match == "stripped"
            ):
                # Only a village of a like name once "Jabal"/"mountains" is dropped
                # (At Turkumaniyah for Jabal Turkman), or once its own head is
                # ("Tall Abd al Aziz" for "Abdul Aziz Mountain"): a guess, for review.
                found = self._answer(
                    ranked, "a mountain named; only a settlement found"
                )
                return replace(found, confidence=min(found.confidence, 0.5))
        elif stated:
            # "X airbase", "X dam", "تل X": that kind of place when there is one.
            typed = [c for c in ranked if c.entry.feature_type == stated]
            # A name some place bears is no misspelling of a like-named hill or base
            # ("تل بيدر" is Tell Beydar the village, not Tell Arbid, تل عربيد).
            named = any(c.match in ("exact", "alternate") for c in ranked)
            typed = typed or (
                [] if named else self._typed_matches(query, stated, options)
            )
            if (
                not typed
                and ranked
                and stated in _TYPED
                # "تل رفعت" is Tall Rif'at, the town that bears the whole phrase.
                and not self._bears_head(full_key, ranked[0])
            ):
                # "Tha'lah airbase" with no such base listed: the village the base is
                # named after lies near it, not on it.
                found = self._answer(
                    ranked, f"no {stated} listed: the place it is named after"
                )
                found = replace(found, precision=max(found.precision, 2))
                return self._against_hint(found, admin1)
            ranked = typed or ranked
        if not ranked and region and names and directions and not stated:
            part = self._part_of_settlement(" ".join(names), directions, options)
            if part is not None:
                return part
        if not ranked and region and names:
            return self._region_of(" ".join(names), directions, options)
        if not ranked:
            return None
        if not region:
            ranked = self._seat_first(ranked)
        if not region and not stated and not landform:
            ranked = namesakes.settlement_before_namesake(ranked, distance_km)
        found = self._answer(ranked, "")
        if not region and not stated and not landform:  # the query tells no kind
            found = self._against_rivals(found, query, full_key, options)
        if not region and not landform and self._named_after(full_key, found.best):
            # "Tal Saraqib", "Khirbet Tadmur": only the place the hill or ruin is
            # named after is listed; it lies near, not on it.
            note = (
                found.note or "no such hill or ruin listed: the place it is named after"
            )
            found = replace(found, precision=max(found.precision, 2), note=note)
        return self._against_hint(found, admin1)
