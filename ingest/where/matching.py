"""Find the gazetteer places named in a sentence (PlaceMatcher).

Over ~400 lines on purpose: one class reads a name in its sentence, the article's
other places and the index together. The word lists are in ingest/reading/words.py, the
mention type in ingest/where/mention.py, actors in ingest/actors/actors.py.
"""

import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings

from ingest.country import datelines, secondcountry, sentencecountry
from ingest.reading import credits
from ingest.reading.words import (
    DEMONYMS,
    GIVEN_NAMES,
    KIND_WORDS,
    NOT_NAMES,
    PEOPLE_ADJECTIVES,
    PREFIX_WORDS,
    WORD,
    is_name_word,
    is_title_case,
    name_like,
    word_kind,
)
from ingest.where import abroadregions, areahint, compass, nearby, ownvillages
from ingest.where import names as name_checks
from ingest.where import spans as name_spans
from ingest.where.mention import REGION_TYPES, PlaceMention
from ingest.where.names import WEAK_MATCHES
from places import gazetteer_abroad
from places.geocoding import index, memo, normalize
from places.models import Place, PlaceName

_REGION_AFTER = re.compile(r"^\s+(?:provinces?|governorates?|countrysides?)\b", re.I)
SEAT_KM = 30.0  # a district's seat lies near its centroid
# "X in Damascus" of a suburb the gazetteer puts in Rif Dimashq: within this of the
# point of the area named, the text's area is the suburb's city, not another place.
SUBURB_KM = 15.0
# How a name the prose marks as a place may be read when no exact key spells it.
_SURE_NAMED = frozenset({"exact", "alternate"})
# A name read near the article's other places keeps that reading only within this
# distance of one of them (twice the index's NEAR_SCALE_KM: a bonus still worth having).
CONTEXT_KM = 2 * index.NEAR_SCALE_KM
_DOWNTOWN = re.compile(r"\b(?:downtown|city cent(?:re|er) of)\s+(?:the\s+)?$", re.I)
_SUBURBS = re.compile(r"\b(?:suburbs?|countrysides?|rural|outskirts)\b", re.I)
_DIRECTION_OF = re.compile(
    rf"^(?:{'|'.join(sorted(normalize.DIRECTIONS, key=len, reverse=True))})\s+of\s+"
    r"(?:the\s+)?",
    re.I,
)
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


def _keys(name: str) -> set[str]:
    keys = {normalize.name_key(name), index.query_key(name)}
    for key in list(keys):
        first, _, rest = key.partition(" ")
        if first in {"tl", "jbl", "khrbt", "qlt"} and rest:
            keys.add(rest)  # "Tell Hamamiyat" also answers to "Hamamiyat"
    return {k for k in keys if k}


_INDEX_KEYS: dict[tuple[int, str], dict[str, set[int]]] = {}


def _index_keys(idx: index.GazetteerIndex, country: str) -> dict[str, set[int]]:
    """Exact name keys of the shared index (built once per index version)."""
    cache_key = (id(idx), f"{idx.version}:{country}")
    if cache_key not in _INDEX_KEYS:
        keys: dict[str, set[int]] = defaultdict(set)
        for i, entry in enumerate(idx.entries):
            if entry.country != country:
                continue
            for name in (entry.name, *entry.names):
                if name and not normalize.is_arabic(name):
                    for key in _keys(name):
                        keys[key].add(i)
        # Keep only the current version's, but every country's: articles read in
        # Syria and Yemen by turns must not rebuild them each time. An unconfigured
        # country's own index (gazetteer_abroad) is another index beside the shared
        # one: the shared one's keys stay when it is read, and its own are replaced
        # only by a rebuilt index of that country.
        abroad = idx.version.startswith("abroad:")
        for old in [k for k in _INDEX_KEYS
                    if k[1].startswith("abroad:") == abroad
                    and (k[0] != cache_key[0] or
                         not k[1].startswith(f"{idx.version}:"))
                    and (not abroad or k[1] == cache_key[1])]:  # fmt: skip
            del _INDEX_KEYS[old]
        _INDEX_KEYS[cache_key] = keys
    return _INDEX_KEYS[cache_key]


