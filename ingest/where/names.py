"""Whether a gazetteer hit in running text names a place, and whether to trust its point.

- "Bashar al-Zoubi", "the Euphrates River", "(Enab Baladi)": a hit inside a longer
  capitalised name belongs to that name, not a place (ingest/where/spans.py).
- "Ankara", "Sanaa": a well-known place abroad is not the Syrian hamlet spelt alike.
- A weak hit (found only without its "Tall"/"Khirbat" head, by consonants, fuzzily,
  or ambiguous) keeps its point only near a place the article names surely; else the
  editor gets the name without a point. A confident wrong point is the worst answer;
  so is a hamlet far from the only governorates the article names.

Places and countries abroad by name are in ingest/where/abroadnames.py and
ingest/where/countrynames.py (datelines in ingest/country/datelines.py).
"""

import dataclasses
import re
from collections.abc import Collection

from ingest.where import regionwords
from ingest.where.farpoints import BIG_CITY
from ingest.where.mention import km_between
from places import gazetteer_abroad
from places.geocoding import normalize

# Matches the index ranks below an exact or alternate name.
WEAK_MATCHES = frozenset({"stripped", "skeleton", "loose", "fuzzy"})
NEAR_KM = 40.0
FAR_KM = 100.0
# A point found by any spelling but the place's own (an alternate, a stripped head,
# consonants, a fuzzy or typed reading) this far from every other place the story
# names is no point: the index's own "far" distance (places.geocoding NEAR_FAR_KM).
STRAY_KM = 150.0
SMALL_TOWN = 20_000


def is_weak(mention) -> bool:
    """Found without its head, by consonants or fuzzily, or one of several hamlets."""
    return mention.match in WEAK_MATCHES or (
        mention.note.startswith("ambiguous") and mention.feature_type != "city"
    )


def _without_point(place, why: str):
    return place.without_point(f"{why}: pick a candidate or place it by hand")


def unsure(
    places: list, *, filed_from: Collection[str] = (), spared: Collection[str] = ()
) -> dict:
    """Points to hand to the editor without their point, by key: weak matches near
    none of the article's sure places, and hamlets far from all of them (the places
    a dateline names, ``filed_from``, are where the story was filed: no yardstick;
    a hamlet the text calls a village or town, ``spared``, is not doubted for that)."""
    located = [p for p in places if p.lat is not None and p.feature_type != "country"]
    sure = [p for p in located if not is_weak(p) and p.origin != "region"]
    sure += [p for p in places if p.is_region and p.admin1 and not is_weak(p)]
    result = {}
    governorates = [
        p
        for p in places
        if p.feature_type == "governorate" and p.admin1 and not is_weak(p)
    ]
    for place in located:
        if place.is_region or place.origin == "place" or place.tied:
            continue
        others = [o for o in sure if o.key != place.key]
        in_region = any(o.is_region and o.admin1 == place.admin1 for o in others)
        if stray(place, [o for o in located if o.key != place.key], filed_from):
            result[place.key] = _without_point(
                place,
                f"the gazetteer's {place.name} was found by another spelling "
                f"({place.match}) and lies over {STRAY_KM:.0f} km from every other "
                "place the article names",
            )
            continue
        if place.key not in spared and lone_hamlet_abroad(
            place, others, in_region=in_region
        ):
            result[place.key] = _without_point(
                place,
                f"the gazetteer's {place.name} is a hamlet abroad (population "
                f"unknown) with no place of the article within {FAR_KM:.0f} km",
            )
            continue
        if is_weak(place):
            if any(km_between(place, o) <= NEAR_KM for o in others):
                continue
            result[place.key] = _without_point(
                place,
                f"only a weak match for the gazetteer's {place.name} "
                f"({place.note or place.match}), near no other place the article names",
            )
        elif _small(place) and not in_region:
            points = [o for o in others if not o.is_region]
            if place.key in spared:
                pass  # "the village of Shyroka Balka": the village, far or not
            elif any(o.key not in filed_from for o in points) and all(
                km_between(place, o) > FAR_KM for o in points
            ):
                result[place.key] = _without_point(
                    place,
                    f"the gazetteer's {place.name} is over {FAR_KM:.0f} km from every "
                    "other place the article names",
                )
            elif (
                # no point named besides it but a far dateline ("BAMAKO —")
                all(o.key in filed_from for o in points)
                and all(km_between(place, o) > FAR_KM for o in points)
                and governorates
                and not _near_any(place, governorates)
            ):
                # "Idlib province" is all the article names besides it: a hamlet
                # far off in another governorate is not the one meant.
                named = ", ".join(sorted({g.admin1 for g in governorates}))
                result[place.key] = _without_point(
                    place,
                    f"the article names {named}; the gazetteer's {place.name} is in "
                    f"{place.admin1 or 'another governorate'}, far from it",
                )
    return result


