"""Mentions of an event type, grouped into incidents: one event per place and day,
a toll folded into the strike that caused it, a lead that sums up an incident folded
into the detail that follows it."""

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.actors.actors import ActorMention
from ingest.statements import speakers
from ingest.when import dates
from ingest.where import cityparts
from ingest.where.mention import PlaceMention, km_between


@dataclass
class Mention:
    slug: str
    sentence: int
    clause: str
    statement: speakers.Statement
    actors: list[ActorMention]
    places: list[PlaceMention]
    places_inherited: bool
    date: dates.DateMention | None = None
    since: dates.DateMention | None = None  # "has swelled ... after ... in May 2017"
    ongoing: bool = False  # present perfect: "have killed"
    carried: dates.DateMention | None = None  # the incident's date from the lead
    said_on: dates.DateMention | None = None  # "a rescuer said on Thursday"
    trigger: str = ""
    roles: dict[int, str] = field(default_factory=dict)  # roles.position_roles
    refers: str = ""  # "same": an incident told before ("the morning's fighting")
    origins: list[PlaceMention] = field(default_factory=list)  # where fire came from


# A cue that names an incident already told: "SOHR confirmed casualties from the
# morning's fighting", "the attack", "that strike"; a detail "during the attack".
_DEFINITE = re.compile(
    r"(?:\b(?:the|this|that|these|those)|['’]s)\s+(?:[\w-]+\s+)?$", re.I
)
_INCIDENT_NOUN = re.compile(
    r"^(?:fighting|clash(?:es)?|attacks?|assault|shelling|bombardment|(?:air ?)?"
    r"strikes?|airstrikes?|raids?|bombing|explosion|blast|battles?|ambush)$",
    re.I,
)
# "after the drone attack", "following that strike": a time given by an incident
# told before, even in a clause that names its own place.
_AFTER_THE = re.compile(
    r"\b(?:after|following|since|before)\s+(?:the|this|that|these|those)\s+"
    r"(?:[\w-]+\s+)?$",
    re.I,
)
_DURING = re.compile(
    r"\b(?:during|in the course of) the (?:same )?(?:attack|assault|raid)\b|"
    # "Heavy weapons, including artillery, were used in the fighting": its weapons
    r"\b(?:used|deployed|fired|employed) (?:[\w-]+ ){0,2}in the (?:fighting|clash(?:es)?|"
    r"battles?)\b",
    re.I,
)


def refers(clause: str, start: int, end: int, *, placed: bool) -> str:
    """How the cue at clause[start:end] refers to an incident told before: "same"
    (a definite noun, "the morning's fighting", in a clause naming no place), "part"
    (a detail "during the attack"), or ""."""
    if _DURING.search(clause):
        return "part"
    head = clause[start:end].split()[-1:] or [""]  # "drone attack": the attack
    if _INCIDENT_NOUN.match(head[0]) and _AFTER_THE.search(
        clause[max(0, start - 40) : start]
    ):
        return "same"  # "shelling occurred near Tal Tamir after the drone attack"
    if placed or not _INCIDENT_NOUN.match(clause[start:end]):
        return ""
    return "same" if _DEFINITE.search(clause[max(0, start - 30) : start]) else ""


def told_before(
    groups: list["Group"], mention: Mention, family: Callable[[str], str] = str
) -> "Group | None":
    """The group a referring mention speaks of: the last of its type (of its family
    for a family's own, generic type: "injured in the strike", read as remote violence
    after a drone strike), else the last of its family ("same"); the last of these
    on a day it allows ("retold": a quote telling the incident again); or the last
    one told ("part"); None when there is none."""
    day = mention.date or mention.said_on or mention.carried
    if mention.refers == "part":
        found = groups[-1] if groups else None
        return found if found is not None and dates_compatible(found.day, day) else None
    if mention.refers not in ("same", "retold"):
        return None
    kin = family(mention.slug)
    own = [
        g
        for g in reversed(groups)
        if g.slug == mention.slug or kin == mention.slug == family(g.slug)
    ]
    kindred = own + [g for g in reversed(groups) if family(g.slug) == kin]
    if mention.refers == "same":
        kindred = kindred[:1]
    return next((g for g in kindred if dates_compatible(g.day, day)), None)


def places_compatible(a: list[PlaceMention], b: list[PlaceMention]) -> bool:
    if not a or not b:
        return True
    points_a = {p.key for p in a if not p.is_region}
    points_b = {p.key for p in b if not p.is_region}
    if points_a and points_b:  # two villages in one governorate are two events
        return bool(points_a & points_b)
    return any(x.contains(y) or y.contains(x) for x in a for y in b)