# Countries whose news names a governorate by its bare name ("Idlib") as often as
# the city, so the article decides (names.cities). Reports on Yemen, Libya and Sudan
# in the corpus mean the city ("Taiz", "Tripoli", "Aden"): their labels' points.
GOVERNORATE_FIRST = frozenset({"SY"})


class PlaceMatcher:
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
        self._own_key = index.query_key(name_checks.country_name(self.country))
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

    def _neighbour_keys(self) -> list[dict[str, set[int]]]:
        """The exact keys of each neighbour's gazetteer (built once per version)."""
        if self._neighbours_read != self.neighbours:
            self._neighbours_read = self.neighbours
            self._neighbour_index_keys = [
                _index_keys(self._index, c) for c in self.neighbours
            ]
        return self._neighbour_index_keys

    def _knows_in(self, code: str, text: str) -> bool:
        """Whether configured ``code``'s gazetteer holds ``text`` by an exact key."""
        keys = _index_keys(gazetteer_abroad.index_for(code), code)  # the shared one
        return any(key in keys for key in _keys(text))

    def _known(self, key: str, text: str = "") -> bool:
        return (
            key in self._index_keys
            or key == self._own_key
            or key in self._places
            or any(key in keys for keys in self._neighbour_keys())
            or bool(
                text
                and name_checks.abroad(
                    text, country=self.country, named=self.named_abroad
                )
            )
        )

    def _from_place(
        self, place: Place, text: str, start: int, end: int, note: str = ""
    ):
        located = place.location is not None
        return PlaceMention(
            text, start, end, place.name, place.admin1, place.feature_type,
            place.country_code, place.lat if located else None,
            place.lon if located else None, place.precision, place.confidence,
            place.pk, "place", note or place.get_geocode_status_display(),
        )  # fmt: skip

    def _mention(
        self,
        text: str,
        start: int,
        end: int,
        *,
        admin_hint: str = "",
        city_stated: bool = False,
        region_stated: bool = False,
        region_direction: str = "",
        qualified_by: str = "",
        qualified_at: tuple[float, float] | None = None,
        tied_to: str = "",
        part: tuple[str, str] = ("", ""),
        sentence: str = "",
    ) -> PlaceMention | None:
        names, directions = normalize.split_query(text)
        if len(index.query_key(text).replace(" ", "")) < 2:
            return None  # "U.N.": a letter is no place, whatever alternate bears it
        if (
            tied_to
            and tied_to != self.country
            and not directions
            and not name_checks.is_country_abroad(text)
        ):
            # "Kiryat Shmona in northern Israel", "Russia's town of Mozdok": the
            # text says whose town it is (secondcountry.tied_to).
            found = secondcountry.tied_reading(
                self._index, text, start, end, code=tied_to
            )
            if found is not None:
                self._tied.setdefault(index.query_key(text), found)
                return found
        tied_before = self._tied.get(index.query_key(text)) if not tied_to else None
        if tied_before is not None:
            return dataclasses.replace(tied_before, text=text, start=start, end=end)
        if part != ("", "") and not directions:  # "X, in northeastern Syria"
            found = self._in_part(text, start, end, part)
            if found is not None:
                return found
        if index.query_key(" ".join(names)) == "damascus" and (
            region_stated or _SUBURBS.search(text)
        ):
            return self._rif_dimashq(text, start, end, directions)
        if region_stated:  # "Quneitra province", "countryside of Hama"
            found = self._index.candidates(
                text, country=self.country, feature_type="governorate",
                type_stated=True, limit=10,
            )  # fmt: skip
            governorate = next(
                (c for c in found if c.entry.feature_type == "governorate"), None
            )
            if governorate is not None:
                entry = governorate.entry
                return PlaceMention(
                    text, start, end, entry.name, entry.admin1 or entry.name,
                    "governorate", self.country, entry.lat, entry.lon,
                    entry.precision, min(governorate.score, 1.0), None, "gazetteer",
                    f"the governorate, as the text says ({entry.ref})",
                )  # fmt: skip
        place = self._places.get(index.query_key(text))
        if place is not None:
            return self._from_place(place, text, start, end)
        reference = _DIRECTION_OF.match(text)
        if reference:  # "southeast of Daraa": Daraa, a reference, never shifted
            found = self._mention(
                text[reference.end() :], start + reference.end(), end,
                admin_hint=admin_hint, city_stated=True,
            )  # fmt: skip
            return found and dataclasses.replace(
                found, text=text, start=start,
                note=f"{found.name} as the reference of “{text}”",
            )  # fmt: skip
        resolution = self._resolve(text, admin_hint, self._near(text))
        if resolution is not None and (resolution.best.distance_km or 0) > CONTEXT_KM:
            # Near none of the article's places: the context decides nothing (of two
            # far homonyms it is no surer), so the name is read alone.
            resolution = self._resolve(text, admin_hint, ())
        if not admin_hint and self._area:  # "in the Donetsk region": its namesake
            resolution = areahint.within(
                resolution, self._area, text, self._index,
                lambda: self._resolve(text, self._area, self._near(text)),
            )  # fmt: skip
        entry = resolution.best.entry if resolution is not None else None
        far = name_checks.abroad(text, country=self.country, named=self.named_abroad)
        far_wins = bool(far) and (
            entry is None
            or (
                entry.population < name_checks.ABROAD_POPULATION
                and entry.feature_type not in REGION_TYPES
                # A small town abroad outranks only a weak Syrian match.
                and (
                    name_checks.abroad_rank(text, country=self.country) >= 1
                    or resolution.best.match in name_checks.WEAK_MATCHES
                )
            )
        )
        weak = resolution is not None and resolution.best.match in WEAK_MATCHES
        there = self.pointer and self.pointer.placed(  # the sentence's other country
            self._index, sentence, text, start, end,
            unplaced=entry is None or far_wins, weak=weak, knows=self._knows_in,
        )  # fmt: skip
        if there:
            return there
        if far_wins:
            # "Ankara", "Sanaa": the city abroad, not the Syrian hamlet spelt alike.
            kind = "country" if name_checks.is_country_abroad(text) else "city"
            return PlaceMention(
                text, start, end, far, "", kind, "", None, None, None, None, None,
                "abroad", f"{far} is abroad: not placed", "abroad",
            )  # fmt: skip
        if (resolution is None or entry is None) and self.neighbours:
            # Not this country's: a village across the border the story names? Read
            # once the story's sure places are known (the sentence is read again).
            if not self.context:
                self._contested = True
            else:
                return secondcountry.reading(
                    self._index, text, start, end, countries=self.neighbours,
                    anchors=[point[:2] for point in self.context.values()],
                )  # fmt: skip
        names, directions = normalize.split_query(text)
        if (
            (entry is None or entry.feature_type != "country")
            and names
            and (index.query_key(" ".join(names)) == self._own_key)
        ):
            # "Lebanon", "south Lebanon" in a story read in Lebanon: the country (a
            # region without a point), not the governorate that bears its name. (A
            # country built abroad has its country row: "central Mali" reads as
            # before, and the bare name gives no place, as it did: measured, a
            # "Somalia" mention took events from the story's towns.)
            name = " ".join([*directions[:1], *_original_words(text, names)])
            return PlaceMention(
                text, start, end, name[:1].upper() + name[1:], "",
                "area" if directions else "country", self.country, None, None, None,
                None, None, "region",
                f"the country{' (a region of it)' if directions else ''}: no point "
                "(place it by hand if needed)",
            )  # fmt: skip
        if resolution is None or entry is None:
            return None
        if resolution.best.match == "fuzzy" and len(names) == 1:
            return None  # "Sanaa" is not As Si'in: one word, spelt differently
        if resolution.note.startswith("region of") and entry.feature_type == "country":
            # "northern Syria": a region the country's centroid does not locate.
            name = " ".join([directions[0].capitalize(), *_original_words(text, names)])
            return PlaceMention(
                text, start, end, name, "", "area", self.country, None, None, None,
                resolution.confidence, None, "region",
                f"a region of {entry.name}: no point (place it by hand if needed)",
            )  # fmt: skip
        if resolution.note.startswith("region of") and directions:
            # "northern Hama": a region of Hama that no gazetteer row names.
            name = " ".join([directions[0].capitalize(), *_original_words(text, names)])
            base = resolution.candidates[0].entry if resolution.candidates else entry
            if base.feature_type not in {"city", *REGION_TYPES}:
                # "southern Abyan province": no region around a hamlet spelt alike.
                return PlaceMention(
                    text, start, end, name, "", "area", self.country, None, None,
                    None, None, None, "unresolved",
                    f"the gazetteer knows no region {text}: place it by hand",
                )  # fmt: skip
            town = next(
                (
                    c.entry
                    for c in resolution.candidates
                    if c.entry.feature_type == "city"
                    and c.match in {"exact", "alternate"}
                ),
                None,
            )
            if town is not None and (
                city_stated or self.country not in GOVERNORATE_FIRST
            ):
                # "southern Tripoli", "western Taiz city": a part of the city, an
                # area at the city's point (not a point shifted into the country).
                return PlaceMention(
                    text, start, end, name, town.admin1 or town.name, "area",
                    self.country, town.lat, town.lon, 3, resolution.confidence, None,
                    "region", f"the {directions[0]} part of {town.name}, at the "
                    f"city's point ({town.ref})", "exact",
                )  # fmt: skip
            return PlaceMention(
                text, start, end, name,
                "" if entry.feature_type == "country" else entry.admin1 or entry.name,
                "area",
                self.country, entry.lat, entry.lon, 3, resolution.confidence, None,
                "region", f"region of {entry.name}",
            )  # fmt: skip
        if (
            qualified_by
            and _other_governorate(entry, qualified_by)
            and not _beside(entry, qualified_at)
        ):
            # "Omar in Deir ez-Zor countryside" is not the Omar of Homs: the text
            # says where the place is, and the gazetteer's only namesake is elsewhere.
            return PlaceMention(
                text, start, end, text, qualified_by, "village", self.country, None,
                None, None, None, None, "unresolved",
                f"the text puts it in {qualified_by}; the gazetteer's {entry.name} is "
                f"in {entry.admin1}: pick a candidate or place it by hand",
            )  # fmt: skip
        if region_stated and entry.feature_type not in REGION_TYPES:
            # "the western countryside of Kobani": the region around the town (its
            # point, at a region's precision), not the town itself.
            name = " ".join(
                [
                    *([region_direction.capitalize()] if region_direction else []),
                    *_original_words(text, names),
                    "countryside",
                ]
            )
            return PlaceMention(
                text, start, end, name, entry.admin1, "area", self.country,
                entry.lat, entry.lon, 3, min(resolution.confidence, 0.8), None,
                "region", f"the countryside of {entry.name}", resolution.best.match,
            )  # fmt: skip
        note = resolution.note
        if (
            entry.feature_type in {"city", "village"}
            and not city_stated
            and self.country in GOVERNORATE_FIRST
        ):
            # News about Syria says "Idlib" for the province far more than the city.
            region = self._governorate(text)
            key = index.query_key(text)
            if (
                region is not None
                and region.best.entry.feature_type == "governorate"
                and any(
                    key in _keys(n)
                    for n in (region.best.entry.name, *region.best.entry.names)
                )
            ):
                note = f"the governorate (or the city of {entry.name})"
                city = self._located(text, start, end, entry, resolution, "")
                city = dataclasses.replace(
                    city, note=f"the city (or the governorate of {entry.name})"
                )
                governorate = self._located(
                    text, start, end, region.best.entry, region, note
                )
                return dataclasses.replace(governorate, alternative=city)
        if entry.ref.startswith(gazetteer_abroad.COUNTRY_REF):
            # An unconfigured country read in its own gazetteer: its row only names
            # its regions ("central Mali", above); the country itself is no point
            # and no place of an event, as a configured one outside Syria.
            return None
        return self._located(text, start, end, entry, resolution, note)

    def _resolve(self, text: str, admin_hint: str, near: tuple):
        """The index's answer, once per name, governorate and context an article."""
        key = (text, admin_hint, near)
        if key not in self._resolved:
            self._resolved[key] = self._index.resolve(
                text, country=self.country, admin1=admin_hint, near=near
            )
        found = self._resolved[key]
        self._contested = self._contested or _contested(found)
        return found

    def _governorate(self, text: str) -> index.Resolution | None:
        """The index's governorate reading of a name, once per name an article."""
        if text not in self._governorates:
            self._governorates[text] = self._index.resolve(
                text, country=self.country, feature_type="governorate"
            )
        return self._governorates[text]

    def _near(self, text: str) -> tuple[nearby.Point, ...]:
        own = normalize.name_key(text)
        anchors = tuple(point for key, point in self.context.items() if key != own)
        return anchors + self.support.get(own, ())

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

    def _rif_dimashq(self, text, start, end, directions) -> PlaceMention | None:
        """ "Damascus countryside/suburbs" is Rif Dimashq (its name says so)."""
        found = self._index.candidates(
            "Rif Dimashq", country=self.country, feature_type="governorate",
            type_stated=True, limit=3,
        )  # fmt: skip
        entry = next(
            (c.entry for c in found if c.entry.feature_type == "governorate"), None
        )
        if entry is None:
            return None
        name = " ".join([*(d.capitalize() for d in directions[:1]), entry.name])
        return PlaceMention(
            text, start, end, name, entry.admin1 or entry.name,
            "area" if directions else "governorate", self.country, entry.lat,
            entry.lon, 3, 0.9, None, "gazetteer",
            f"the countryside of Damascus is {entry.name}", "exact",
        )  # fmt: skip

    def _located(self, text, start, end, entry, resolution, note) -> PlaceMention:
        place = self._by_ref.get(entry.ref)
        if place is not None:
            return self._from_place(place, text, start, end, f"gazetteer {entry.ref}")
        lat, lon = entry.lat, entry.lon
        if entry.feature_type == "district":
            # "Tal Tamr district": located, as ACLED does, at the town it is named after.
            seat = self._seat(text, entry)
            if seat is not None:
                lat, lon = seat.lat, seat.lon
                note = note or f"{entry.name}, at its seat {seat.name} ({entry.ref})"
        return PlaceMention(
            text, start, end, entry.name, entry.admin1, entry.feature_type,
            self.country, lat, lon, resolution.precision,
            resolution.confidence, None, "gazetteer",
            note or f"gazetteer {entry.ref}", resolution.best.match,
            population=entry.population,
        )  # fmt: skip

    def _in_part(self, text, start, end, part) -> PlaceMention | None:
        """The homonym in the part of the country the text names (compass.py), kept
        for the article's other mentions of the name."""
        found = compass.reading_in_part(
            self._index, text, country=self.country, part=part
        )
        if found is None:
            return None
        entry = found.entry
        mention = PlaceMention(
            text, start, end, entry.name, entry.admin1, entry.feature_type,
            self.country, entry.lat, entry.lon, entry.precision,
            min(found.score, 1.0), None, "gazetteer",
            f"in the part of the country the text names ({entry.ref})", found.match,
            population=entry.population, tied=True,
        )  # fmt: skip
        self._tied.setdefault(index.query_key(text), mention)
        return mention

    def _seat(self, text: str, district):
        names, _ = normalize.split_query(text)
        found = self._index.candidates(
            " ".join(names), country=self.country, feature_type="city", limit=10
        )
        towns = [
            c.entry
            for c in found
            if c.entry.feature_type not in REGION_TYPES
            and c.match in {"exact", "alternate"}
            and index.distance_km(c.entry.lat, c.entry.lon, district.lat, district.lon)
            <= SEAT_KM
        ]
        return towns[0] if towns else None

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
            if name_checks.is_country_abroad(text, country=self.country):
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


