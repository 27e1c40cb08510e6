"""Build places/data/abroad/<CC>.txt.gz: GeoNames populated places of a country, as
imported by Who's On First, in GeoNames' own 19-column dump format (compact).

Usage: .venv/bin/python scripts/build_gazetteer_abroad.py WOF_GIT_DIR CC [...]
WOF_GIT_DIR holds one clone per country, <dir>/whosonfirst-data+whosonfirst-data-admin-
<cc>/repo (a bare or normal git directory; the files are read from HEAD).

Kept: WOF localities and neighbourhoods that carry a GeoNames record (gn:geonameid,
feature class P), not superseded, deprecated or marked not current (mz:is_current 0).
Columns filled: geonameid, name, asciiname, alternatenames (Latin and Arabic names from
the WOF record, at most MAX_NAMES), latitude, longitude (5 decimals), feature class and
code, country, admin1 code, population; the others stay empty. `manage.py
import_gazetteer` reads the file as it reads any GeoNames dump.

For the countries in CONCORDED (Palestine, Israel) WOF holds most GeoNames places only
as a concordance (wof:concordances gn:id on a current WOF locality, no gn:* record):
those are kept too, as the GeoNames id with WOF's point, name and names (feature code
PPL, no admin1), where no gn:* record of the same id exists.
"""

import gzip
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "places" / "data" / "abroad"
MAX_NAMES = 12
# Palestine: 386 rows from gn:* records alone, 1,015 with the concorded ones.
CONCORDED = {"PS", "IL"}
_USEFUL = re.compile(r"^[\w\s'’‘ʻʼ`\-.,()]+$")
_LATIN_OR_ARABIC = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff]")
_NAME_KEYS = re.compile(r"^name:(eng|und|fra|ara|ukr_x_translit|ara_x_translit)?")


def _blobs(repo: Path):
    listing = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "HEAD", "--name-only"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    paths = [p for p in listing if p.endswith(".geojson") and "-alt-" not in p]
    proc = subprocess.Popen(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    request = "".join(f"HEAD:{p}\n" for p in paths).encode()

    def feed():
        proc.stdin.write(request)
        proc.stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    for _ in paths:
        header = proc.stdout.readline().split()
        data = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)
        yield json.loads(data)
    proc.wait()


def _names(props: dict) -> list[str]:
    found = [props.get("gn:name") or "", props.get("wof:name") or ""]
    for key, value in props.items():
        if key.startswith("name:") and isinstance(value, list):
            found += value
    kept = []
    for name in found:
        name = " ".join(str(name).split()).replace(",", " ").replace("\t", " ")
        if name and _USEFUL.match(name) and _LATIN_OR_ARABIC.search(name):
            kept.append(name)
    return list(dict.fromkeys(kept))


def _admin1(code) -> str:
    text = str(code or "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(2) if text.isdigit() else text


def _concorded(props: dict, country: str) -> list[str] | None:
    """A current WOF locality that names its GeoNames place only by concordance."""
    geonameid = (props.get("wof:concordances") or {}).get("gn:id")
    if not geonameid or props.get("wof:country") != country:
        return None
    name = " ".join(str(props["wof:name"]).split())
    lat = props.get("lbl:latitude", props.get("geom:latitude"))
    lon = props.get("lbl:longitude", props.get("geom:longitude"))
    names = [n for n in _names(props) if n != name][:MAX_NAMES]
    return [
        str(int(geonameid)),
        name,
        name,
        ",".join(names),
        f"{float(lat):.5f}",
        f"{float(lon):.5f}",
        "P",
        "PPL",
        country,
        *[""] * 5,
        str(int(props.get("gn:population") or 0)),
        *[""] * 4,
    ]


def rows(repo: Path, country: str, *, concorded: bool = False):
    for feature in _blobs(repo):
        props = feature["properties"]
        if props.get("wof:placetype") not in {"locality", "neighbourhood"}:
            continue
        if props.get("mz:is_current") == 0 or props.get("wof:superseded_by"):
            continue
        if props.get("edtf:deprecated") not in (None, "", "uuuu"):
            continue
        if concorded and not props.get("gn:geonameid"):
            row = _concorded(props, country)
            if row:
                yield row, False
            continue
        if not props.get("gn:geonameid") or props.get("gn:feature_class") != "P":
            continue
        if (props.get("gn:country_code") or country) != country:
            continue
        name = " ".join(str(props.get("gn:name") or props["wof:name"]).split())
        ascii_name = props.get("gn:asciiname") or name
        names = [n for n in _names(props) if n != name][:MAX_NAMES]
        if ascii_name != name and ascii_name not in names:
            names.insert(0, ascii_name)
        lat = props.get("gn:latitude", props.get("geom:latitude"))
        lon = props.get("gn:longitude", props.get("geom:longitude"))
        yield (
            [
                str(int(props["gn:geonameid"])),
                name,
                ascii_name,
                ",".join(names),
                f"{float(lat):.5f}",
                f"{float(lon):.5f}",
                "P",
                props.get("gn:feature_code") or "PPL",
                country,
                "",
                _admin1(props.get("gn:admin1_code")),
                "",
                "",
                "",
                str(int(props.get("gn:population") or 0)),
                "",
                "",
                "",
                "",
            ],
            True,
        )


def main(base: str, countries: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for cc in countries:
        repo = (
            Path(base)
            / f"whosonfirst-data+whosonfirst-data-admin-{cc.lower()}"
            / "repo"
        )
        found, extra = {}, {}
        for row, is_record in rows(repo, cc.upper(), concorded=cc.upper() in CONCORDED):
            # one row per GeoNames id; a gn:* record wins over a concordance
            (found if is_record else extra).setdefault(row[0], row)
        for geonameid, row in extra.items():
            found.setdefault(geonameid, row)
        ordered = sorted(found.values(), key=lambda r: int(r[0]))
        target = OUT / f"{cc.upper()}.txt.gz"
        # mtime=0: the same input gives the same bytes
        with gzip.GzipFile(target, "wb", compresslevel=9, mtime=0) as handle:
            for row in ordered:
                handle.write(("\t".join(row) + "\n").encode())
        print(cc.upper(), len(ordered), target.stat().st_size)  # noqa: T201


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