def dates_compatible(a: dates.DateMention | None, b: dates.DateMention | None) -> bool:
    if a is None or b is None:
        return True
    return a.date_start <= b.last and b.date_start <= a.last


# A clause that opens on another incident: "Earlier on Friday, …", "In a separate
# attack, …", "Elsewhere, …".
_ANOTHER = re.compile(
    r"^\W*(?:earlier|later|elsewhere|separately|in (?:a|another) separate|"
    r"in another)\b",
    re.I,
)


class Group:
    def __init__(self, mention: Mention) -> None:
        self.slug = mention.slug
        self.mentions = [mention]

    @property
    def explicit_places(self) -> list[PlaceMention]:
        return [p for m in self.mentions if not m.places_inherited for p in m.places]

    @property
    def date(self) -> dates.DateMention | None:
        dated = [m.date for m in self.mentions if m.date is not None]
        return min(dated, key=lambda d: d.date_start) if dated else None

    @property
    def day(self) -> dates.DateMention | None:
        """Its date, else the day its undated mentions were said or carried on."""
        hints = [m.said_on or m.carried for m in self.mentions]
        return self.date or next((h for h in hints if h is not None), None)

    def accepts(self, mention: Mention) -> bool:
        if mention.slug != self.slug:
            return False
        mine = self.explicit_places
        theirs = [] if mention.places_inherited else mention.places
        if mention.places_inherited and _ANOTHER.match(mention.clause):
            return False  # "Earlier on Friday, a drone struck near a post": not here
        if (
            mention.places_inherited
            and mine
            and all(p.is_region for p in mine)
            and any(not p.is_region for p in mention.places)
        ):  # "Five soldiers were killed in ensuing clashes" after a sentence naming
            return False  # Afrin: the clash is at Afrin, not in "northern Aleppo".
        # "…also launched air raids, residents said" (a same-day story's day) and
        # "warplanes on Friday killed 65 in Taiz" are two days: two events.
        theirs_day = mention.date or mention.said_on or mention.carried
        return places_compatible(mine, theirs) and dates_compatible(
            self.day, theirs_day
        )


def said_of(
    group: "Group",
    statement: speakers.Statement,
    at: int,
    places: list[PlaceMention] = (),
) -> Mention:
    """A later sentence's statement on a group's event, as a mention of it; one that
    names the town inside the event's region ("a village in Idlib" … "the strikes
    pounded the town of A in Idlib, the Observatory said") places it there."""
    inside = narrowed(group, list(places))
    return Mention(
        group.slug, at, "", statement, [], inside, places_inherited=not inside
    )


def narrowed(group: "Group", places: list[PlaceMention]) -> list[PlaceMention]:
    """The one town or village among ``places`` that lies in the region the group's
    event is placed at (when its own places are regions only); [] otherwise: two
    towns named are a list, not the one incident's place."""
    mine = [p for p in group.explicit_places if p.feature_type != "country"]
    if not mine:
        return []
    inside = {
        p.key: p for p in places if not p.is_region and any(r.contains(p) for r in mine)
    }
    if len(inside) == 1 and all(p.is_region for p in mine):
        return list(inside.values())
    return cityparts.part_named(mine, places)  # "the X neighbourhood of <city>"


STRIKES = {
    "air-drone-strike", "shelling-artillery-missile-attack",
    "remote-explosive-landmine-ied", "armed-clash", "attack", "suicide-bomb",
    # A toll beside a capture is the fighting's toll, not a second event.
    "government-regains-territory", "non-state-actor-overtakes-territory",
}  # fmt: skip


def merge_harm(groups: list[Group]) -> list[Group]:
    """ "Killed" beside an air strike at the same place and day is that strike's toll."""
    kept = []
    for group in groups:
        if group.slug == "explosions-remote-violence":
            host = next(
                (
                    g
                    for g in groups
                    if g.slug in STRIKES
                    and all(dates_compatible(g.date, m.date) for m in group.mentions)
                    # an inherited place is the sentence before's: a toll in the
                    # next sentence ("Two men were killed") needs no place of its own
                    and all(m.places_inherited
                            or places_compatible(g.explicit_places, m.places)
                            or all(p.is_region for p in m.places)
                            for m in group.mentions)
                    and {m.sentence for m in g.mentions}
                    & {s for m in group.mentions for s in (m.sentence - 1, m.sentence, m.sentence + 1)}
                ),
                None,
            )  # fmt: skip
            if host is not None:
                host.mentions.extend(group.mentions)
                continue
        kept.append(group)
    return kept


