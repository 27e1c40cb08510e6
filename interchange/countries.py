"""Countries: names, ISO 3166 numeric codes and Gleditsch-Ward ids to ISO alpha-2, and back.

ISO 3166 comes from pycountry (maintained, the ISO tables); Gleditsch-Ward numbers and
UCDP GED's own country names from data/gleditsch_ward.csv (sourced in its README).
"""

import csv
import functools
import re
from collections.abc import Callable
from pathlib import Path

import pycountry

GW_TABLE = Path(__file__).parent / "data" / "gleditsch_ward.csv"

# ACLED's spellings where they differ from ISO 3166's short names.
ACLED_NAMES = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
    "CI": "Ivory Coast", "SZ": "eSwatini", "PS": "Palestine", "TR": "Turkey",
    "RU": "Russia", "SY": "Syria", "IR": "Iran", "LA": "Laos", "KR": "South Korea",
    "KP": "North Korea", "VN": "Vietnam", "BO": "Bolivia", "VE": "Venezuela",
    "TZ": "Tanzania", "MD": "Moldova", "CZ": "Czech Republic", "TL": "East Timor",
    "CV": "Cape Verde", "FM": "Micronesia", "BN": "Brunei", "TW": "Taiwan",
    "VA": "Vatican City", "XK": "Kosovo", "GB": "United Kingdom", "US": "United States",
    "MK": "North Macedonia", "BA": "Bosnia and Herzegovina",
}  # fmt: skip

# Other names the datasets use (old and short forms).
NAME_ALIASES = {
    "state of palestine": "PS", "palestinian territory": "PS", "turkiye": "TR",
    "türkiye": "TR", "syrian arab republic": "SY", "kosovo": "XK",
    "united states of america": "US", "usa": "US", "uk": "GB", "great britain": "GB",
    "dr congo": "CD", "drc": "CD", "zaire": "CD", "congo, dr": "CD",
    "congo, democratic republic of": "CD", "congo": "CG", "swaziland": "SZ",
    "burma": "MM", "kampuchea": "KH", "macedonia": "MK", "macedonia, fyr": "MK",
    "yugoslavia": "RS", "soviet union": "RU", "north yemen": "YE", "malagasy": "MG",
    "rhodesia": "ZW", "bosnia-herzegovina": "BA", "east timor": "TL",
    "ivory coast": "CI", "cote d'ivoire": "CI", "cape verde": "CV",
}  # fmt: skip

MIDDLE_EAST = {
    "AE", "BH", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY",
    "TR", "YE",
}  # fmt: skip
_PARENTHESIS = re.compile(r"^(.*?)\s*\((.*)\)\s*$")


@functools.cache
def _gleditsch_ward() -> tuple[dict[int, str], dict[str, int], dict[str, str]]:
    """(G-W number -> ISO2, ISO2 -> first G-W number, ISO2 -> UCDP name)."""
    to_iso: dict[int, str] = {}
    to_gw: dict[str, int] = {}
    ucdp_names: dict[str, str] = {}
    with GW_TABLE.open(encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table):
            number, code = int(row["gw"]), row["iso2"]
            to_iso[number] = code
            if code not in to_gw or number in _PREFERRED_GW:
                to_gw[code] = number
                ucdp_names[code] = row["ucdp_name"]
    return to_iso, to_gw, ucdp_names


# Where one ISO country has several G-W numbers, the one UCDP GED uses today.
_PREFERRED_GW = {255, 316, 345, 365, 678, 816}


@functools.cache
def _by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names[value.lower()] = country.alpha_2
    for code, value in ACLED_NAMES.items():
        names[value.lower()] = code
    for code, value in _gleditsch_ward()[2].items():
        names[value.lower()] = code
    names.update(NAME_ALIASES)
    return names


@functools.cache
def _by_numeric() -> dict[int, str]:
    return {int(c.numeric): c.alpha_2 for c in pycountry.countries}


def code_from_name(name: str) -> str | None:
    """ISO2 for a country name in ISO, ACLED or UCDP spelling ('DR Congo (Zaire)')."""
    key = " ".join(name.strip().lower().split())
    found = _by_name().get(key)
    if found is None:
        match = _PARENTHESIS.match(key)  # 'Myanmar (Burma)': either part
        if match:
            found = _by_name().get(match.group(1)) or _by_name().get(match.group(2))
    return found


def code_from_iso_numeric(number: int) -> str | None:
    return _by_numeric().get(number)


def code_from_gleditsch_ward(number: int) -> str | None:
    return _gleditsch_ward()[0].get(number)


def iso_numeric(code: str) -> int | None:
    country = pycountry.countries.get(alpha_2=code.upper())
    return int(country.numeric) if country else None


def gleditsch_ward(code: str) -> int | None:
    return _gleditsch_ward()[1].get(code.upper())


def name(code: str, *, dataset: str = "acled") -> str:
    """The country's name as the dataset spells it (ACLED's, or UCDP GED's)."""
    code = code.upper()
    if dataset == "ucdp" and code in _gleditsch_ward()[2]:
        return _gleditsch_ward()[2][code]
    if code in ACLED_NAMES:
        return ACLED_NAMES[code]
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return ""
    return getattr(country, "common_name", None) or country.name


def region(code: str) -> str:
    return "Middle East" if code.upper() in MIDDLE_EAST else ""


def country_of_row(
    check,
    cells: dict,
    *,
    id_column: str,
    from_id: Callable[[int], str | None],
    maximum: int,
) -> str:
    """ISO2 code of a row: its numeric country id first, else its country name.

    An unknown name is reported on ``check`` (a RowChecker) and gives ""."""
    number = check.integer(id_column, cells.get(id_column, ""), maximum=maximum)
    if number is not None:
        code = from_id(number)
        if code:
            return code
    name = cells.get("country", "").strip()
    code = code_from_name(name)
    if code is None:
        check.error("country", f"{name[:80]!r} is not a known country")
        return ""
    return code