@memo.per_scope
def _sentence_words(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, word) of each word, a possessive's "'s" left out."""
    return tuple(
        (m.start(), m.start() + len(word), word)
        for m in WORD.finditer(sentence)
        for word in (_possessive(m.group(0)),)
    )


@memo.per_scope
def _word_kinds(sentence: str) -> tuple[tuple[bool, bool, bool, bool, bool], ...]:
    """words.word_kind of each word of the sentence, once an article."""
    return tuple(word_kind(word) for _, _, word in _sentence_words(sentence))


def _may_start_name(word: str) -> bool:
    """Whether a place's name may begin at this word (_name_windows's first test)."""
    lowered = word.lower()
    starts_direction = lowered in normalize.DIRECTIONS
    return (is_name_word(word) or starts_direction) and lowered not in NOT_NAMES


@memo.per_scope
def _name_starts(sentence: str) -> frozenset[int]:
    """The words of the sentence a name may begin at: the others have no window, so
    _name_spans does not ask (most words are lower-case prose)."""
    return frozenset(
        i for i, (_, _, word) in enumerate(_sentence_words(sentence))
        if _may_start_name(word)
    )  # fmt: skip


@memo.per_scope
def _name_windows(sentence: str, i: int, blocked: tuple) -> tuple:
    """The windows of up to five words at word ``i`` that may be a place's name,
    longest first, as (start, end, next word, key, key without directions or ""),
    whatever the country; None where an outlet's name ends the search. Once per
    sentence and word in an article: a story read in two countries' gazetteers
    (ingest/country/country.py) asks them twice."""
    words = _sentence_words(sentence)
    if not _may_start_name(words[i][2]):
        return ()
    kinds = _word_kinds(sentence)
    found: list = []
    for n in range(min(5, len(words) - i), 0, -1):
        window = words[i : i + n]
        if not name_like(kinds, i, n) or _punctuated(sentence, window):
            continue
        start, end = window[0][0], window[-1][1]
        if any(b_start <= start and end <= b_end for b_start, b_end in blocked):
            continue
        text = sentence[start:end]
        if (
            normalize.is_not_a_place(text)
            or text.lower() in PREFIX_WORDS
            or text.lower() in DEMONYMS
            or _demonym_and_kind(text)
        ):
            continue
        names, directions = normalize.split_query(text)
        if directions and all(n in PREFIX_WORDS for n in names):
            continue  # "Eastern Tel" (Ahmar Hills) is no place
        if _OUTLET_AFTER.match(sentence, end):
            found.append(None)
            break
        bare = index.query_key(" ".join(names)) if directions and names else ""
        found.append((start, end, i + n, index.query_key(text), bare))
    return tuple(found)


