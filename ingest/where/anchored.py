"""Names the gazetteer lacks that the text anchors to a place it has.

"the Ain Dewar village near the town of Derik", "Samlin, north of Daraa", "the
village of Awja in the Tal Tamr district", "the villages of A, B and C in Hama
province", "Near Ayn Issa, the villages of A, B …": the village has no point, but the
text says where it lies. ACLED codes such an event at the named town's point with
geo-precision 2 ("near" a town, a direction of it) or at the region's with precision 3
("in the countryside of", "in the X district/area/province"); a neighbourhood of a
town takes the town's point (precision 1, the labelling guide's "sites inside a
town"). The event gets that point and says so in its reasons; the name itself stays
listed for the editor without a point, with its gazetteer candidates.

``mark`` (per sentence) notes each unplaced name's anchor on the mention; ``placed``
(once the article's doubtful points are known) gives an event's name the anchor's
point when the name is still without one and the anchor still has one.
"""

import dataclasses
import re

from ingest.where import names as name_checks
from ingest.where import regionread
from ingest.where.mention import PlaceMention
from places import gazetteer_abroad
from places.geocoding import index as geoindex

NEAR, REGION, INSIDE = 2, 3, 1
_DIRECTION = (
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
    r"|(?:north|south)-?(?:east|west)(?:ern)?"
)
# "6 km", "about 15 kilometres (9 miles)": a distance, its conversion in brackets.
_DISTANCE = (
    r"(?:(?:about|some|around|approximately|roughly|nearly|just|only)\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:km|kilomet(?:er|re)s?|miles?)"
    r"(?:\s*\([^()]{0,30}\))?\s+)"
)
_KIND = r"(?:village|town|city|hamlet|area|camp|site|farms?|neighbou?rhood|district)"
# Words between a relation and the anchor's name: "the northeast Syrian town of".
_BEFORE_ANCHOR = (
    r"\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,3}?"
    r"(?:town|city|village|district|sub-?district|governorate|province) of\s+)?"
    r"(?:the\s+)?$"
)
_NEAR = re.compile(
    rf"^(?:\s+{_KIND})?,?\s+(?:(?:an?|the)\s+(?:small\s+)?(?:village|town|hamlet)\s+)?"
    rf"(?:(?:located|lying|situated)\s+)?"
    rf"(?:near(?:by)?|close to|outside|in the vicinity of|on the outskirts of|"
    rf"{_DISTANCE}?(?:{_DIRECTION})\s+of|{_DISTANCE}(?:from|outside))"
    rf"{_BEFORE_ANCHOR}",
    re.I,
)
# "X were shelled near Y": a verb between a list of names and "near".
_DONE_NEAR = re.compile(
    r"^\s+(?:was|were|has been|have been|had been)\s+[a-z]+(?:\s+[a-z]+)?\s+"
    rf"near{_BEFORE_ANCHOR}",
    re.I,
)
_REGION_WORD = (
    r"(?:countryside|outskirts|suburbs|district|sub-?district|area|region|province|"
    r"governorate|plain|desert)"
)
# "X in the (western) countryside of Y", "X, a village in Y", "X in Y".
_IN = re.compile(
    rf"^(?:\s+{_KIND})?,?\s+(?:(?:an?|the)\s+(?:small\s+)?(?:village|town|hamlet)\s+)?"
    rf"(?:(?:located|lying|situated)\s+)?(?:in|within|of)\s+(?:the\s+)?"
    rf"(?:(?P<region>(?:(?:{_DIRECTION})\s+)?{_REGION_WORD}) of\s+)?(?:the\s+)?"
    r"(?:(?:city|town) of\s+)?$",
    re.I,
)
# "the X neighbourhood of Y", "X district in Y", "the X neighbourhood (of Y)": a part
# of the town.
_PART_OF = re.compile(
    r"^\s+(?:neighbou?rhood|quarter)\s+\(?\s*(?:of|in)\s+(?:the\s+)?"
    r"(?:(?:city|town) of\s+)?$",
    re.I,
)
# "X, Y" with Y a governorate or district: "the al-Karr village, Deir ez-Zor".
_COMMA = re.compile(rf"^(?:\s+{_KIND})?,\s+(?:the\s+)?$", re.I)
# After the anchor: "in Hama northern countryside", "in the Tal Tamr district",
# "in Kobani's western countryside", "in the Afrin area".
_REGION_AFTER = re.compile(
    rf"^(?:['’]s)?\s+(?:(?:{_DIRECTION})\s+)?{_REGION_WORD}\b", re.I
)
_LIST_GAP = re.compile(
    r"^\s*(?:,\s*(?:and\s+|or\s+|&\s*)?|\s+and\s+|\s+or\s+|&\s*)$", re.I
)
# "Near Ayn Issa, the villages of A, B, …": the anchor first.
_NEAR_FIRST = re.compile(r"\bnear\s+(?:the\s+(?:town|city|village) of\s+)?$", re.I)
_LIST_AFTER_ANCHOR = re.compile(
    r"^,\s+(?:the\s+)?(?:villages?|towns?|hamlets?|areas?) of\s+(?:the\s+)?$", re.I
)


