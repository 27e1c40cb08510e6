"""Where an event happened: named targets the gazetteer lacks, lists of targets.

- "the villages of A, B, C and D": each name is a place, found in the gazetteer or not;
  a name the gazetteer lacks is kept unresolved (no point) for the editor to place.
- Where fire came from ("forces based in A shelled C") is in origins.py.
- A place named as a reference ("southeast of X") or an outlet's name is in
  references.py; a point far from every other place the article names (doubtful,
  kept as a name for the editor without the point) in farpoints.py.
"""

import itertools
import re
from collections.abc import Callable

from ingest.reading import cues
from ingest.reading.words import (
    DEMONYMS,
    GIVEN_NAMES,
    NOT_NAMES,
    is_name_word,
    is_title_case,
)
from ingest.where import kindnames
from ingest.where.mention import PlaceMention
from places.geocoding import normalize

_HEAD = re.compile(
    r"\b(?:villages?|towns?|cities|city|areas?|neighbou?rhoods?|hills?|hilltops?|"
    r"districts?|camps?|settlements?|localities)\s+of\s+",
    re.I,
)
_HEAD_BEFORE = re.compile(_HEAD.pattern + "$", re.I)
_NAME = r"(?:(?!(?:and|or)\b)['’‘]?[A-Za-z][\w'’‘-]*)"
_ITEM = re.compile(rf"{_NAME}(?:\s+{_NAME}){{0,3}}")
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+)")
# A stop word starts after a blank, never after a hyphen: "Mahan-on" is one name.
_STOP = re.compile(
    r"(?<![\w'’‘-])(?:in|near|on|at|from|by|after|amid|with|which|that|while|as|to|the|east|west|"
    r"north|south|eastern|western|northern|southern|countryside|province|area|"
    r"outskirts|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
    r"yesterday|january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\b.*$",
    re.I,
)


def _clean(item: str) -> str:
    item = _STOP.sub("", item).strip(" ,.;:")
    words = item.split()
    while words and not is_name_word(words[-1]):
        words.pop()  # "Hoshan in" -> "Hoshan"
    return " ".join(words)


def listed_names(
    sentence: str, head_pattern: re.Pattern[str] = _HEAD
) -> list[tuple[int, int, str]]:
    """(start, end, name) of each place in "the villages of A, B and C" lists."""
    found = []
    for head in head_pattern.finditer(sentence):
        position = head.end()
        while True:
            item = _ITEM.match(sentence, position)
            if item is None:
                break
            name = _clean(item.group(0))
            if (
                not name
                or not is_name_word(name.split()[0])
                or name.split()[0].lower() in NOT_NAMES  # "the town of X, Aug. 22"
            ):
                break
            found.append((item.start(), item.start() + len(name), name))
            if len(name) < len(item.group(0).rstrip()):
                break  # "D in rural Deraa": the list ends at "in"
            separator = _SEPARATOR.match(sentence, item.end())
            if separator is None:
                break
            position = separator.end()
    return found


_PREFIXED = re.compile(
    r"\b(?:Tel|Tell|Tal|Tall|Kafr|Kfar|Kafar|Deir|Dayr|Khirbet|Khirbat|Kharab|Kherbet|"
    r"Khurbet|Ain|Ayn|Ein|Jabal|Jebel|Umm|Um|Bir|Ras|Maarat|Qalaat|Hayy?|Beit|Bayt|"
    r"Mazraat|Wadi|Jisr|Marj|Qasr)\s+(?:(?:al|el|ad|ar|as|ash)-)?"
    r"[A-Z][\w'’-]+"
    # "Tell Sheikh Hamad", "Kafr Nabl al-Jadida": the name's other capitalised words.
    r"(?:\s+(?!(?:On|In|At|And|Or|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Roundabout|Square|Street|Road|Highway|Mosque|Hospital|School|"
    r"Market|Camp|Bridge|Dam|Airport|Base|Checkpoint|Village|Town|City)\b)"
    r"(?:(?:al|el)-[A-Za-z]|[A-Z])[\w'’-]+){0,2}"
)
# "al-Kabr town", "Theban town", "Ein Laruz village": a name the text calls a place.
_CALLED = re.compile(
    r"\b((?:(?:al|el)-)?[A-Z][\w'’-]+(?:\s+(?:(?:al|el)-)?[A-Z][\w'’-]+)?)\s+"
    r"(?:village|town|city|camp|hill|neighbou?rhood|area|site|[Ss]quare|[Rr]oundabout)\b"
)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|into|toward|towards|of|on|targeted|struck|shelled|hit|"
    r"captured|seized|stormed)\s+(?:the\s+)?((?:al|el)-[A-Z][\w'’-]+)"
)

