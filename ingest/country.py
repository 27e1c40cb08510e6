"""The country an article's places are read in: the editor's choice, or detected.

"detect" keeps the first of settings.GAZETTEER_COUNTRIES (the newsroom's home
country) unless the text clearly is about another configured country: it never names
the home country, names the other one most, and that country's gazetteer places at
least as many of its names plainly (a town, district or governorate, by its exact or
alternate name). A Syrian story naming only Turkey ("Kobane") stays Syrian.
"""

from collections.abc import Callable

from django.conf import settings

from ingest import matching, names, wire
from ingest.mention import PlaceMention

DETECT = "detect"
# "al-Miqdadiyah district" where the gazetteer holds no districts (Iraq) is read as an
# area around the town: named by its own name, as plain as the district would be.
_PLAIN_TYPES = frozenset({"city", "governorate", "district", "area"})


def configured() -> list[str]:
    """The countries an article can be read in: settings.GAZETTEER_COUNTRIES."""
    return [c.upper() for c in settings.GAZETTEER_COUNTRIES]


def name_of(code: str) -> str:
    """The country's English name ("Syria" for SY), the code when unknown."""
    return names.country_name(code)


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
    """The configured country the text names most when it never names the home
    country; the home country otherwise (ties included)."""
    home, *others = configured() or ["SY"]
    counts = dict(names.country_mentions(text))
    # the press's names ("West Bank", "Somali") and a dateline's country
    for code, n in wire.country_cues(text, text.split("\n")[:8]).items():
        counts[code] = counts.get(code, 0) + n
    if counts.get(home):
        return home
    best = max(others, key=lambda c: counts.get(c, 0), default=home)
    ranked = sorted((counts.get(c, 0) for c in others), reverse=True)
    if not counts.get(best) or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return home
    return best


def plain_count(places: list) -> int:
    """Names placed plainly: a town, district, governorate or area by its own name."""
    return len(
        {
            p.key
            for p in places
            if p.lat is not None
            and p.match in {"exact", "alternate"}
            and p.feature_type in _PLAIN_TYPES
        }
    )


def places_read(
    country: str, cleaned: str, sentences: list, *, exclude: Callable[[str], list]
) -> tuple[matching.PlaceMatcher, list[PlaceMention]]:
    """The matcher of the article's country (``country``, or detected) and the
    article's names it resolves alone; ``exclude(sentence)``: spans that are no place."""
    if country != DETECT:
        return _read(country, cleaned, sentences, exclude)
    home, other = (configured() or ["SY"])[0], candidate(cleaned)
    ours = _read(home, cleaned, sentences, exclude)
    if other == home:
        return ours
    theirs = _read(other, cleaned, sentences, exclude)
    # Switch only when the other gazetteer places as many of the names plainly (a
    # story filed from the other country needs no name of it placed: "KHARTOUM -").
    filed = wire.filed_from(cleaned.split("\n")[:8])
    if plain_count(theirs[1]) >= max(int(filed != other), plain_count(ours[1])):
        return theirs
    return ours


def _read(
    country: str, cleaned: str, sentences: list, exclude: Callable[[str], list]
) -> tuple[matching.PlaceMatcher, list[PlaceMention]]:
    """Resolved alone first: their confident points then place each other name (a
    village near the rest of the story, not its far namesake)."""
    place_matcher = matching.PlaceMatcher(country=country)
    place_matcher.named_abroad = names.countries_named(cleaned, country=country)
    known = [
        place
        for sentence in sentences
        for place in place_matcher.find(sentence.text, exclude=exclude(sentence.text))
    ]
    return place_matcher, known
