"""One name read as a place for PlaceMatcher (ingest/where/matching.py): tied to a
country, a governorate the text states, an existing Place, a reference ("southeast of
X"), a homonym near the article's places or in the area it names, a town abroad or across
the border, the article's own country, a region of a city or governorate, a name the text
puts in another governorate, the city or the governorate ("Idlib"). NameReader is
PlaceMatcher's base (its state is set by PlaceMatcher.__init__). Split from
ingest/where/matching.py."""

import dataclasses
import re

from ingest.country import secondcountry
from ingest.where import abroadnames, areahint, countrynames, districthint
from ingest.where import names as name_checks
from ingest.where.indexkeys import _keys
from ingest.where.indexreader import IndexReader
from ingest.where.mention import REGION_TYPES, PlaceMention
from ingest.where.names import WEAK_MATCHES
from ingest.where.windows import _original_words
from places import gazetteer_abroad
from places.geocoding import index, normalize, vocabulary
from places.geocoding.index import placehint

# Countries whose news names a governorate by its bare name ("Idlib") as often as
# the city, so the article decides (names.cities). Reports on Yemen, Libya and Sudan
# in the corpus mean the city ("Taiz", "Tripoli", "Aden"): their labels' points.
GOVERNORATE_FIRST = frozenset({"SY"})


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


# "X in Damascus" of a suburb the gazetteer puts in Rif Dimashq: within this of the
# point of the area named, the text's area is the suburb's city, not another place.
SUBURB_KM = 15.0


# A name read near the article's other places keeps that reading only within this
# distance of one of them (twice the index's NEAR_SCALE_KM: a bonus still worth having).
CONTEXT_KM = 2 * index.NEAR_SCALE_KM


_SUBURBS = re.compile(r"\b(?:suburbs?|countrysides?|rural|outskirts)\b", re.I)
_DIRECTION_OF = re.compile(
    rf"^(?:{'|'.join(sorted(vocabulary.DIRECTIONS, key=len, reverse=True))})\s+of\s+"
    r"(?:the\s+)?",
    re.I,
)


class NameReader(IndexReader):
    """One name read as a place (PlaceMatcher's base)."""

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
            and not countrynames.is_country_abroad(text)
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
        # "Malah (Salkhad district)": the namesake by the seat (the district read as a
        # region gives only its governorate, where "Sarjah, Ariha district" has two).
        district = districthint.beside(sentence, end)
        if district:
            resolution = (
                self._resolve(f"{text} ({district})", "", self._near(text))
                or resolution
            )
        elif not admin_hint and self._area:  # "in the Donetsk region": its namesake
            resolution = areahint.within(
                resolution, self._area, text, self._index,
                lambda: self._resolve(text, self._area, self._near(text)),
            )  # fmt: skip
        entry = resolution.best.entry if resolution is not None else None
        far = abroadnames.abroad(text, country=self.country, named=self.named_abroad)
        if district and entry is not None and resolution.confidence >= placehint.SURE:
            far = ""  # "Malah (Salkhad district)" is no Male of the Maldives
        far_wins = bool(far) and (
            entry is None
            or (
                entry.population < abroadnames.ABROAD_POPULATION
                and entry.feature_type not in REGION_TYPES
                # A small town abroad outranks only a weak Syrian match.
                and (
                    abroadnames.abroad_rank(text, country=self.country) >= 1
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
            kind = "country" if countrynames.is_country_abroad(text) else "city"
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
