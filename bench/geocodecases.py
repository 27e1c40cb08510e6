"""The labelled spelling lists of bench/geocodebench.py, each read into cases (query,
expected place and point, tolerance, feature type, article, country).

The lists:
- places/data/spellings_sy.csv, the project's own list (built alongside the gazetteer);
- places/data/spellings_news_sy.csv, spellings copied from news articles independently
  of the gazetteer rows. Every 3rd row of it (data rows 3, 6, 9, ... in file order) is
  HELD OUT: the split was fixed before anyone looked at the rows, and --verbose lists
  only the misses of the other (dev) rows, so tuning never sees the held-out ones;
- places/data/spellings_news2_sy.csv, a second news list collected the same way from
  other articles (5 December 2026), with the same every-3rd-row rule fixed before it was
  first measured;
- places/data/spellings_news3_sy.csv, a third news list from 26 further articles (6 December
  2026), whose split column holds the same every-3rd-row rule, fixed before it was measured;
- places/data/spellings_news4.csv, a fourth list from the 18 reports of the ingest corpus's
  held-out series M (6 December 2026), ALL HELD OUT, and not only Syrian: its country column
  names the country each spelling is looked up in (a country outside the bench's index is
  read in that country's own in-memory gazetteer, places/gazetteer_abroad.py, as ingest
  does). Only its overall lines are printed, never its misses;
- places/data/spellings_news5.csv, a fifth list from the 16 reports of the held-out series O
  (6 December 2026), in list 4's form and under its rules: ALL HELD OUT, any country, only
  its overall lines printed;
- places/data/spellings_news6.csv, a sixth list from the 16 reports of the held-out series W
  (6 December 2026), in list 4's form and under its rules: ALL HELD OUT, any country, only
  its overall lines printed;
- places/data/spellings_news7.csv, a seventh list from the 16 reports of the held-out series
  V (6 December 2026), in list 4's form and under its rules: ALL HELD OUT, any country, only
  its overall lines printed;
- places/data/spellings_news8.csv, an eighth list from the 16 reports of the held-out series
  D (6 December 2026), in list 4's form and under its rules: ALL HELD OUT, any country, only
  its overall lines printed;
- places/data/spellings_news9.csv, a ninth list from the 16 reports of the held-out series
  AA (7 December 2026), in list 4's form and under its rules: ALL HELD OUT, any country,
  only its overall lines printed;
- places/data/spellings_news10.csv, a tenth list from the 8 held-out (even-id) reports of
  series AD (7 December 2026), in list 4's form: ALL HELD OUT, overall lines only.
- places/data/spellings_news11.csv, an eleventh list from the 8 held-out (even-id)
  reports of series AE, wars outside Syria (7 December 2026), in list 4's form and under
  its rules: ALL HELD OUT, any country, only its overall lines printed.
- places/data/spellings_news12.csv, a twelfth list from the 7 held-out (even-id) reports
  of series AF, Syria's war and its borders (7 December 2026): ALL HELD OUT, overall only.
- places/data/spellings_news14.csv, a fourteenth list from the 8 held-out (even-id)
  reports of series AH, wars in Africa and Asia (7 December 2026), in list 4's form and
  under its rules: ALL HELD OUT, any country, only its overall lines printed.
- places/data/spellings_news13.csv, a thirteenth list from the 8 held-out (even-id)
  reports of series AG, the Russia-Ukraine and Israel-Gaza-Lebanon-West Bank wars
  (7 December 2026), in list 4's form and under its rules: ALL HELD OUT, overall lines only.
- places/data/spellings_news16.csv, a sixteenth list from the 7 held-out (even-id)
  reports of series AJ, the wars beyond Syria of 2023-2026 (7 December 2026), in list 4's
  form and under its rules: ALL HELD OUT, any country, only its overall lines printed.
- places/data/spellings_news17.csv, a seventeenth list from the 7 held-out (even-id)
  reports of series AK, wars the corpus had barely seen (7 December 2026), in list 4's
  form and under its rules: ALL HELD OUT, any country, only its overall lines printed.
"""

import csv
from pathlib import Path

from places import nahiyas
from places.geocoding import index as geoindex
from places.geocoding import normalize

