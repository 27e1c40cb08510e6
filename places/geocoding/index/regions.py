"""Regions the index derives: "eastern X countryside", "Rif X", a part of a town."""

from dataclasses import replace

from places.geocoding import normalize
from places.geocoding.index.entries import (
    Candidate,
    IndexEntry,
    Resolution,
    _bearing,
    distance_km,
)
from places.geocoding.index.ranking import (
    _DIRECTION_ADJECTIVES,
    _REGION_TYPES,
    _SETTLEMENT_TYPES,
    _SURE_MATCHES,
    _WIDE_TYPES,
    AREA_OFFSET_KM,
    SECTOR_DEGREES,
    SECTOR_MIN_KM,
)
from places.geocoding.phrases import REGION_OFFSET_KM, bearing_of, moved, query_keys

# A village named for a part of a place ("al-Karak al-Sharqi") lies this near the
# place itself; the governorate's centroid counts as a place of its name.
PART_OF_WHOLE_KM = 30.0


class RegionRules:
    """GazetteerIndex's answers for regions named by a direction or a countryside."""

    def _part_of_settlement(
        self, name: str, directions: list[str], options: dict
    ) -> Resolution | None:
        """ "Eastern Karak", no region of that name: the village named for that part
        (al-Karak al-Sharqi) when the gazetteer has it, else the settlement itself at
        precision 2 -- never a point REGION_OFFSET_KM away, as for a province."""
        bearing = bearing_of(directions)
        for adjective in _DIRECTION_ADJECTIVES.get(bearing, ()):
            if not self._bears_key(f"{name} {adjective}", options["country"]):
                continue  # no row bears it: no sure match (the other scans skipped)
            ranked = [
                c
                for c in self.candidates(f"{name} {adjective}", **options)
                if c.match in _SURE_MATCHES
                and c.entry.feature_type in _SETTLEMENT_TYPES
            ]
            ranked = self._near_its_whole(ranked, name, options)
            if ranked:
                return self._answer(ranked, "")
        # A governorate, district or area of that name makes it a region (_region_of).
        ranked = self.candidates(name, feature_type="governorate", **options)
        if not ranked or any(c.entry.feature_type in _REGION_TYPES for c in ranked):
            return None
        ranked = [c for c in ranked if c.entry.feature_type in _SETTLEMENT_TYPES]
        if not ranked:
            return None
        found = self._answer(ranked, f"{' '.join(directions)} part of {name}")
        return replace(found, precision=max(found.precision, 2))

    def _near_its_whole(
        self, parts: list[Candidate], name: str, options: dict
    ) -> list[Candidate]:
        """The villages named for a part of ``name`` that lie near a place bearing
        ``name``: "western Daraa" is not Dara Gharbi of Idlib, 350 km from Daraa, nor
        "eastern Suwayda" As Suwaydah ash Sharqiyah of Hama (a part lies by its whole,
        as Barri ash Sharqi by Barri). With no place of that name, every part stays."""
        if not parts:
            return parts
        wholes = [
            c.entry
            for c in self.candidates(name, **options)
            if c.match in _SURE_MATCHES
        ]
        if not wholes:
            return parts
        return [
            c
            for c in parts
            if any(
                distance_km(c.entry.lat, c.entry.lon, w.lat, w.lon) <= PART_OF_WHOLE_KM
                for w in wholes
            )
        ]

    def _bears_key(self, query: str, country: str) -> bool:
        """Whether a row bears one of ``query``'s keys: the only way candidates()
        finds a match of _SURE_MATCHES (the later scans find weaker kinds only)."""
        countries = [country.upper()] if country else self._countries
        return any(
            self._keys.get((c, key)) for key in query_keys(query) for c in countries
        )

    def _countryside_first(self, ranked: list[Candidate]) -> list[Candidate]:
        """ "Damascus countryside" is Rif Dimashq (ريف دمشق), a governorate of its own,
        when the governorate named has such a countryside governorate."""
        best = ranked[0].entry
        if best.feature_type != "governorate" or not best.name_ar:
            return ranked
        rif = normalize.arabic_key(f"ريف {best.name_ar}")
        for i in self._keys.get((best.country, rif), {}):
            entry = self.entries[i]
            if entry.feature_type == "governorate":
                first = replace(ranked[0], entry=entry, score=ranked[0].score + 0.01)
                rest = (c for c in ranked if c.entry not in (entry, best))
                return [first, *rest]  # the city's own governorate is not meant
        return ranked

    def _sector_point(
        self, base: IndexEntry, bearing: float
    ) -> tuple[float, float] | None:
        """Mean of the sub-district centres of base's governorate that lie toward
        ``bearing`` (±SECTOR_DEGREES) from it: "eastern Deir ez-Zor countryside"
        follows the Euphrates south-east, where a fixed offset east lands in desert."""
        points = []
        for e in self._subdistrict_centres(base.country, base.admin1 or base.name):
            if distance_km(base.lat, base.lon, e.lat, e.lon) < SECTOR_MIN_KM:
                continue  # the centre's own sub-district is not its countryside
            off = abs(
                (_bearing(base.lat, base.lon, e.lat, e.lon) - bearing + 180) % 360 - 180
            )
            if off <= SECTOR_DEGREES:
                points.append((e.lat, e.lon))
        if len(points) < 2:
            return None
        return (
            sum(p[0] for p in points) / len(points),
            sum(p[1] for p in points) / len(points),
        )

    def _region_of(
        self, name: str, directions: list[str], options: dict
    ) -> Resolution | None:
        """'western Aleppo countryside' with no such region in the gazetteer: the point
        REGION_OFFSET_KM toward that direction from the place named, at precision 3."""
        ranked = self.candidates(name, feature_type="governorate", **options)
        if not ranked:
            return None
        found = self._answer(ranked, "")
        base = found.best.entry
        # Only a governorate (or country) has a countryside 25 km out: a named area or
        # a town with its sub-district ("eastern Saraqib") is some 10-20 km across,
        # and its direction lies within it.
        small = not any(c.entry.feature_type in _WIDE_TYPES for c in ranked)
        # "Rif Halab": the countryside around the city of that name, when there is one.
        towns = [c.entry for c in ranked if c.entry.feature_type == "city"]
        if towns and towns[0].admin1 == base.admin1:
            base = towns[0]
        lat, lon = base.lat, base.lon
        bearing = bearing_of(directions)
        if bearing is not None and small:
            lat, lon = moved(lat, lon, bearing, AREA_OFFSET_KM)
        elif bearing is not None:
            lat, lon = self._sector_point(base, bearing) or moved(
                lat, lon, bearing, REGION_OFFSET_KM
            )
        words = " ".join([*directions, base.name, "(region)"]).strip()
        entry = IndexEntry(
            ref=f"region-of:{base.ref}",
            name=words,
            lat=lat,
            lon=lon,
            country=base.country,
            admin1=base.admin1 or base.name,
            # "northern Syria": a country's region keeps the country's type, so that
            # callers (ingest) know no point locates it; and it is never confident.
            feature_type="country" if base.feature_type == "country" else "area",
            precision=3,
            source=f"derived from {base.ref}",
        )
        best = Candidate(entry, found.best.score, found.best.match, found.best.matched)
        # Derived, so never fully trusted; an ambiguous name stays ambiguous.
        confidence = round(min(found.confidence, 1.0) * 0.8, 3)
        if base.feature_type == "country":
            confidence = round(confidence * 0.5, 3)  # a reviewer places it
        return Resolution(
            best, 3, confidence, found.candidates, f"region of {base.name}"
        )