# "entered Xxx on foot", "stormed Xxx": what forces enter or storm is a place.
_ENTERED = re.compile(
    r"\b(?:entered|stormed|overran|raided)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)
# "strikes ... in Aaa Bbb, Ccc and Ddd": a list of names where things happen, each a
# place whether the gazetteer knows any of them or not (listed_with needs one known).
_ONE = r"(?:(?:al|el)-)?[A-Z][\w'’-]+(?:\s+(?:(?:al|el)-)?[A-Z][\w'’-]+)?"
_PLACE_LIST = re.compile(
    r"\b(?:in|at|near|targeted|struck|shelled|bombed|hit|raided|stormed|entered)\s+"
    rf"((?:{_ONE}\s*,\s*)*{_ONE},?\s+and\s+{_ONE})\b"
)
_LIST_ONE = re.compile(_ONE)

# What says which kind of place, not which one ("an Al-Qaeda-held town", "an IDP camp").
_DESCRIBES = kindnames.DESCRIBES


# A site's own name ("Al-Amal Hospital") says where in a town, not which town: the
# town the text names elsewhere stays the event's place.
_SITE = frozenset(
    {"hospital", "school", "mosque", "market", "camp", "base", "checkpoint",
     "square", "street", "road", "bridge", "prison", "university", "airport",
     "roundabout", "church", "stadium", "hotel", "building", "office", "factory"}
)  # fmt: skip
# "in A, B and C neighbourhoods": parts of a town, which the town's point stands for.
_PARTS_AFTER = re.compile(
    r"\s+(?:neighbou?rhoods|quarters|districts|streets|camps|areas)\b", re.I
)


def _names_a_place(name: str) -> bool:
    first = name.split()[0]
    return not (
        name.split()[-1].lower() in _SITE
        or first.lower() in NOT_NAMES
        or first.lower() in DEMONYMS
        or normalize.name_key(first) in GIVEN_NAMES
        or _DESCRIBES.search(name)
    )


def named_places(sentence: str) -> list[tuple[int, int, str]]:
    """Names the text marks as places: listed targets, prefixed village names
    ("Tel Mheed", "Kafr Nouran"), "X village/town", "in al-Xxx"."""
    found = listed_names(sentence) + kindnames.marked(sentence)
    for match in _PREFIXED.finditer(sentence):
        found.append((match.start(), match.end(), match.group(0)))
    for chain in _PLACE_LIST.finditer(sentence):
        if _PARTS_AFTER.match(sentence, chain.end(1)):
            continue
        found += [
            (item.start(), item.end(), item.group(0))
            for item in _LIST_ONE.finditer(sentence, chain.start(1), chain.end(1))
            if _names_a_place(item.group(0))
        ]
    lowered = cues.lowered(sentence)
    for pattern in (_CALLED, _LOCATIVE, _ENTERED):
        if not cues.may_match(pattern, lowered):
            continue  # none of its words ("village", "stormed"): nothing to find
        for match in pattern.finditer(sentence):
            name = match.group(1)
            first = name.split()[0].lower()
            if (
                first in {"the", "a", "this", "that", "its", "their"}
                or first in DEMONYMS
                or _DESCRIBES.search(name)
                or (pattern is _ENTERED and not _names_a_place(name))
            ):
                continue
            found.append((match.start(1), match.end(1), name))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


_WORD = r"(?:['’‘]?(?-i:[A-Z])[\w'’‘-]*|(?:al|el|ad|ar|as|ash|at|az|an)-[\w'’‘-]+)"
_LIST_ITEM = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
_AND = r"(?:and|&|as\s+well\s+as)"
_LIST_SEP = rf"(?:\s*,\s*(?:{_AND}\s+)?|\s+{_AND}\s+)"
_CHAIN = re.compile(rf"(?<![\w'’‘-]){_LIST_ITEM}(?:{_LIST_SEP}{_LIST_ITEM})+")
_ITEMS = re.compile(_LIST_ITEM)
_SAID_AFTER = re.compile(
    r"\s*,?\s+(?:said|says|told|reported|added|stated|wrote|explained)\b", re.I
)


# "the neighbourhoods of A, B and C": parts of one town, one location (ACLED's is the
# town), so one event; the other parts stay named on it.
_QUARTERS = re.compile(r"\b(?:neighbou?rhoods|quarters)\s+of\s+", re.I)
# Between two items of one list: "A, B and C", "A and the villages of B".
_CHAINED = re.compile(
    rf"\s*(?:,\s*(?:{_AND}\s+)?|{_AND}\s+)(?:the\s+)?"
    r"(?:(?:villages?|towns?|cit(?:y|ies)|areas?|hills?)\s+of\s+)?",
    re.I,
)


def per_location(
    sentence: str, points: list[PlaceMention], regions: list[PlaceMention]
) -> list[list[PlaceMention]]:
    """The places of each event a sentence's targets make: one per town or village
    (the listed neighbourhoods of one town are one), each with the regions that say
    where it lies. A region named before the first town is every town's; one named
    after a town ("Kafr Nabl in Idlib and Kafr Zita in Hama") is that town's and the
    towns listed right before it ("the villages of A, B and C in Hama province")."""
    quarters = listed_names(sentence, _QUARTERS)
    parts: list[list[PlaceMention]] = []
    for point in points:
        if parts and _one_list(sentence, quarters, parts[-1][-1], point):
            parts[-1].append(point)
        else:
            parts.append([point])
    owners: dict[int, list[PlaceMention]] = {}  # region index -> the towns it is of
    for number, region in enumerate(regions):
        before = [i for i, p in enumerate(points) if p.end <= region.start]
        if not before:
            owners[number] = points
            continue
        first = last = before[-1]
        while first > 0 and _CHAINED.fullmatch(
            sentence[points[first - 1].end : points[first].start]
        ):
            first -= 1
        owners[number] = points[first : last + 1]
    return [
        [*part]
        + [r for n, r in enumerate(regions) if any(p in owners[n] for p in part)]
        for part in parts
    ]


def _one_list(sentence: str, quarters: list[tuple[int, int, str]], a, b) -> bool:
    """``a`` and ``b`` are next to each other in a "neighbourhoods of" list."""
    listed = [
        any(start <= p.start and p.end <= end for start, end, _ in quarters)
        for p in (a, b)
    ]
    return all(listed) and bool(_CHAINED.fullmatch(sentence[a.end : b.start]))


def listed_with(sentence: str, known: list[PlaceMention]) -> list[tuple[int, int, str]]:
    """(start, end, name) of the names listed beside a place the gazetteer knows:
    "struck Ariha, Zzyzxqa and Sarmin" names Zzyzxqa as a target too. A list is
    coordinated ("A and B", "A, B & C") or has three items or more, and at least
    one of its items is a town or village the gazetteer read."""
    points = [p for p in known if not p.is_region]
    if not points or is_title_case(sentence):
        return []
    found = []
    for chain in _CHAIN.finditer(sentence):
        items = list(_ITEMS.finditer(sentence, chain.start(), chain.end()))
        gaps = [sentence[a.end() : b.start()] for a, b in itertools.pairwise(items)]
        if len(items) < 3 and not any(re.search(rf"\b{_AND}\b|&", g) for g in gaps):
            continue
        if not any(
            p.start < item.end() and item.start() < p.end
            for item in items
            for p in points
        ):
            continue
        for item in items:
            if any(m.start < item.end() and item.start() < m.end for m in known):
                continue
            name = _clean(item.group(0))
            first = name.split()[0] if name else ""
            if (
                not first
                or not is_name_word(first)
                or first.lower() in NOT_NAMES
                or first.lower() in DEMONYMS
                or normalize.name_key(first) in GIVEN_NAMES
                or _SAID_AFTER.match(sentence, item.start() + len(name))
            ):
                continue
            found.append((item.start(), item.start() + len(name), name))
    return found


def unresolved(
    sentence: str,
    known: list[PlaceMention],
    *,
    admin1: str = "",
    country: str = "SY",
    resolve: Callable[[int, int], PlaceMention | None] | None = None,
    exclude: list[tuple[int, int]] = (),
) -> list[PlaceMention]:
    """Names the text marks as places that no exact gazetteer name covers: the
    gazetteer's reading of their spelling (``resolve(start, end)``: "Deir al-Zour"
    is Deir ez-Zor), else places without a point. A name in an ``exclude`` span (an
    armed group's, a dateline's) is none, unless a place cue precedes it ("the
    village of …")."""
    result = []
    marked = named_places(sentence)
    marked += [
        item
        for item in listed_with(sentence, known)
        if not any(m[0] < item[1] and item[0] < m[1] for m in marked)
    ]
    for start, end, name in marked:
        if any(m.start < end and start < m.end for m in known):
            continue
        if any(a < end and start < b for a, b in exclude) and not _HEAD_BEFORE.search(
            sentence, 0, start
        ):
            continue  # "attacked by al-Shabaab": a group, not a village
        found = resolve(start, end) if resolve is not None else None
        if found is not None:
            result.append(found)
            continue
        result.append(
            PlaceMention(
                name,
                start,
                end,
                name,
                admin1,
                "village",
                country,
                None,
                None,
                None,
                None,
                None,
                "unresolved",
                "not in the gazetteer: pick a candidate or place it by hand",
            )  # fmt: skip
        )
    return result
