"""Community lists merged into the bundled Syria places: OCHA's COD populated places
(HDX "syr_pplp" tables, GeoJSON or CSV) and Open-Syria's localities.json (the same
7,593 OCHA communities with GeoNames and Wikidata ids).

A community the bundle already holds (same GeoNames id, or a settlement of the same
governorate within SAME_PLACE_KM bearing one of its names) lends it the OCHA English
and Arabic names and aliases (the humanitarian spellings the press copies) and its
p-code; any other becomes a row of its own (ref ``ochaPcode:C1234``). Used by
``scripts/merge_localities_sy.py``; nothing here reads the network.
"""

import csv
import gzip
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from places.geocoding import normalize
from places.geocoding.index import distance_km as _distance_km

SAME_PLACE_KM = 2.0
# OCHA admin1 p-codes and Open-Syria governorate ids -> the project's governorates.
OCHA_ADMIN1 = {
    "SY01": "Damascus",
    "SY02": "Aleppo",
    "SY03": "Rif Dimashq",
    "SY04": "Homs",
    "SY05": "Hama",
    "SY06": "Latakia",
    "SY07": "Idlib",
    "SY08": "Al-Hasakah",
    "SY09": "Deir ez-Zor",
    "SY10": "Tartus",
    "SY11": "Raqqa",
    "SY12": "Daraa",
    "SY13": "As-Suwayda",
    "SY14": "Quneitra",
}
OPENSYRIA_ADMIN1 = {
    f"sy-{name.lower().replace(' ', '-')}": name for name in OCHA_ADMIN1.values()
}
_SETTLEMENTS = {"city", "village"}
# Column names of the OCHA tables seen on HDX (COD-AB pplp, humanitarian locations).
_COLUMNS = {
    "pcode": ("ADM4_PCODE", "admin4Pcode", "Location_Pcode", "PCODE"),
    "name": ("ADM4_EN", "admin4Name_en", "LocationName_en", "NAME_EN"),
    "name_ar": ("ADM4_AR", "admin4Name_ar", "LocationName_ar", "NAME_AR"),
    "admin1": ("ADM1_PCODE", "admin1Pcode"),
    "lat": ("LAT", "latitude", "Latitude", "Y"),
    "lon": ("LON", "longitude", "Longitude", "X"),
}


@dataclass
class Community:
    pcode: str
    name: str
    name_ar: str
    admin1: str
    lat: float
    lon: float
    aliases: list[str] = field(default_factory=list)
    kind: str = "village"
    refs: dict[str, str] = field(default_factory=dict)


@dataclass
class MergeReport:
    read: int = 0
    enriched: int = 0
    added: int = 0
    without_point: int = 0
    names_added: int = 0


def _column(row: dict, key: str) -> str:
    for name in _COLUMNS[key]:
        if row.get(name) not in (None, ""):
            return str(row[name]).strip()
    return ""


def from_opensyria(records: Iterable[dict], report: MergeReport) -> Iterator[Community]:
    """Open-Syria localities.json records (schemas/localities.schema.json)."""
    for record in records:
        report.read += 1
        point, refs = record.get("centroid"), dict(record.get("externalIds") or {})
        if not point or "ochaPcode" not in refs:
            report.without_point += 1
            continue
        yield Community(
            pcode=refs.pop("ochaPcode"),
            name=record["name"]["en"],
            name_ar=record["name"].get("ar", ""),
            admin1=OPENSYRIA_ADMIN1.get(record["governorateId"], ""),
            lat=float(point["latitude"]),
            lon=float(point["longitude"]),
            aliases=[a["value"] for a in record.get("aliases", ())],
            kind="city" if record.get("kind") in ("city", "town") else "village",
            refs={k: str(v) for k, v in refs.items()},
        )


def from_ocha(rows: Iterable[dict], report: MergeReport) -> Iterator[Community]:
    """OCHA COD populated-places rows (CSV columns or GeoJSON properties)."""
    for row in rows:
        report.read += 1
        lat, lon, pcode = (
            _column(row, "lat"),
            _column(row, "lon"),
            _column(row, "pcode"),
        )
        if not (lat and lon and pcode):
            report.without_point += 1
            continue
        yield Community(
            pcode=pcode,
            name=_column(row, "name"),
            name_ar=_column(row, "name_ar"),
            admin1=OCHA_ADMIN1.get(_column(row, "admin1"), ""),
            lat=float(lat),
            lon=float(lon),
        )