def _unplaced(place: PlaceMention) -> bool:
    """A name the text gives with no sure point (the article may still drop a weak
    one's point: ``placed`` decides once that is known)."""
    if (
        place.origin not in {"unresolved", "gazetteer"}
        or place.feature_type == "country"
    ):
        return False  # an existing place (even one not yet placed) is the editor's
    return place.lat is None or name_checks.is_weak(place)


def _anchor(place: PlaceMention) -> bool:
    return (
        place.lat is not None
        and place.origin not in {"abroad", "unresolved"}
        and place.feature_type != "country"
        and not name_checks.is_weak(place)
    )


# "Samlin, north of Daraa": the anchor's own span holds the direction.
_COMMA_ONLY = re.compile(rf"^(?:\s+{_KIND})?,?\s+{_DISTANCE}?$", re.I)
_DIRECTION_OF = re.compile(rf"^(?:{_DIRECTION})\s+of\b", re.I)


def _relation(sentence: str, end: int, anchor: PlaceMention) -> int | None:
    """The precision the words between a name (ending at ``end``) and ``anchor``
    give, or None when they do not anchor it."""
    gap = sentence[end : anchor.start]
    if _COMMA_ONLY.match(gap) and _DIRECTION_OF.match(anchor.text):
        return REGION if anchor.is_region else NEAR
    if _NEAR.match(gap) or _DONE_NEAR.match(gap):
        return REGION if anchor.is_region else NEAR
    if _PART_OF.match(gap) and not anchor.is_region:
        return INSIDE
    found = _IN.match(gap)
    if found:
        if found.group("region") or anchor.is_region:
            return REGION
        if _REGION_AFTER.match(sentence[anchor.end : anchor.end + 40]):
            return REGION
        return NEAR
    if _COMMA.match(gap) and anchor.is_region:
        return REGION
    return None


