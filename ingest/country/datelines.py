"""Wire datelines: where a story was filed ("BEIRUT (Reuters) -", "Bamako, Mali —").

A dateline's town and country are places the article names, read as its context, but
never where its events happened.
"""

import re

# "AMMAN (Reuters) -", "DAMASCUS, June 5 (Xinhua) --", "ADEN/SANAA (Reuters) -",
# "ADEN, Yemen, May 14 (Xinhua) --", "ERBIL, Kurdistan Region -", "AMMAN/BEIRUT:",
# "DAMASCUS --", "BEIRUT Aug 28 Turkey-backed rebels ...".
_CAPS = r"[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}"
_MONTH_DAY = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
)
_DATELINE = re.compile(
    rf"^(?P<names>{_CAPS}(?:\s*/\s*{_CAPS})*)"
    r"(?:,\s*(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d)"
    r"(?P<country>[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}))?"
    rf"(?P<day>,?\s+{_MONTH_DAY})?"
    r"\s*(?:\([^)]{2,40}\))?\s*"
    r"(?:[-–—]+\s|:\s|(?<=\d)\s+(?=[A-Z]))"
)


# "Bamako, Mali — Two soldiers …", "Gaza City (Reuters) - …": a dateline in title
# case names its country or its outlet, and a dash ends it.
_TITLE = r"[A-Z][a-z'’.-]+(?: [A-Z][a-z'’.-]+){0,2}"
_TITLE_DATELINE = re.compile(
    rf"^(?P<names>{_TITLE})"
    rf"(?:,\s*(?P<country>{_TITLE})(?:,?\s+{_MONTH_DAY})?\s*(?:\([^)]{{2,40}}\))?"
    rf"|(?:,?\s+{_MONTH_DAY})?\s*\([^)]{{2,40}}\))"
    r"\s*[-–—]+\s"
)


# "Damascus, May 27 (IANS) A mass grave …", "Kandahar, Afghanistan, Apr 15 (UNI) One
# child …", "Sari Pul (Afghanistan), Sep 1 One child …": the news agencies' dateline
# with no dash, its day and a bracket (the agency's or the country's) marking it.
_BRACKETED_DATELINE = re.compile(
    rf"^(?P<names>{_TITLE})"
    rf"(?:(?:,\s*(?P<country>{_TITLE}))?,\s+{_MONTH_DAY}\s*\([^)]{{2,40}}\)"
    rf"|\s*\([^)]{{2,40}}\),\s+{_MONTH_DAY})"
    r"\s+(?=[A-Z\"“])"
)
# "Sidon (Lebanon): An Israeli drone strike …": a known city, its country, a colon.
_COLON_DATELINE = re.compile(rf"^(?P<names>{_TITLE})\s*\({_TITLE}\)\s*:\s+(?=[A-Z\"“])")


# "Kyiv — Russian drones …", "Bamako: Armed gunmen …": a town alone before a dash or
# a colon is a dateline only when it is a known city (a capital or a city of 50,000),
# not "Update:" or "Watch —".
_SHORT_DATELINE = re.compile(rf"^(?P<names>{_TITLE})\s*(?:[-–—]+|:)\s+(?=[A-Z\"“])")


# "Khartoum, Oct 22 More than 10 people …", "Aden, (Pakistan Point News – 16th
# September, 2016) : 5 people …", "Gaza Strip, (APP - UrduPoint / Pakistan Point News
# - 25th Oct, 2024) Gaza's civil defence …": a known city, then its day or its outlet's
# bracket (one that ends in a year needs no dash after it).
_TITLE_DAY_DATELINE = re.compile(
    rf"^(?P<names>{_TITLE}),\s*"
    rf"(?:{_MONTH_DAY}\s*(?:\([^)]{{2,40}}\))?\s+(?=[A-Z\d])"
    r"|\([^)]{2,60}\)\s*(?:[-–—]+|:)\s+"
    r"|\([^()]{2,90}\b(?:19|20)\d\d\s*\)\s*(?:(?:[-–—]+|:)\s+)?(?=[A-Z\"“]))"
)


def _dateline(first_sentence: str) -> re.Match | None:
    match = (
        _DATELINE.match(first_sentence)
        or _TITLE_DATELINE.match(first_sentence)
        or _BRACKETED_DATELINE.match(first_sentence)
    )
    if match is None:
        for shape in (_SHORT_DATELINE, _COLON_DATELINE, _TITLE_DAY_DATELINE):
            short = shape.match(first_sentence)
            if short is not None and _city_country(short["names"]):
                return short
    return match


def _city_country(name: str) -> str:
    """The country code of a capital or city of 50,000 spelt ``name`` ("" if none)."""
    # names reads GeoNames; datelines stays a leaf otherwise
    from ingest.where import abroadnames

    return abroadnames.city_country(name)


def filed_in(first_sentence: str) -> str:
    """The country code a dateline names or whose city it names ("" when none)."""
    match = _dateline(first_sentence)
    if match is None:
        return ""
    if match.groupdict().get("country"):
        code = _city_country(match["country"])
        if code:
            return code
    first = re.split(r"\s*/\s*", match["names"])[0]
    first = first.title() if first.isupper() else first
    return _city_country(first) or _town_country(first, match)


def _town_country(name: str, match: re.Match) -> str:
    """The country of a town of 15,000 spelt ``name`` (or a configured gazetteer's
    town) when the line has a wire dateline's full shape ("BENI (Reuters) -",
    "NABATIEH (AFP) —"): any bundled country's town, not only a capital or a city of
    50,000."""
    from ingest.where import abroadnames

    if match.re not in (_DATELINE, _TITLE_DATELINE, _BRACKETED_DATELINE):
        return ""
    found = abroadnames.abroad_entry(name, country="")
    return found[1] if found is not None and found[2] >= 0 else _gazetteer_town(name)


def _gazetteer_town(name: str) -> str:
    """The configured country whose gazetteer holds a town by this exact or alternate
    name ("NABATIEH (Reuters) -", a town GeoNames' list of 15,000 spells otherwise)."""
    from django.conf import settings

    from places import gazetteer

    index = gazetteer.gazetteer_index()
    for code in settings.GAZETTEER_COUNTRIES:
        for found in index.candidates(name, country=code.upper(), limit=2):
            if (
                found.match in {"exact", "alternate"}
                and found.entry.feature_type == "city"
            ):
                return code.upper()
    return ""


def dateline_span(first_sentence: str) -> tuple[int, int] | None:
    """(start, end) of a wire dateline opening the first sentence, its dash included:
    where the reporter filed, so no event's place (its names are read as context)."""
    match = _dateline(first_sentence)
    return (0, match.end()) if match is not None else None


def dateline_names(first_sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the places a wire dateline names: where the story was
    filed, a place the article names but never where its events happened."""
    match = _DATELINE.match(first_sentence)
    if match is None:
        match = _dateline(first_sentence)
        if match is None:
            return []
        return [(0, match.end("names"), match.group("names"))]
    found = []
    for part in re.finditer(r"[A-Z][A-Z .'’-]*[A-Z]", match.group("names")):
        found.append((part.start(), part.end(), part.group(0).title()))
    return found


def dateline_country(first_sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the country or region a dateline adds after its town
    ("Latakia, Syria –", "KHARTOUM, Sudan (AP) —"): named, and no event's place."""
    match = _dateline(first_sentence)
    if match is None or not match.groupdict().get("country"):
        return []
    return [(match.start("country"), match.end("country"), match["country"])]