GENERIC = "explosions-remote-violence"  # a toll or a bombardment, weapon unnamed
FOLD_KM = 50.0
# "Assad barrel bombs also targeted al-Jeeza", "another drone hit Awja": a new incident.
_SEPARATE = re.compile(
    r"\b(?:also|another|other|elsewhere|meanwhile|separately|separate|in addition|"
    r"additionally|moreover|furthermore|earlier|later)\b",
    re.I,
)


def separate(clause: str) -> bool:
    """The clause says it tells another incident ("also", "another", "earlier")."""
    return bool(_SEPARATE.search(clause) or _ANOTHER.match(clause))


def _country_part(place: PlaceMention) -> bool:
    """ "northern Syria", "northwest Syria": a direction of the country (matching.py
    reads it as an area with no governorate and no point)."""
    return (
        place.feature_type == "area"
        and not place.admin1
        and place.lat is None
        and place.origin == "region"
    )


def _inside(coarse: PlaceMention, detail: PlaceMention) -> bool:
    """The detail's place lies in the lead's region, or near the lead's city."""
    if detail.key == coarse.key or detail.rank > coarse.rank:
        return False
    if coarse.is_region and _country_part(coarse):
        # "in northern Syria": a part of the country, no point; its villages lie in it
        return detail.country_code == coarse.country_code and detail.origin != "abroad"
    if coarse.is_region:
        return coarse.contains(detail) or (
            not detail.admin1
            and detail.lat is None
            and coarse.feature_type != "country"
        )
    if coarse.feature_type != "city":
        return False
    if coarse.lat is not None and detail.lat is not None:
        return km_between(coarse, detail) <= FOLD_KM
    return not detail.admin1 or detail.admin1 == coarse.admin1


LEAD_DAYS = 3  # a lead said on Thursday sums up Wednesday night's detail


def _long_before(
    detail: dates.DateMention | None, lead: dates.DateMention | None
) -> bool:
    """The detail is dated well before the day the lead was said or carried on
    ("…, residents said on Monday" is no summary of "took Sanaa last September")."""
    if detail is None or lead is None:
        return False
    return (lead.date_start - detail.last).days > LEAD_DAYS


def fold_leads(
    groups: list[Group],
    family: Callable[[str], str],
    place_of: Callable[[Group], PlaceMention | None],
) -> list[Group]:
    """A lead that sums an incident up ("an explosion targeted a patrol in Raqqa city
    on Wednesday") and the next sentence that details it ("two were killed when their
    patrol was targeted on the outskirts of al-Qaramah, east of Raqqa") are one event,
    at the detail's place. The lead is the article's first sentence with an event; the
    detail is a later event of the same family and day whose place lies in the lead's
    region or near its city, and does not say it is another incident ("also",
    "another", "elsewhere")."""
    if not groups:
        return groups
    first = min(m.sentence for g in groups for m in g.mentions)
    folded: set[int] = set()
    for lead in groups:
        if lead.mentions[0].sentence != first:
            continue
        if (
            sum(g.mentions[0].sentence == first and g.slug == lead.slug for g in groups)
            > 1
        ):
            continue  # a list of villages struck, not one incident summed up
        coarse = place_of(lead)
        if coarse is None or not (
            coarse.is_region or coarse.feature_type == "city" or coarse.lat is None
        ):
            continue
        for detail in groups:
            start = detail.mentions[0]
            if (
                detail is lead
                or id(detail) in folded
                or start.sentence <= first
                or family(detail.slug) != family(lead.slug)
                # its day, carried from its own sentences when undated: "On Thursday,
                # a patrol advanced …. Forces set up a checkpoint" is not Friday's lead
                or not dates_compatible(lead.date, detail.day)
                or _long_before(detail.date, lead.day)
                or _SEPARATE.search(start.clause)
            ):
                continue
            place = place_of(detail)
            if place is None or not (
                _inside(coarse, place)
                # Neither placed (a town abroad, a neighbourhood): the very next
                # sentence's detail of the same kind is the lead's incident.
                or (
                    coarse.lat is None
                    and place.lat is None
                    and place.key != coarse.key
                    and start.sentence == first + 1
                    and all(
                        m.sentence == first or m.places_inherited for m in lead.mentions
                    )
                )
            ):
                continue
            detail.mentions.extend(
                dataclasses.replace(m, places_inherited=True) for m in lead.mentions
            )
            if detail.slug == GENERIC and lead.slug != GENERIC:
                detail.slug = lead.slug
            folded.add(id(lead))
            break
    return [g for g in groups if id(g) not in folded]
