"""The index's readings of one name for PlaceMatcher (ingest/where/matching.py): the
answer once per name, area and context an article, a gazetteer entry or Place row as a
mention (a district at its seat), the countryside of Damascus, the namesake in the part of
the country the text names; whether the index or a neighbour's knows a name's exact
key. IndexReader is PlaceMatcher's base: its state (index, caches, context) is set by
PlaceMatcher.__init__. Split from ingest/where/matching.py."""

import math

from ingest.where import abroadnames, compass, nearby
from ingest.where.indexkeys import _index_keys, _keys
from ingest.where.mention import REGION_TYPES, PlaceMention
from places import gazetteer_abroad
from places.geocoding import index, normalize
from places.models import Place

SEAT_KM = 30.0  # a district's seat lies near its centroid


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


class IndexReader:
    """The index's readings of one name (PlaceMatcher's base)."""

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
                and abroadnames.abroad(
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
