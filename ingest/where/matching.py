"""Find the gazetteer places named in a sentence (PlaceMatcher).

PlaceMatcher reads a name in its sentence, the article's other places and the index
together. One name's reading is in its bases, ingest/where/namereading.py (NameReader)
and ingest/where/indexreader.py (IndexReader); a sentence's words and name windows in
ingest/where/windows.py; the index's exact keys in ingest/where/indexkeys.py. The word
lists are in ingest/reading/words.py, the mention type in ingest/where/mention.py,
actors in ingest/actors/actors.py.
"""

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings

from ingest.country import datelines, secondcountry, sentencecountry
from ingest.reading import credits
from ingest.reading.words import (
    is_title_case,
)
from ingest.where import (
    abroadregions,
    areahint,
    compass,
    countrynames,
    nearby,
    ownvillages,
)
from ingest.where import names as name_checks
from ingest.where import spans as name_spans
from ingest.where.indexkeys import _index_keys, _keys
from ingest.where.mention import PlaceMention
from ingest.where.namereading import NameReader
from ingest.where.windows import (
    _QUALIFIER,
    _given_name_alone,
    _name_starts,
    _name_windows,
    _possessive,
    _sentence_words,
)
from places import gazetteer_abroad
from places.geocoding import index, normalize
from places.models import Place, PlaceName

_REGION_AFTER = re.compile(r"^\s+(?:provinces?|governorates?|countrysides?)\b", re.I)
# How a name the prose marks as a place may be read when no exact key spells it.
_SURE_NAMED = frozenset({"exact", "alternate"})
_DOWNTOWN = re.compile(r"\b(?:downtown|city cent(?:re|er) of)\s+(?:the\s+)?$", re.I)
_REGION_BEFORE = re.compile(
    r"\b(?:countryside|province|governorate) of\s+(?:the\s+)?(?:(?:city|town) of\s+)?$",
    re.I,
)
# "the western countryside of (the city of) Kobani", "Kobani's eastern countryside".
_COUNTRYSIDE_DIRECTION = re.compile(
    r"\b((?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?)\s+countryside of\s+(?:the\s+)?(?:(?:city|town) of\s+)?$",
    re.I,
)


