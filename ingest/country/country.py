"""The country an article's places are read in: the editor's choice, or detected.

"detect" keeps the first of settings.GAZETTEER_COUNTRIES (the newsroom's home
country) unless the text clearly is about another configured country: it never names
the home country, names the other one most, and that country's gazetteer places at
least as many of its names plainly (a town, district or governorate, by its exact or
alternate name). A Syrian story naming only Turkey ("Kobane") stays Syrian.
"""

import functools
import re
from collections.abc import Callable

from django.conf import settings

from ingest.country import secondcountry, sentencecountry
from ingest.reading import wire
from ingest.where import abroadnames, countrynames, matching
from ingest.where.mention import PlaceMention
from places import gazetteer_world
from places.geocoding import normalize

DETECT = "detect"
# "al-Miqdadiyah district" where the gazetteer holds no districts (Iraq) is read as an
# area around the town: named by its own name, as plain as the district would be.
_PLAIN_TYPES = frozenset({"city", "governorate", "district", "area"})
_SURE = frozenset({"exact", "alternate"})


def configured() -> list[str]:
    """The countries an article can be read in: settings.GAZETTEER_COUNTRIES."""
    return [c.upper() for c in settings.GAZETTEER_COUNTRIES]


def name_of(code: str) -> str:
    """The country's English name ("Syria" for SY), the code when unknown."""
    return countrynames.country_name(code)


def choices() -> list[tuple[str, str]]:
    """The ingest form's choices: "detect", then each configured country."""
    return [(DETECT, "Detect from the text")] + [
        (code, f"{name_of(code)} ({code})") for code in configured()
    ]


def validated(country: str) -> str:
    """``country`` upper-cased ("detect" kept); ValueError when not configured."""
    if country.lower() == DETECT:
        return DETECT
    if country.upper() not in configured():
        raise ValueError(
            f"Unknown country {country[:20]!r}: choose “detect” or one of "
            f"GAZETTEER_COUNTRIES ({', '.join(configured())})."
        )
    return country.upper()


def candidate(text: str) -> str:
    """The country the text names most when it never names the home country; the
    home country otherwise (ties included). A country outside GAZETTEER_COUNTRIES
    competes only when the text is clearly about it (``clearly_about``)."""
    found = candidates(text)
    return found[0] if len(found) == 1 else (configured() or ["SY"])[0]


def tied(others: list[str], counts: dict[str, int]) -> list[str]:
    """The countries of ``others`` the text names most, in their configured order
    (several on a tie: "Israeli strikes on Lebanon … rockets on northern Israel");
    none when it names none of them."""
    most = max((counts.get(c, 0) for c in others), default=0)
    return [c for c in others if most and counts.get(c, 0) == most]


def candidates(text: str) -> list[str]:
    """``candidate``'s countries, every one of a tie."""
    home, others, counts = _named(text)
    return [home] if counts.get(home) else tied(others, counts) or [home]


def ranked(text: str) -> list[str]:
    """Every country the text names that could be its country, the most named first
    (configured order on a tie); the home country alone when the text names it. Each
    is read, the gazetteer placing most names plainly wins (``places_read``): "Israel
    struck Rafah in the Gaza Strip … Israel said": Israel is named more, Gaza's
    gazetteer places the story."""
    home, others, counts = _named(text)
    if counts.get(home):
        return [home]
    named = sorted((c for c in others if counts.get(c)), key=lambda c: -counts[c])
    return named or [home]


def _named(text: str) -> tuple[str, list[str], dict[str, int]]:
    """(home, the other countries that could be the story's, how often each is
    named)."""
    home, *others = configured() or ["SY"]
    counts = dict(countrynames.country_mentions(text))
    # the press's names ("West Bank", "Somali"), armed groups, a dateline's country
    for code, n in wire.country_cues(text, text.split("\n")[:8]).items():
        counts[code] = counts.get(code, 0) + n
    others += [
        code
        for code in sorted(counts)
        if code not in others and code != home and clearly_about(code, text, counts)
    ]
    return home, others, counts


# How much of an article is its lead: a country named there is what the story is about
# ("Gunmen killed 23 people in central Mali", "Somalia's Lower Shabelle region").
LEAD_CHARS = 600


def clearly_about(code: str, text: str, counts: dict[str, int]) -> bool:
    """A country outside GAZETTEER_COUNTRIES the text is about: its dateline ("KHARTOUM,
    Oct 22 (Reuters) -"), or named (by name or the press's adjective) in the lead or
    at least twice. Its gazetteer is built only then (places.gazetteer_abroad)."""
    return counts.get(code, 0) >= 2 or (bool(counts.get(code)) and in_lead(code, text))


def in_lead(code: str, text: str) -> bool:
    """The lead names the country, or the dateline stands in it."""
    lead = text[:LEAD_CHARS]
    return code in countrynames.country_mentions(lead) or code in wire.country_cues(
        lead, lead.split("\n")[:8]
    )


def plain_count(places: list) -> int:
    """Names placed plainly: a town, district, governorate or area by its own name."""
    return len(
        {
            p.key
            for p in places
            if p.lat is not None
            and p.match in {"exact", "alternate"}
            and p.feature_type in _PLAIN_TYPES
            and not p.tied  # "Tyre in southern Lebanon": Lebanon's, not this one's
            and normalize.name_key(p.text) not in _country_keys()
        }
    )


@functools.cache
def _country_keys() -> frozenset[str]:
    """Keys of every country's names ("Gaza", "Gaza Strip", "Lebanon"): a name that
    names a country is a cue of it (counted in ``ranked``), no town its gazetteer
    places: "the Gaza war" does not carry a Lebanese story to Gaza's gazetteer."""
    return frozenset(normalize.name_key(n) for n, _ in countrynames.country_spellings())