def communities_read(path: Path, report: MergeReport) -> list[Community]:
    """Open-Syria JSON (a list), OCHA GeoJSON (points) or an OCHA CSV table."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        return list(from_ocha(csv.DictReader(io.StringIO(text)), report))
    data = json.loads(text)
    if isinstance(data, list):
        return list(from_opensyria(data, report))
    rows = []
    for feature in data.get("features", ()):
        properties = dict(feature.get("properties") or {})
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Point":
            properties["X"], properties["Y"] = geometry["coordinates"][:2]
        rows.append(properties)
    return list(from_ocha(rows, report))


def _alike(a: str, b: str) -> bool:
    """One name is the other plus words: OCHA writes "Tal Sheer Simaan" (its district
    added) for the village GeoNames calls Tall Shair, 300 m away."""
    short, long_ = sorted((a.split(), b.split()), key=len)
    return len(" ".join(short)) >= 4 and set(short) <= set(long_)


def _names(community: Community) -> list[str]:
    names = (community.name, community.name_ar, *community.aliases)
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def _row_names(row: dict) -> list[str]:
    return [row["name"], row["name_ar"], *row["alternate_names"].split("|")]


def _enrich(row: dict, community: Community, report: MergeReport) -> None:
    names = _row_names(row)
    new = [n for n in _names(community) if n not in names]
    if new:
        row["alternate_names"] = "|".join(filter(None, [row["alternate_names"], *new]))
        report.names_added += len(new)
    row["name_ar"] = row["name_ar"] or community.name_ar
    ref = f"ochaPcode:{community.pcode}"
    if ref not in row["source_ref"].split("|"):
        row["source_ref"] = f"{row['source_ref']}|{ref}".strip("|")
    report.enriched += 1


def _new_row(community: Community, source: str) -> dict:
    names = [
        n for n in _names(community) if n not in (community.name, community.name_ar)
    ]
    refs = [f"ochaPcode:{community.pcode}"]
    refs += [f"{k}:{v}" for k, v in sorted(community.refs.items())]
    return {
        "ref": refs[0],
        "name": community.name or community.name_ar,
        "name_ar": community.name_ar,
        "alternate_names": "|".join(names),
        "feature_type": community.kind,
        "feature_code": "",
        "admin1": community.admin1,
        "admin2": "",
        "lat": f"{community.lat:.5f}",
        "lon": f"{community.lon:.5f}",
        "precision": "1",
        "population": "",
        "source": source,
        "source_ref": "|".join(refs),
        "uncertainty_km": "1",
    }


def _alike_near(rows: list[dict], community: Community) -> dict[int, dict]:
    keys = [normalize.name_key(n) for n in _names(community)]
    return {
        id(r): r
        for r in rows
        if r["feature_type"] in _SETTLEMENTS
        and r["admin1"] == community.admin1
        and abs(float(r["lat"]) - community.lat) < 0.05
        and _distance_km(community.lat, community.lon, float(r["lat"]), float(r["lon"]))
        <= SAME_PLACE_KM
        and any(
            _alike(key, normalize.name_key(name))
            for key in keys
            for name in filter(None, _row_names(r))
        )
    }


def communities_merge(
    rows: list[dict], communities: Iterable[Community], *, source: str
) -> MergeReport:
    """Merge ``communities`` into the bundle ``rows`` (in place); idempotent."""
    report = MergeReport()
    by_ref = {r["ref"]: r for r in rows}
    by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        if row["feature_type"] in _SETTLEMENTS:
            for name in filter(None, _row_names(row)):
                by_key[(row["admin1"], normalize.name_key(name))].append(row)
    for community in communities:
        row = by_ref.get(f"geonames:{community.refs.get('geonames', '')}")
        row = row or by_ref.get(f"ochaPcode:{community.pcode}")
        if row is None:
            near = {
                id(r): r
                for name in _names(community)
                for r in by_key.get((community.admin1, normalize.name_key(name)), ())
                if _distance_km(
                    community.lat, community.lon, float(r["lat"]), float(r["lon"])
                )
                <= SAME_PLACE_KM
            } or _alike_near(rows, community)
            row = min(
                near.values(),
                key=lambda r: _distance_km(
                    community.lat, community.lon, float(r["lat"]), float(r["lon"])
                ),
                default=None,
            )
        if row is not None:
            _enrich(row, community, report)
            continue
        row = _new_row(community, source)
        rows.append(row)
        by_ref[row["ref"]] = row
        for name in _names(community):
            by_key[(community.admin1, normalize.name_key(name))].append(row)
        report.added += 1
    return report


def bundle_read(path: Path) -> tuple[list[str], list[dict]]:
    """The bundle's comment header lines and its rows."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        lines = handle.readlines()
    header = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#")]
    return header, list(csv.DictReader(body))


def bundle_write(path: Path, header: list[str], rows: list[dict]) -> None:
    columns = list(rows[0])
    with gzip.open(path, "wt", encoding="utf-8", newline="", compresslevel=9) as out:
        out.writelines(header)
        writer = csv.DictWriter(out, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