ROOT = Path(__file__).resolve().parent.parent
SPELLINGS = ROOT / "places" / "data" / "spellings_sy.csv"
NEWS = ROOT / "places" / "data" / "spellings_news_sy.csv"
NEWS2 = ROOT / "places" / "data" / "spellings_news2_sy.csv"
NEWS3 = ROOT / "places" / "data" / "spellings_news3_sy.csv"
NEWS4 = ROOT / "places" / "data" / "spellings_news4.csv"
NEWS5 = ROOT / "places" / "data" / "spellings_news5.csv"
NEWS6 = ROOT / "places" / "data" / "spellings_news6.csv"
NEWS7 = ROOT / "places" / "data" / "spellings_news7.csv"
NEWS8 = ROOT / "places" / "data" / "spellings_news8.csv"
NEWS9 = ROOT / "places" / "data" / "spellings_news9.csv"
NEWS10 = ROOT / "places" / "data" / "spellings_news10.csv"
NEWS11 = ROOT / "places" / "data" / "spellings_news11.csv"
NEWS12 = ROOT / "places" / "data" / "spellings_news12.csv"
NEWS13 = ROOT / "places" / "data" / "spellings_news13.csv"
NEWS14 = ROOT / "places" / "data" / "spellings_news14.csv"
NEWS15 = ROOT / "places" / "data" / "spellings_news15.csv"
NEWS16 = ROOT / "places" / "data" / "spellings_news16.csv"
NEWS17 = ROOT / "places" / "data" / "spellings_news17.csv"
NEWS18 = ROOT / "places" / "data" / "spellings_news18.csv"
HIT_KM, WRONG_KM = 5.0, 25.0


def load_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def project_cases(index: geoindex.GazetteerIndex) -> list[dict]:
    """The project's list, each row typed by the gazetteer row it was labelled from."""
    cases = []
    for row in load_cases(SPELLINGS):
        lat, lon = float(row["lat"]), float(row["lon"])
        nearest = min(
            index.entries,
            key=lambda e: (
                geoindex.distance_km(lat, lon, e.lat, e.lon)
                + (
                    0
                    if normalize.name_key(e.name)
                    == normalize.name_key(row["expected_name"])
                    else 50
                )
            ),
        )
        cases.append(
            {
                "query": row["query"],
                "admin1": row["admin1_hint"],
                "expected": row["expected_name"],
                "lat": lat,
                "lon": lon,
                "tolerance": HIT_KM,
                "type": nearest.feature_type,
            }
        )
    return cases


def _news_case(row: dict) -> dict:
    """A news list's row as a case: the spelling as printed, its place, its article."""
    return {
        "query": row["spelling"],
        "admin1": "",
        "expected": row["canonical"],
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "tolerance": float(row["tolerance_km"]),
        "type": row["feature_type"],
        "article": row["source_url"],
    }


def news_cases(path: Path = NEWS) -> tuple[list[dict], list[dict]]:
    """(dev, held-out) rows of an independent news list: every 3rd row is held out, or
    the row's split column says so where the list has one."""
    dev, held = [], []
    for number, row in enumerate(load_cases(path), start=1):
        case = _news_case(row)
        is_held = row.get("split", "heldout" if number % 3 == 0 else "dev") == "heldout"
        (held if is_held else dev).append(case)
    return dev, held


def news4_cases(path: Path = NEWS4) -> list[dict]:
    """The rows of the fourth news list (series M), each with the country it is looked
    up in; every row is held out (its split column), so none is ever listed."""
    return country_list_cases(path)


def country_list_cases(path: Path) -> list[dict]:
    """A held-out news list with a country column: each row with its lookup country."""
    cases = []
    for row in load_cases(path):
        if row["split"] != "heldout":
            raise ValueError(
                f"{path.name}: every row is held out, not {row['split']!r}"
            )
        cases.append({**_news_case(row), "country": row["country"].upper()})
    return cases


def nahiya_cases() -> list[dict]:
    """Each nahiya's bare OCHA names (English, Arabic) -> the seat bearing them. From the
    gazetteer (places/nahiyas.py), so a coverage check, not an independent list."""
    return [
        {
            "query": name,
            "admin1": "",
            "expected": seat.seat_name,
            "lat": seat.lat,
            "lon": seat.lon,
            "tolerance": HIT_KM,
            "type": "seat",
        }
        for seat in nahiyas.seats_load()
        if seat.method == "named"  # "Jebel Saman" is the district, not Aleppo
        for name in dict.fromkeys((seat.nahiya_name, seat.nahiya_name_ar))
        if name
    ]