def stray(place, others: list, filed_from: Collection[str] = ()) -> bool:
    """A point read by another spelling than the place's own (not "exact") that lies
    over STRAY_KM from every other located place of the story, and in no governorate
    the story names: a far namesake, not where the story is. farpoints.doubtful asks the
    same of any spelling once two other places are named; this asks it of one."""
    if place.match in {"", "exact"} or place.is_region:
        return False
    if place.feature_type == "city" and place.population >= BIG_CITY:
        return False  # "Sham" may be Damascus anywhere in a story, like "Damascus"
    if any(o.is_region and o.admin1 and o.admin1 == place.admin1 for o in others):
        return False
    points = [o for o in others if o.lat is not None and o.feature_type != "country"]
    return any(o.key not in filed_from for o in points) and all(
        km_between(place, o) > STRAY_KM for o in points
    )


def lone_hamlet_abroad(place, others: list, *, in_region: bool) -> bool:
    """A village of unknown population in a country outside GAZETTEER_COUNTRIES (one
    of the thousands of bundled GeoNames hamlets) with no other sure point of the story
    within FAR_KM and in no region it names: alone, the name is as likely a person, a
    word or another place as that hamlet."""
    if place.feature_type != "village" or place.population or in_region:
        return False
    if not place.country_code or gazetteer_abroad.configured(place.country_code):
        return False
    points = [o for o in others if not o.is_region and o.lat is not None]
    return not any(km_between(place, o) <= FAR_KM for o in points)


def _small(place) -> bool:
    """A village, or a town of fewer than SMALL_TOWN people: a far homonym of it is
    more likely than a story naming it far from everything else."""
    return place.feature_type != "city" or place.population < SMALL_TOWN


def _near_any(place, regions: list) -> bool:
    return any(km_between(place, r) <= FAR_KM for r in regions if r.lat is not None)


# "Daraa province", "rural Daraa", "the countryside of Daraa": a region word beside a
# name is that name's ("reach Suwayda … stranded in rural Daraa" says nothing of
# Suwayda); one beside no name ("the province") may be any name's in the sentence.
_REGION_AFTER = re.compile(
    r"^['’]?s?\s+(?:provinces?|governorates?|countrysides?|rural)\b", re.I
)
_REGION_BEFORE = re.compile(
    r"\b(?:rural|(?:provinces?|governorates?|countrysides?)\s+of(?:\s+the)?)\s+"
    r"(?:(?:al|el|ad|ar|as|ash|at|az|an)-\s*)?$",
    re.I,
)


def _beside(sentence: str, place) -> tuple[int, int] | None:
    """The span of the region word beside ``place``, if any."""
    if not 0 <= place.start < place.end <= len(sentence):
        return None
    after = _REGION_AFTER.match(sentence[place.end : place.end + 20])
    if after:
        return place.end, place.end + after.end()
    window = max(0, place.start - 40)
    before = _REGION_BEFORE.search(sentence[window : place.start])
    if before:
        return window + before.start(), place.start
    return None


def _region_word_for(sentence: str, place, places: list) -> bool:
    if _beside(sentence, place):
        return True
    taken = [span for p in places if p is not place and (span := _beside(sentence, p))]
    return regionwords.loose_word(sentence, place, places, taken)


