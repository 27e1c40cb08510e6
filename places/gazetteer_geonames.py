"""GeoNames-format rows: one dump line read into an unsaved row, and the bundled
villages of a country (places.gazetteer_villages) merged with the cities500 towns."""

from collections.abc import Iterable, Iterator

from places import gazetteer_entry, gazetteer_villages
from places.geocoding import index as geoindex
from places.geocoding import normalize
from places.models import GazetteerEntry, Place

_HILLS = {"HLL", "HLLS", "MT", "MTS", "PK", "PKS", "RDGE", "MND", "TLL"}
_BASES = {"AIRB", "AIRF", "AIRP", "MILB", "INSM", "CMP"}
_CROSSINGS = {"PSTB", "BDG"}


def _geonames_type(feature_class: str, code: str, population: int) -> tuple[str, int]:
    if feature_class == "A":
        if code.startswith("PCL"):
            return Place.FeatureType.COUNTRY, 3
        if code == "ADM1":
            return Place.FeatureType.GOVERNORATE, 3
        return Place.FeatureType.DISTRICT, 2
    if feature_class == "T" and code in _HILLS:
        return Place.FeatureType.HILL, 1
    if feature_class == "S" and code in _BASES:
        return Place.FeatureType.BASE, 1
    if feature_class == "S" and code in _CROSSINGS:
        return Place.FeatureType.CROSSING, 1
    if feature_class in {"L", "T"}:
        return Place.FeatureType.AREA, 3 if feature_class == "L" else 2
    if feature_class == "P":
        return gazetteer_entry._settlement_type(population), 1
    return Place.FeatureType.AREA, 2


def _parse_geonames_line(line: str) -> list[str]:
    columns = line.rstrip("\n").split("\t")
    if len(columns) != 19:
        raise ValueError(f"expected 19 tab-separated columns, found {len(columns)}")
    return columns


def _geonames_entry(
    columns: list[str], *, source: str, keyed: bool = True
) -> GazetteerEntry:
    """The unsaved row of one parsed GeoNames line; ValueError when it is malformed.
    ``keyed=False`` leaves the database key empty (an in-memory index has its own)."""
    (gid, name, _ascii, alternates, lat, lon, fclass, fcode, country, _cc2,
     admin1, admin2, _a3, _a4, population, *_rest) = columns  # fmt: skip
    feature_type, precision = _geonames_type(fclass, fcode, int(population or 0))
    names = gazetteer_entry._useful_names(alternates.split(","))
    entry = gazetteer_entry._entry(
        dataset=GazetteerEntry.Dataset.GEONAMES,
        ref=str(int(gid)),
        name=name[:200],
        name_ar=next((n for n in names if gazetteer_entry._ARABIC.search(n)), "")[:200],
        alternate_names=names,
        feature_class=fclass,
        feature_code=fcode[:10],
        feature_type=feature_type,
        country_code=country,
        admin1=gazetteer_entry._admin1_name(country, admin1)[:120],
        admin2=admin2[:120],
        lat=float(lat),
        lon=float(lon),
        population=int(population or 0),
        source=source,
        precision=precision,
        **({} if keyed else {"key": ""}),
    )
    if not (-90 <= entry.lat <= 90 and -180 <= entry.lon <= 180):
        raise ValueError("latitude or longitude out of range")
    return entry


def geonames_line_entry(
    line: str, *, source: str, keyed: bool = True
) -> GazetteerEntry | None:
    """The unsaved row of one GeoNames-format line; None when it is malformed."""
    if not line.strip() or line.startswith("#"):
        return None
    try:
        columns = _parse_geonames_line(line)
        return _geonames_entry(columns, source=source, keyed=keyed)
    except ValueError:
        return None


def village_entries(
    country: str, known: Iterable[GazetteerEntry] = (), *, keyed: bool = True
) -> Iterator[GazetteerEntry]:
    """Unsaved rows of ``country``'s bundled villages (places.gazetteer_villages); a
    row whose GeoNames id is among ``known`` (cities500 rows), or that shares a
    spelling with one of them within TWIN_KM (GeoNames' second record of a town: "Dinder"
    beside cities500's Ad Dindar), adds its spellings to that row instead.
    ``keyed=False``: no database key (an in-memory index only)."""
    path = gazetteer_villages.path_for(country)
    if path is None:
        return
    known = [e for e in known if e.dataset == GazetteerEntry.Dataset.GEONAMES]
    by_ref = {e.ref: e for e in known}
    twin = _Twins(known)
    for line in gazetteer_villages.lines(path):
        entry = geonames_line_entry(line, source=gazetteer_villages.SOURCE, keyed=keyed)
        if entry is None or entry.country_code != country.upper():
            continue
        same = by_ref.get(entry.ref) or twin.of(entry)
        if same is not None:
            extra = [entry.name, *entry.alternate_names]
            same.alternate_names = list(dict.fromkeys([*same.alternate_names, *extra]))
            same.name_ar = same.name_ar or entry.name_ar
            continue
        yield entry


TWIN_KM = 25.0


class _Twins:
    """The cities500 row a bundled village duplicates: one within TWIN_KM that shares
    a spelling with it (by name key). A grid of 0.25 degree cells finds the rows near."""

    def __init__(self, towns: list[GazetteerEntry]) -> None:
        self.cells: dict[tuple[int, int], list[GazetteerEntry]] = {}
        for town in towns:
            self.cells.setdefault(self._cell(town.lat, town.lon), []).append(town)
        self.keys: dict[str, frozenset[str]] = {}

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return int(lat // 0.25), int(lon // 0.25)

    def _keys(self, entry: GazetteerEntry) -> frozenset[str]:
        names = [entry.name, *entry.alternate_names]
        return frozenset(normalize.name_key(n) for n in names if n) - {""}

    def of(self, entry: GazetteerEntry) -> GazetteerEntry | None:
        row, col = self._cell(entry.lat, entry.lon)
        near = [
            town
            for dr in (-1, 0, 1)
            for dc in (-1, 0, 1)
            for town in self.cells.get((row + dr, col + dc), ())
            if geoindex.distance_km(entry.lat, entry.lon, town.lat, town.lon) <= TWIN_KM
        ]
        if not near:
            return None
        mine = self._keys(entry)
        for town in near:
            if town.ref not in self.keys:
                self.keys[town.ref] = self._keys(town)
            if mine & self.keys[town.ref]:
                return town
        return None