# A name that begins an outlet's: "Shafaq News", "Deir Ezzor Media Center", "Aden TV".
_OUTLET_AFTER = re.compile(
    r"\s+(?:News|TV|Television|Radio|Agency|Media (?:Center|Centre|Office|Network)|"
    r"Network|Channel|Post|Times|Observer|Tribune|Herald|Daily)\b"
)


def _punctuated(sentence: str, window: list[tuple[int, int, str]]) -> bool:
    """A name never runs on past a comma or a bracket: "Deir al-Zour, state news
    agency SANA" names Deir al-Zour."""
    return any(
        sentence[a[1] : b[0]].strip(" \t\u00a0")
        for a, b in zip(window, window[1:], strict=False)
    )


def _contested(resolution: index.Resolution | None) -> bool:
    """Another point scores within reach of the best: nearness could reorder them.

    Two points d km apart differ in nearness bonus by at most
    NEAR_BONUS * (1 - exp(-d / NEAR_SCALE_KM)), plus the far penalty (and a margin)."""
    if resolution is None or len(resolution.candidates) < 2:
        return False
    best = resolution.candidates[0].entry
    for rival in resolution.candidates[1:]:
        if rival.entry.feature_type in REGION_TYPES:
            continue
        apart = index.distance_km(best.lat, best.lon, rival.entry.lat, rival.entry.lon)
        reach = (
            index.NEAR_BONUS * (1 - math.exp(-apart / index.NEAR_SCALE_KM))
            - index.NEAR_FAR
            + index.NEAR_SAME_ADMIN1  # the rival in the others' governorate
            + 0.01
        )
        if resolution.candidates[0].score - rival.score <= reach:
            return True
    return False


