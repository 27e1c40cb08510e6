"""Reading a place phrase: the feature type its words state, a governorate written
into it, its direction words, and the keys to look it up by (generic head or not)."""

import functools
import math
import re

from places.geocoding import normalize, vocabulary

# A generic head a query may be stripped of, and the feature type it hints at.
# The Arabic heads are the Latin ones' (arabic_key spelling): "خربة تدمر" is tried as
# "تدمر" too, as "Khirbet Tadmur" is as "Tadmur" (issue 14 §2 audit).
_HEAD_TYPES = {"tl": "hill", "jbl": "area", "khrbt": "village", "qlt": "",
               "تل": "hill", "جبل": "area", "خربه": "village", "قلعه": ""}  # fmt: skip
_TYPE_WORDS = {
    **dict.fromkeys(vocabulary.REGION_WORDS, "governorate"),
    "district": "district",
    "subdistrict": "district",
    "nahiya": "district",
    "nahiyah": "district",
    "nahiyat": "district",
    "raion": "district",
    "dam": "dam",
    "airfield": "base",
    "garrison": "base",
    "heliport": "base",
    "luftwaffenbasis": "base",
    "militarbasis": "base",
    "aerienne": "base",
    "aerea": "base",
    "hill": "hill",
    "hills": "hill",
    "hilltop": "hill",
    "hilltops": "hill",
    "base": "base",
    "airbase": "base",
    "airport": "base",
    "crossing": "crossing",
}
_CONTEXT = re.compile(r"\s+(?:in|near|of|outside)\s+|\s*,\s*", re.IGNORECASE)
_PARENTHESIS = re.compile(r"^(.+?)\s*\(([^()]+)\)\s*$")
_ARABIC_TYPES = {"countryside": "governorate", "hill": "hill", "base": "base",
                 "governorate": "governorate", "district": "district"}  # fmt: skip
_BEARINGS = {"north": 0, "east": 90, "south": 180, "west": 270,
             "nord": 0, "ost": 90, "sud": 180, "ouest": 270}  # fmt: skip
REGION_OFFSET_KM = 25.0  # "western X countryside": this far west of X


@functools.lru_cache(maxsize=100_000)
def type_from_words(query: str) -> str:
    """Feature type the query's own words state ("Idlib province" is a governorate)."""
    if normalize.is_arabic(query):
        return _ARABIC_TYPES.get(normalize.arabic_parts(query)[2], "")
    for word in normalize.tokens(query):
        if word in _TYPE_WORDS:
            return _TYPE_WORDS[word]
    return ""


# Words that name a mountain or plain, not a settlement ("Jabal X", "X mountains").
_LANDFORM_WORDS = frozenset(
    ["mountain", "mountains", "mountainous", "mount", "heights", "plain"]
)
_LANDFORM_HEADS = frozenset(["jbl", "جبل", "جبال", "سهل"])
_COUNTRYSIDE_WORDS = frozenset(["countryside", "rural"])


@functools.lru_cache(maxsize=100_000)
def states_landform(query: str) -> bool:
    """True when the query names a mountain or plain ("Jabal Turkman", "Qalamoun
    mountains", "جبل الأكراد"): a village of a like name is not what it means."""
    if normalize.is_arabic(query):
        words = query.split()
        return len(words) > 1 and normalize.arabic_key(words[0]) in _LANDFORM_HEADS
    words = normalize.tokens(query)
    if _LANDFORM_WORDS.intersection(words):
        return True
    return normalize.name_key(query).partition(" ")[0] in _LANDFORM_HEADS


def states_countryside(query: str) -> bool:
    """ "Damascus countryside", "rural Damascus", "ريف دمشق": the country around a
    city, which may be a governorate of its own (Rif Dimashq)."""
    if normalize.is_arabic(query):
        return normalize.arabic_parts(query)[2] == "countryside"
    return bool(_COUNTRYSIDE_WORDS.intersection(normalize.tokens(query)))


def split_context(query: str) -> tuple[str, str]:
    """'X in Y' / 'X, Y' / 'X (Y)' -> (X, Y); ('', '') parts stay empty."""
    bracketed = _PARENTHESIS.match(query)
    if bracketed:
        return bracketed.group(1), bracketed.group(2)
    parts = _CONTEXT.split(query, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0], parts[1]
    return query, ""


def slash_alternatives(query: str) -> list[str]:
    """'Nasib/Jaber border crossing' -> ['Nasib border crossing', 'Jaber border
    crossing']: each name of a slash pair, with the words that follow the pair."""
    if "/" not in query or normalize.is_arabic(query):
        return []
    parts = [p.strip() for p in query.split("/")]
    if len(parts) > 4 or not all(parts):
        return []
    last = parts[-1].split()
    cut = len(last)
    while cut > 1 and last[cut - 1].lower() in vocabulary.DESCRIPTORS:
        cut -= 1  # the words after the pair ("border crossing") describe each name
    trailer = " ".join(last[cut:])
    heads = [*parts[:-1], " ".join(last[:cut])]
    return [f"{h} {trailer}".strip() for h in heads]


def bearing_of(directions: list[str]) -> float | None:
    """Compass bearing of direction words ("north-western" -> 315), None if none."""
    x = y = 0.0
    for word in directions:
        for name, degrees in _BEARINGS.items():
            if name in word:
                x += math.sin(math.radians(degrees))
                y += math.cos(math.radians(degrees))
    if abs(x) < 1e-9 and abs(y) < 1e-9:
        return None
    return math.degrees(math.atan2(x, y)) % 360


def moved(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) toward ``bearing`` (flat-earth: short hops)."""
    dlat = km * math.cos(math.radians(bearing)) / 111.2
    dlon = km * math.sin(math.radians(bearing)) / (111.2 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


@functools.lru_cache(maxsize=100_000)
def query_key(text: str) -> str:
    """Key of a query or name with descriptor words ("hilltops", "village") dropped."""
    if normalize.is_arabic(text):
        return normalize.name_key(text)
    names, directions = normalize.split_query(text)
    return normalize.name_key(" ".join(directions + names))


def query_keys(text: str) -> list[str]:
    """Keys to try for a query, most literal first: the whole phrase, then the phrase
    without its generic head ("تل العيس", "Tal al-Eis" -> "العيس", "al-Eis")."""
    return list(_query_keys(text))


@functools.lru_cache(maxsize=100_000)
def _query_keys(text: str) -> tuple[str, ...]:
    keys = [query_key(text)]
    if normalize.is_arabic(text):
        name, directions, _stated = normalize.arabic_parts(text)
        if not directions:  # "ريف حلب الغربي" is not Aleppo: a region of it
            keys.append(normalize.name_key(name))
    first, _, rest = keys[-1].partition(" ")
    if first in _HEAD_TYPES and rest:
        keys.append(rest)
    glued = _GLUED_TALL.match(keys[0])
    if glued:  # "Tallrifaat", "Telrifaat": Tall Rif'at, tried last (not "Talbiseh")
        keys.append("tl " + keys[0][glued.end() :])
    return tuple(dict.fromkeys(k for k in keys if k))


# Tall/Tell/Tal/Tel glued to a name of four letters or more (keys have no doubles).
_GLUED_TALL = re.compile("^t[aei]l(?=[a-z]{4})")


def clear_caches() -> None:
    """Empty every lru_cache of this module and of normalize.py (the name and phrase
    memos), so that a benchmark reads its next names cold."""
    for value in [*vars(normalize).values(), *globals().values()]:
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()
