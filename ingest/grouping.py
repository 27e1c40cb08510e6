"""Mentions of an event type, grouped into incidents: one event per place and day,
a toll folded into the strike that caused it."""

from dataclasses import dataclass

from ingest import dates, speakers
from ingest.actors import ActorMention
from ingest.mention import PlaceMention


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
    trigger: str = ""


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

    def accepts(self, mention: Mention) -> bool:
        if mention.slug != self.slug:
            return False
        mine = self.explicit_places
        theirs = [] if mention.places_inherited else mention.places
        return places_compatible(mine, theirs) and dates_compatible(
            self.date, mention.date
        )


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
                    and all(places_compatible(g.explicit_places, m.places)
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