_POSSESSIVE = re.compile(r"['’]s$")
# What a word ends with when _POSSESSIVE can match it ("$" also before a last "\n").
_POSSESSIVE_ENDS = ("'s", "’s", "'s\n", "’s\n")


def _possessive(word: str) -> str:
    if not word.endswith(_POSSESSIVE_ENDS):
        return word  # most words: no substitution to run
    return _POSSESSIVE.sub("", word)


def _original_words(text: str, keys: list[str]) -> list[str]:
    words = [_possessive(w) for w in WORD.findall(text)]
    return [w for w in words if normalize.tokens(w) and normalize.tokens(w)[0] in keys]


# "X in Y", "X, Y", "X of Y": Y says where X is.
_QUALIFIER = re.compile(r"\s*(?:,|\bin|\bof)\s+(?:the\s+)?", re.I)
_CALLED_PLACE = re.compile(
    r"\b(?:village|town|city|hamlet|area|neighbou?rhood)s?\s+of\s+(?:the\s+)?$", re.I
)
_CALLED_AFTER = re.compile(r"^\s+(?:village|town|city|hamlet|neighbou?rhood)\b", re.I)


def _given_name_alone(sentence: str, start: int, end: int) -> bool:
    """A lone given name ("Omar", "Ali") the text does not call a village or town."""
    if normalize.name_key(sentence[start:end]) not in GIVEN_NAMES:
        return False
    return not (
        _CALLED_PLACE.search(sentence[max(0, start - 40) : start])
        or _CALLED_AFTER.match(sentence[end:])
    )


def _other_governorate(entry, admin1: str) -> bool:
    """A point the gazetteer puts in another governorate than the text says."""
    return (
        entry.feature_type not in REGION_TYPES
        and bool(entry.admin1)
        and normalize.name_key(entry.admin1) != normalize.name_key(admin1)
    )


def _beside(entry, point: tuple[float, float] | None) -> bool:
    """The gazetteer's place lies beside the point of the area the text puts it in:
    "the suburb of X in Damascus" is X of Rif Dimashq, a few km from the capital (a
    city that is its own governorate, its suburbs in the one around it)."""
    return point is not None and (
        index.distance_km(entry.lat, entry.lon, point[0], point[1]) <= SUBURB_KM
    )


def _demonym_and_kind(text: str) -> bool:
    """ "Shi'ite village", "Christian town": an adjective of a people and a kind of
    place, not a place's name."""
    words = text.lower().split()
    return len(words) == 2 and words[0] in PEOPLE_ADJECTIVES and words[1] in KIND_WORDS