class PlaceMatcher(NameReader):
    """Places named in text: existing Place rows first, then the shared gazetteer index."""

    def __init__(self, *, country: str = "SY") -> None:
        self.country = country.upper()
        # Foreign countries the article names: their towns are known abroad.
        self.named_abroad: frozenset[str] = frozenset()
        # Other configured countries the text names: a name the country's gazetteer
        # lacks may be theirs, near the article's places (secondcountry.py).
        self.neighbours: tuple[str, ...] = ()
        self._neighbours_read: tuple[str, ...] = ()
        self._neighbour_index_keys: list[dict[str, set[int]]] = []
        # Confident points of the article's names (name key -> point), set by
        # remember_context(): each name is resolved again near the *others*, as
        # places.geocoding.lookup_many does, so a homonymous village near the rest
        # of the story wins over its far namesake.
        self.context: dict[str, nearby.Point] = {}
        # Per name with no sure point: the other names' candidates near its likeliest
        # homonym (nearby.cluster_support), as lookup_many adds them.
        self.support: dict[str, tuple[nearby.Point, ...]] = {}
        # find()'s answers read alone, and whether a name in them had a rival homonym.
        self._found: dict[tuple[str, tuple], tuple[list, bool, list]] = {}
        self._contested = False
        self._named_only: dict[str, PlaceMention] = {}  # countries named as actors
        # Names the text tied to a country once ("the Saudi Arabian city of X"): the
        # same place where the article names it again untied ("a workshop in X").
        self._tied: dict[str, PlaceMention] = {}
        # The countries each sentence points to (sentencecountry.py), set per article.
        self.pointer: sentencecountry.Pointer | None = None
        self._resolved: dict[tuple[str, str, tuple], index.Resolution | None] = {}
        self._governorates: dict[str, index.Resolution | None] = {}
        # A country outside GAZETTEER_COUNTRIES: its own index, built on first use.
        self._index = gazetteer_abroad.index_for(self.country)
        self._index_keys = _index_keys(self._index, self.country)
        # The admin area each sentence names, and its paragraph's (areahint.py): the
        # sentence's alone on the first reading, the paragraph's too once the
        # article's context is set (every sentence read).
        self.areas = areahint.AreaHints()
        self._area = ""
        self._pooled = False
        # The article country's own name ("lebanon"): the country, not a governorate.
        self._own_key = index.query_key(countrynames.country_name(self.country))
        self._places: dict[str, Place] = {}
        self._by_ref: dict[str, Place] = {}
        places = list(Place.objects.filter(country_code__iexact=self.country))
        names: dict[int, list[str]] = defaultdict(list)
        for place_id, name in (
            PlaceName.objects.filter(
                place__country_code__iexact=self.country
            ).values_list("place_id", "name")
            if places  # no place of the country: none of its names to ask for
            else ()
        ):
            names[place_id].append(name)
        for place in places:
            for name in (place.name, *names[place.pk]):
                if normalize.is_arabic(name):
                    continue
                for key in _keys(name):
                    self._places.setdefault(key, place)
            if place.gazetteer_id:
                self._by_ref.setdefault(place.gazetteer_id, place)

    def __len__(self) -> int:
        return len(self._index_keys) + len(self._places)

    def remember_context(self, mentions: Iterable[PlaceMention]) -> None:
        """Anchor the article's confident points (found alone) for the next find()s.

        An anchor is what lookup_many trusts: a gazetteer point (no region), found
        by its name (not weakly), at least GEOCODER_MIN_CONFIDENCE sure; it carries
        its governorate (a homonym there is the one meant). A name with no anchor of
        its own gets the support of the other names' candidates (nearby.py)."""
        self.context, self.support = {}, {}
        self._pooled = True  # every sentence read: its paragraph's areas are known
        mentions = list(mentions)  # all read alone, before any anchor applies
        anchors: dict[str, nearby.Point] = {}
        for m in mentions:
            if (
                m.origin in {"gazetteer", "place"}
                and m.lat is not None
                and m.lon is not None
                and m.precision == 1
                and not m.is_region
                and (m.confidence or 0.0) >= settings.GEOCODER_MIN_CONFIDENCE
                and not name_checks.is_weak(m)
            ):
                anchors.setdefault(
                    normalize.name_key(m.text), (m.lat, m.lon, m.admin1 or "")
                )
        readings: dict[str, list[nearby.Point]] = {}
        for m in mentions:
            key = normalize.name_key(m.text)
            if m.origin in {"gazetteer", "unresolved"} and not m.is_region and key:
                found = nearby.points(self._resolve(m.text, "", ()))
                readings.setdefault(key, found)
        self.support = {
            key: support
            for key in readings
            if key not in anchors and (support := nearby.cluster_support(key, readings))
        }
        self.context = anchors

    def dateline(self, first_sentence: str) -> list[PlaceMention]:
        """Where a wire story was filed ("BEIRUT (Reuters) -"), as named places; then
        the places named but never an event's place: countries named as actors in
        the sentences find() read ("Turkey shelled Kobani")."""
        found = []
        self._area = ""
        for start, end, name in datelines.dateline_names(
            first_sentence
        ) + datelines.dateline_country(first_sentence):
            mention = self._mention(name, start, end, city_stated=True)
            if mention is not None:
                found.append(
                    dataclasses.replace(
                        mention,
                        text=first_sentence[start:end],
                        note=f"dateline: where the story was filed; {mention.note}",
                    )  # fmt: skip
                )
        return found + list(self._named_only.values())

    def find(
        self, sentence: str, *, exclude: Iterable[tuple[int, int]] = ()
    ) -> list[PlaceMention]:
        """Places named in ``sentence``; spans in ``exclude`` (actor names) are skipped."""
        blocked = list(exclude)
        cache_key = (sentence, tuple(blocked))
        found = self._found.get(cache_key)
        own = self.areas.area(sentence, paragraph=False)
        self._area = self.areas.area(sentence, paragraph=self._pooled)
        if found is not None and not found[1] and self._area == own:
            return list(found[0])  # no name here that the context could move
        self._contested = False
        spans = found[2] if found else self._name_spans(sentence, blocked)
        if found is None:
            self.areas.note(
                sentence,
                areahint.areas_named(self._index, sentence, spans, self.country),
            )
            self._area = self.areas.area(sentence, paragraph=self._pooled)
        mentions = self._resolve_spans(sentence, spans)
        for country in self._countries_as_actors(sentence, blocked):
            country = abroadregions.widened(sentence, country, self.country)
            self._named_only.setdefault(country.text.lower(), country)
        if not self.context and not self.support:  # read alone: kept for later
            self._found[cache_key] = (mentions, self._contested, spans)
        return list(mentions)

    def named(
        self, sentence: str, start: int, end: int, *, admin_hint: str = ""
    ) -> PlaceMention | None:
        """The gazetteer's reading of a name the prose marks as a place ("the
        villages of A, B", "Tel X", "in al-Xxx") whose spelling is no exact key:
        "Deir al-Zour", "Albukamal". A weaker reading (a head dropped, the same
        consonants, a fuzzy spelling) goes to the editor without a point, with the
        gazetteer's reading in its note."""
        text = sentence[start:end]
        if len(normalize.name_key(text)) < 4 or credits.not_a_place(
            sentence, start, end
        ):
            return None
        mention = self._mention(
            text, start, end, admin_hint=admin_hint,
            tied_to=secondcountry.tied_to(sentence, start, end), sentence=sentence,
        )  # fmt: skip
        if mention is None:  # "the town of Arab Salim": a village only the bundle has
            mention = ownvillages.reading(
                text, self.country, self._near(text),
                lambda entry, found, note: self._located(
                    text, start, end, entry, found, note
                ),
                anchors=tuple(self.context.values()),
            )  # fmt: skip
        if mention is None or mention.origin not in {"gazetteer", "place", "abroad"}:
            return None
        if mention.origin == "gazetteer" and mention.match not in _SURE_NAMED:
            # "Sefohen" (Safuhun), "Tel Mashara" without its head: the editor
            # decides, told which place the gazetteer reads (not "not in the
            # gazetteer"). Placing consonant readings near the article's confident
            # places was measured and left out: bench/README.md, "Ingest: names
            # without a point, by cause".
            return PlaceMention(
                text, start, end, text, admin_hint, "village", self.country, None,
                None, None, None, None, "unresolved",
                f"read only as the gazetteer's {mention.name} ({mention.admin1}; a "
                f"{mention.match} match), not sure enough to place: pick a candidate "
                "or place it by hand",
            )  # fmt: skip
        return mention

    def _countries_as_actors(self, sentence: str, blocked: list) -> list[PlaceMention]:
        """ "Turkey shelled ...": a country named as an actor is still a place the
        article names (abroad, never a point); named_only() lists them, so that
        none becomes an event's place."""
        found = []
        for start, end in blocked:
            text = _possessive(sentence[start:end])
            if countrynames.is_country_abroad(text, country=self.country):
                found.append(
                    PlaceMention(
                        text,
                        start,
                        start + len(text),
                        text,
                        "",
                        "country",
                        "",
                        None,
                        None,
                        None,
                        None,
                        None,
                        "abroad",
                        f"{text} is abroad: not placed",
                        "abroad",
                    )  # fmt: skip
                )
        return found

    def _name_spans(self, sentence: str, blocked: list) -> list[tuple[int, int]]:
        words = _sentence_words(sentence)
        starts = _name_starts(sentence)
        spans: list[tuple[int, int]] = []
        key = tuple(blocked)
        i = 0
        while i < len(words):
            found = self._longest_at(sentence, i, key) if i in starts else None
            if found is None:
                i += 1
                continue
            spans.append(found[:2])
            i = found[2]
        return spans

    def _resolve_spans(self, sentence: str, spans: list) -> list[PlaceMention]:
        mentions = []
        admin_hint = ""
        region_after: PlaceMention | None = None  # the next region named, if any
        title = is_title_case(sentence)
        for start, end in reversed(spans):  # "X in northern Hama": the region first
            if not title and name_spans.inside_longer_name(sentence, start, end):
                continue  # "Bashar al-Zoubi", "Euphrates River": not the place
            if _given_name_alone(sentence, start, end):
                continue  # "Omar", "Ali": a person, unless the text calls it a village
            if credits.not_a_place(sentence, start, end):
                continue  # "(Reporting by Tom Perry)", "during Ramadan"
            around = sentence[max(0, start - 12) : end + 6].lower()
            before = sentence[max(0, start - 50) : start]
            # "downtown Taiz province": downtown is the city's, whatever follows.
            downtown = bool(_DOWNTOWN.search(before))
            if downtown:
                named = re.match(
                    r"(.+?)\s+(?:province|governorate)$", sentence[start:end]
                )
                end = start + len(named.group(1)) if named else end
            region_stated = not downtown and bool(
                _REGION_AFTER.match(sentence[end:]) or _REGION_BEFORE.search(before)
            )
            direction = _COUNTRYSIDE_DIRECTION.search(before)
            qualified = (
                region_after
                if region_after is not None
                and _QUALIFIER.fullmatch(sentence[end : region_after.start])
                else None
            )
            mention = self._mention(
                sentence[start:end],
                start,
                end,
                admin_hint=admin_hint,
                city_stated=downtown
                or bool(re.search(r"\b(?:city|town|village)\b", around))
                and not region_stated,
                region_stated=region_stated,
                region_direction=direction.group(1) if direction else "",
                qualified_by=qualified.admin1 if qualified is not None else "",
                qualified_at=(qualified.lat, qualified.lon)
                if qualified is not None and qualified.lat is not None
                else None,
                tied_to=secondcountry.tied_to(sentence, start, end),
                part=compass.part_stated(sentence, end, self.country),
                sentence=sentence,
            )
            if (
                mention is not None
                and name_checks.is_weak(mention)
                and " " not in mention.text.strip()
                and not name_spans.has_place_cue(sentence, start, end)
            ):
                continue  # "restoring Hadi's government": a weak hit, no place cue
            if mention is not None:
                mentions.append(mention)
                if mention.is_region and mention.feature_type != "country":
                    admin_hint = mention.admin1
                    if (
                        mention.feature_type == "governorate"
                        or mention.origin == "region"
                    ) and mention.admin1:
                        region_after = mention
        return sorted(mentions, key=lambda m: m.start)

    def _longest_at(self, sentence, i, blocked) -> tuple[int, int, int] | None:
        """The longest name at word ``i`` that this country's gazetteer knows: the
        country's keys asked of the windows _name_windows read (shared by the
        readings of one article in two countries)."""
        for window in _name_windows(sentence, i, blocked):
            if window is None:
                return None  # "Shafaq News /", "Aleppo Media Center": an outlet's name
            start, end, after, key, bare_key = window
            if (
                self._known(key, sentence[start:end])
                or (bare_key and self._known(bare_key))
                or (self.pointer and self.pointer.spells_town(sentence, start, end))
            ):
                return start, end, after
        return None