def mark(sentence: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """``places`` (in text order), each unplaced name the sentence anchors carrying
    its anchor: (anchor, precision)."""
    ordered = sorted(places, key=lambda p: p.start)
    anchors: dict[int, tuple[PlaceMention, int]] = {}
    i = 0
    while i < len(ordered):
        # A run of names listed together: "A, B, C and D".
        j = i
        while (
            j + 1 < len(ordered)
            and _LIST_GAP.match(sentence[ordered[j].end : ordered[j + 1].start])
            and not _DIRECTION_OF.match(ordered[j + 1].text)  # "X, north of Y"
        ):
            j += 1
        found = None
        if j + 1 < len(ordered) and _anchor(ordered[j + 1]):
            precision = _relation(sentence, ordered[j].end, ordered[j + 1])
            found = (ordered[j + 1], precision) if precision else None
        if found is None and i > 0 and _anchor(ordered[i - 1]):
            before = ordered[i - 1]
            if _NEAR_FIRST.search(
                sentence[max(0, before.start - 30) : before.start]
            ) and _LIST_AFTER_ANCHOR.match(sentence[before.end : ordered[i].start]):
                found = (before, REGION if before.is_region else NEAR)
        if found is not None:
            for k in range(i, j + 1):
                if _unplaced(ordered[k]) and ordered[k] is not found[0]:
                    anchors[id(ordered[k])] = found
        i = j + 1
    return [
        dataclasses.replace(p, anchor=anchors[id(p)]) if id(p) in anchors else p
        for p in places
    ]


# A gazetteer reading of the name itself, by any spelling but a loose one, within this
# distance of its anchor ("Samlin, north of Daraa" is Simlin, 47 km north; "Zor Maghar
# in the western countryside of Kobani" is Zawr Maghar, 29 km): the text's anchor is
# the context a consonant reading needs (names.unsure asks NEAR_KM of a sure place).
READ_NEAR_KM = 50.0
_READ_TYPES = frozenset({"village", "city", "hill", "base", "crossing"})


def _reading(place: PlaceMention, anchor: PlaceMention, country: str):
    """The gazetteer row the name spells near its anchor: the best candidate within
    READ_NEAR_KM (in the anchor's governorate when the anchor is one), when no rival
    as good lies elsewhere within reach; else None."""
    found = gazetteer_abroad.index_for(country).candidates(
        place.text, country=country, hint=(anchor.lat, anchor.lon), limit=8
    )
    if anchor.feature_type == "governorate":
        near = [c for c in found if c.entry.admin1 == anchor.admin1]
    else:
        near = [
            c
            for c in found
            if geoindex.distance_km(anchor.lat, anchor.lon, c.entry.lat, c.entry.lon)
            <= READ_NEAR_KM
        ]
    near = [
        c for c in near if c.match != "loose" and c.entry.feature_type in _READ_TYPES
    ]
    if not near:
        return None

    def km(c) -> float:
        return geoindex.distance_km(anchor.lat, anchor.lon, c.entry.lat, c.entry.lon)

    best = max(near, key=lambda c: c.score)
    # A rival: as good a reading, elsewhere, and not clearly farther from the anchor
    # (of two Mushayrifahs 4 and 31 km from Ayn Issa, "near Ayn Issa" is the first).
    rivals = [
        c
        for c in near
        if c is not best
        and best.score - c.score <= geoindex.AMBIGUITY_MARGIN
        and geoindex.distance_km(best.entry.lat, best.entry.lon, c.entry.lat,
                                 c.entry.lon) > geoindex.SAME_PLACE_KM
        and km(c) <= 2 * km(best) + geoindex.SAME_PLACE_KM
    ]  # fmt: skip
    return None if rivals else best


def anchors_of(sentence: str, places: list[PlaceMention]) -> set[int]:
    """Ids of the places that only say where an anchored name lies: the anchors, and
    the same place named again in brackets ("the town of Derik (al-Malikiyah)")."""
    anchors = [p.anchor[0] for p in places if p.anchor is not None]
    ids = {id(a) for a in anchors}
    for anchor in anchors:
        ids.update(
            id(p)
            for p in places
            if p.key == anchor.key
            and re.fullmatch(r"\s*\(\s*", sentence[anchor.end : p.start])
        )
    return ids


def placed(
    place: PlaceMention,
    doubtful: dict[str, PlaceMention],
    country: str,
    sure: list[PlaceMention] = (),
) -> PlaceMention:
    """The article's reading of ``place`` (``doubtful``: points it dropped, by key);
    a name still without a point whose anchor kept one is the gazetteer's row of
    that spelling near the anchor, else placed at the anchor's point."""
    read = doubtful.get(place.key, place)
    if place.anchor is None or read.lat is not None or read.origin != "unresolved":
        return read
    anchor, precision = place.anchor
    anchor = doubtful.get(anchor.key, anchor)
    if anchor.lat is None or anchor.origin in {"abroad", "unresolved"}:
        return read
    if precision == regionread.SAME_SENTENCE:  # only named in the same sentence
        row = _reading(place, anchor, country)
        return regionread.placed(place, read, row, sure)
    precision = max(precision, anchor.precision or 1)
    how = {INSIDE: "in", NEAR: "near", REGION: "in the region of"}[
        min(precision, REGION)
    ]
    row = _reading(place, anchor, country)
    if row is not None:
        entry = row.entry
        km = geoindex.distance_km(anchor.lat, anchor.lon, entry.lat, entry.lon)
        return regionread.anchored_reading(
            place, entry, country, row.score,
            f"the gazetteer's {entry.name} ({row.match} spelling, {km:.0f} km from "
            f"{anchor.name}): the text puts {place.text} {how} {anchor.name} "
            f"({entry.ref})",
        )  # fmt: skip
    return PlaceMention(
        place.text, place.start, place.end, place.text, anchor.admin1,
        "area" if precision >= REGION else "village", anchor.country_code,
        anchor.lat, anchor.lon, precision, min(anchor.confidence or 0.5, 0.8), None,
        "near",
        f"{place.text} has no point of its own ({read.note or 'not in the gazetteer'}); "
        f"the text puts it {how} {anchor.name}: placed at {anchor.name}'s point, "
        f"precision {precision}, as ACLED codes a place {how} a known one",
        "anchored", anchor=place.anchor,
    )  # fmt: skip


def place_events(groups, all_places: dict, doubtful: dict, country: str) -> dict:
    """Each event's name the text anchors, placed (``placed``); the article's list
    of places gets the gazetteer rows so read, and keeps a name placed only at its
    anchor's point without a point (the editor still places it)."""
    rows: dict[str, PlaceMention] = {}
    sure = regionread.sure_points(doubtful.get(p.key, p) for p in all_places.values())
    for group in groups:
        for mention in group.mentions:
            pairs = [(p, placed(p, doubtful, country, sure)) for p in mention.places]
            mention.places = [new for _, new in pairs]
            rows.update(
                (old.key, new)
                for old, new in pairs
                if new.match == "anchored" and new.origin == "gazetteer"
            )
    return {k: rows.get(p.key, p) for k, p in all_places.items()}