def places_read(
    country: str, cleaned: str, sentences: list, *, exclude: Callable[[str], list]
) -> tuple[matching.PlaceMatcher, list[PlaceMention]]:
    """The matcher of the article's country (``country``, or detected) and the
    article's names it resolves alone; ``exclude(sentence)``: spans that are no place."""
    if country != DETECT:
        return _read(country, cleaned, sentences, exclude)
    home = (configured() or ["SY"])[0]
    ours = _read(home, cleaned, sentences, exclude)
    best = ours
    others = ranked(cleaned)
    # No country named and no home town, district or governorate placed plainly (a
    # home hamlet spelt like a town abroad keeps nothing): the towns of another country
    # compete ("… in Beni and Butembo": Congo's; "Finote Selam … Bure": not Syria's Bura).
    if others == [home] and not plain_count(ours[1]):
        others = [towns_country(cleaned, home)]
    for other in others:
        if other in (home, ""):
            continue
        theirs = _switch(other, cleaned, sentences, exclude, ours)
        if theirs is not None and (
            best is ours or plain_count(theirs[1]) > plain_count(best[1])
        ):
            best = theirs
    return best


def _switch(
    other: str,
    cleaned: str,
    sentences: list,
    exclude: Callable[[str], list],
    ours: tuple[matching.PlaceMatcher, list[PlaceMention]],
) -> tuple[matching.PlaceMatcher, list[PlaceMention]] | None:
    """The reading in ``other`` when it wins over the home country's (``ours``)."""
    if not configured_or_could_win(other, cleaned, plain_count(ours[1])):
        return None
    theirs = _read(other, cleaned, sentences, exclude)
    # Switch only when the other gazetteer places as many of the names plainly (a
    # story filed from the other country needs no name of it placed: "KHARTOUM -").
    filed = wire.filed_from(cleaned.split("\n")[:8])
    # A country outside GAZETTEER_COUNTRIES that only the body names (not the lead or
    # the dateline) must place more names plainly than the home country to win.
    unsure = other not in configured() and not in_lead(other, cleaned)
    # A story the lead or dateline says is about the other country needs no name of
    # it placed ("Gunmen killed 23 villagers in central Mali": the area is Mali's).
    # (Only when the home reading places no name at all: "Turkish-backed fighters
    # captured Tal Abyad, Turkey's defence ministry said" stays Syrian.)
    # (A sure point: "southern Lebanon" read loosely as a Syrian hamlet is none.)
    home_points = any(
        p.lat is not None and p.match in _SURE and not p.tied for p in ours[1]
    )
    about = filed == other or (in_lead(other, cleaned) and not home_points)
    if plain_count(theirs[1]) >= max(int(not about), plain_count(ours[1])) + int(
        unsure and plain_count(ours[1]) > 0
    ):
        return theirs
    return None


def _sure_points(places: list) -> bool:
    return any(p.lat is not None and p.match in _SURE and not p.tied for p in places)


def towns_country(cleaned: str, home: str) -> str:
    """The one country outside home whose towns of 15,000 the text names, at least
    two of them and more than any other country's ("" when none): a story naming no
    country whose places are all in one (Beni, Butembo, Oicha: Congo's)."""
    by_country: dict[str, set[str]] = {}
    for match in _NAME_WORDS.finditer(cleaned):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            key = normalize.name_key(" ".join(words[:size]))
            found = abroadnames.abroad_entry(key, country=home)
            if found is not None and key not in _country_keys():
                by_country.setdefault(found[1], set()).add(key)
                break
    ranked_towns = sorted(by_country.items(), key=lambda item: -len(item[1]))
    if not ranked_towns or len(ranked_towns[0][1]) < 2:
        return ""
    if len(ranked_towns) > 1 and len(ranked_towns[1][1]) == len(ranked_towns[0][1]):
        return ""
    return ranked_towns[0][0]


# A name of up to four words starting with a capital ("Lower Shabelle", "Al Jazirah").
# Read at each capital, overlapping: "hit Wad Madani" tries "Wad Madani", "Madani".
_NAME_WORDS = re.compile(r"(?=\b([A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,3}))")


def configured_or_could_win(other: str, cleaned: str, ours: int) -> bool:
    """Whether to read the text in ``other``'s gazetteer: a configured country, one
    the lead or dateline names, a story placing nothing plainly at home, or one naming
    more towns of 15,000 and admin-1 areas of ``other`` than the home country places
    plainly (a Syrian story naming Russia twice in its body does not build Russia's
    5,000 rows)."""
    if other in configured() or ours == 0 or in_lead(other, cleaned):
        return True
    known = abroadnames.towns_of(other) | {
        normalize.name_key(n) for n in gazetteer_world.admin1_spellings(other)
    }
    found = set()
    for match in _NAME_WORDS.finditer(cleaned):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            key = normalize.name_key(" ".join(words[:size]))
            if key in known:
                found.add(key)
                break
    return len(found) > ours


def _read(
    country: str, cleaned: str, sentences: list, exclude: Callable[[str], list]
) -> tuple[matching.PlaceMatcher, list[PlaceMention]]:
    """Resolved alone first: their confident points then place each other name (a
    village near the rest of the story, not its far namesake)."""
    place_matcher = matching.PlaceMatcher(country=country)
    place_matcher.named_abroad = countrynames.countries_named(cleaned, country=country)
    place_matcher.neighbours = secondcountry.neighbours(
        cleaned, country, place_matcher.named_abroad
    )
    place_matcher.pointer = sentencecountry.Pointer(cleaned, country)
    place_matcher.areas.set_paragraphs(sentences)
    known = [
        place
        for sentence in sentences
        for place in place_matcher.find(sentence.text, exclude=exclude(sentence.text))
    ]
    return place_matcher, known