def region_admins(sentence: str, places: list) -> set[str]:
    """Governorates this sentence treats as regions: it says "province" or
    "countryside", or names another place in that governorate ("X in Idlib")."""
    found = {
        p.admin1
        for p in places
        if p.is_region and p.alternative is None and p.admin1 and not is_weak(p)
    }
    for place in places:
        if place.alternative is None:
            continue
        if _region_word_for(sentence, place, places) or any(
            other is not place
            and other.alternative is None
            and other.admin1 == place.admin1
            and other.feature_type != "country"
            for other in places
        ):
            found.add(place.admin1)
    return found


def cities(places: list, regions: set[str]) -> dict:
    """A bare "Daraa" is the city unless the article treats that governorate as a
    region somewhere ("Daraa province", "northern Daraa", "X in Daraa")."""
    regions = regions | {
        p.admin1 for p in places if p.is_region and p.alternative is None and p.admin1
    }
    return {
        p.key: p.alternative
        for p in places
        if p.alternative is not None and p.admin1 not in regions
    }


def in_foreign_story(places: list, country_name: str) -> dict:
    """Every point of a story about another country, by key, without the point;
    nothing when a Syrian town or governorate is named plainly (Kobane in a story
    that names only Turkey)."""
    if any(
        p.lat is not None
        and p.match in {"exact", "alternate"}
        and p.feature_type in {"city", "governorate", "district"}
        for p in places
    ):
        return {}
    return {
        p.key: p.without_point(
            f"the report is about {country_name}: the gazetteer's {p.name} "
            "in Syria is not it; place it by hand",
        )
        for p in places
        if p.lat is not None
    }


def known_spellings(known) -> dict:
    """The article's resolved places by the consonants of their spelling."""
    by_skeleton = {}
    for place in known:
        if place.lat is not None and not place.is_region:
            key = normalize.skeleton(normalize.name_key(place.text))
            if len(key) >= 4:
                by_skeleton.setdefault(key, place)
    return by_skeleton


def variants_of_known(places: list, by_skeleton: dict) -> list:
    """Names the gazetteer lacks, read as a place the article names surely when spelt
    alike (the same consonants): "Tel Shehab" is the "Tel Shihab" of the sentence
    before. ``by_skeleton`` comes from known_spellings()."""
    result = []
    for place in places:
        same = None
        if place.origin == "unresolved" and place.lat is None:
            same = by_skeleton.get(normalize.skeleton(normalize.name_key(place.text)))
        if same is None:
            result.append(place)
            continue
        result.append(
            dataclasses.replace(
                same,
                text=place.text,
                start=place.start,
                end=place.end,
                note=f"spelt “{same.text}” elsewhere in the article; {same.note}",
            )
        )
    return result


# "Damascus government forces", "the Tripoli government": the seat names a party.
_SEAT = re.compile(
    r"\b(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)?(?=\s+(?:government|regime)\b)"
)


def seats_of_government(sentence: str) -> list[tuple[int, int]]:
    """Spans of a place named for the government seated there ("Damascus government
    forces"): an actor, not where anything happened."""
    return [(m.start(), m.end()) for m in _SEAT.finditer(sentence)]


def same_unresolved(places: list, seen: dict) -> list:
    """A name the gazetteer lacks, spelt again with the same consonants ("Debs",
    then "Al-Dabs"; "Mushairfa", then "Al-Mashirfa"), is the place named first:
    one event, not two. ``seen`` (skeleton -> first mention) grows as the article
    is read."""
    result = []
    for place in places:
        if place.origin != "unresolved" or place.lat is not None:
            result.append(place)
            continue
        key = normalize.skeleton(normalize.name_key(place.text))
        first = seen.setdefault(key, place) if len(key) >= 3 else place
        if first is place:
            result.append(place)
            continue
        result.append(
            dataclasses.replace(
                first, text=place.text, start=place.start, end=place.end
            )
        )
    return result
