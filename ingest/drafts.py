"""Proposed events from grouped mentions: dates, place, actors, statements, a title,
and why each was proposed."""

import datetime as dt
import re

from events.models import EventType
from ingest.actors import clashsides
from ingest.actors import roles as actor_roles
from ingest.actors.actors import ActorMention
from ingest.incidents import grouping
from ingest.proposal import ProposedActor, ProposedEvent, ProposedStatement
from ingest.statements import voices
from ingest.when import dates, timing
from ingest.where.mention import PlaceMention

# Events about a whole front or zone sit on the region named, not on one hill.
REGIONAL_TYPES = frozenset(
    {"change-to-group-activity", "agreement", "displacement", "offensive-launched"}
)
_NUMBER_OF_SORTIES = re.compile(r"\bmore than \d[\d,]* (?:air )?sorties\b", re.I)
_NAMED_AGREEMENT = re.compile(r"\b(?:the )?([A-Z][a-z]+) (?:agreement|accord|deal)\b")
BACKGROUND_DAYS = 30


# The date note's mark of a proposal whose own sentences name no place of it.
CARRIED_PLACE = "; place carried over from the sentences before"


def choose_place(slug: str, places: list[PlaceMention]) -> PlaceMention | None:
    if not places:
        return None
    # A place abroad ("the Astana agreement") or a country locates no event here.
    local = [
        p for p in places if p.feature_type != "country" and p.origin != "abroad"
    ] or places
    if slug in REGIONAL_TYPES:
        regions = [p for p in local if p.is_region]
        if regions:
            return max(regions, key=lambda p: p.rank)
    # A bare "Idlib" read as the city yields to a village the same sentences name.
    return min(local, key=lambda p: (p.rank, p.note.startswith("the city (or")))


def group_place(group: grouping.Group) -> PlaceMention | None:
    """The place a group's event gets: its own sentences' places first."""
    candidates = group.explicit_places or [p for m in group.mentions for p in m.places]
    return choose_place(group.slug, candidates)


def _title(
    group_slug: str,
    event: ProposedEvent,
    mentions: list[grouping.Mention],
    type_names: dict[str, str],
) -> str:
    place = event.place.name if event.place else "unknown place"
    initiators = [a.name for a in event.actors if a.role == "initiator"]
    who = initiators[0] if initiators else ""
    clauses = " ".join(m.clause for m in mentions)
    if group_slug == "non-state-actor-overtakes-territory":
        return f"{who or 'Armed group'} captures {place}"
    if group_slug == "government-regains-territory":
        return f"{who or 'Government forces'} retake {place}"
    if group_slug == "air-drone-strike":
        sorties = _NUMBER_OF_SORTIES.search(clauses)
        what = sorties.group(0).capitalize() if sorties else "Air strikes"
        return f"{what} on the {place} area"
    if group_slug == "offensive-launched":
        return f"{who or 'Government'} offensive on {place} begins"
    if group_slug == "agreement":
        named = _NAMED_AGREEMENT.search(clauses)
        label = f"{named.group(1)} agreement" if named else "Agreement"
        return f"{label} on {place}"
    if group_slug == "displacement":
        return f"Displacement to and within {place}"
    if group_slug == "change-to-group-activity":
        actor = who or "Foreign forces"
        verb = "deployed" if "deploy" in clauses.lower() else "active"
        suffix = ""
        claimants = [s for s in event.statements if s.stance == "claims"]
        if claimants and "opposition" in " ".join(s.speaker for s in claimants).lower():
            suffix = ", opposition says"
        return f"{actor} {verb} in {place}{suffix}"
    if group_slug == "explosions-remote-violence":
        harm = [w for w in ("kill", "wound", "displace") if w in clauses.lower()]
        if harm:
            verbs = ", ".join(harm[:-1]) + (" and " if len(harm) > 1 else "") + harm[-1]
            return f"Attacks {verbs} people in {place}"
    return f"{type_names.get(group_slug) or group_slug} in {place}"


def _statements(mentions: list[grouping.Mention]) -> list[ProposedStatement]:
    """One statement per (stance, speaker), quotes joined: EventSource is unique on it."""
    merged: dict[tuple[str, str], ProposedStatement] = {}
    for mention in mentions:
        s = mention.statement
        key = (s.stance, s.speaker)
        if key in merged:
            merged[key].governed = merged[key].governed and s.governed
            if s.quote not in merged[key].quote:
                merged[key].quote = f"{merged[key].quote} … {s.quote}"
            continue
        merged[key] = ProposedStatement(
            s.stance, s.speaker, s.quote, mention.sentence, s.governed
        )
    return voices.acknowledged(list(merged.values()))


def _actors(slug: str, mentions: list[grouping.Mention]) -> list[ProposedActor]:
    seen: list[ActorMention] = []
    ids: set[int] = set()
    hints: dict[int, str] = {}
    for mention in mentions:
        hints = {**mention.roles, **hints}  # the first sentence's wording wins
        for actor in mention.actors:
            if actor.actor_id not in ids:
                ids.add(actor.actor_id)
                seen.append(actor)
    return [
        ProposedActor(m.actor_id, m.name, role, m.text)
        for m, role in clashsides.both_sides(
            slug, seen, actor_roles.actor_roles(slug, seen, hints)
        )
    ]


def build(
    groups: list[grouping.Group], published_on: dt.date, same_day: bool = False
) -> list[ProposedEvent]:
    events: list[ProposedEvent] = []
    last_dated: dates.DateMention | None = None
    type_names = dict(EventType.objects.values_list("slug", "name"))
    for number, group in enumerate(groups, start=1):
        start, end, precision, note = timing.group_dates(
            group, published_on, last_dated, same_day
        )
        if group.date is not None:
            last_dated = group.date
        explicit = group.explicit_places
        candidates = explicit or [p for m in group.mentions for p in m.places]
        place = choose_place(group.slug, candidates)
        if place is not None and not explicit:
            note += CARRIED_PLACE
        mentioned: dict[str, PlaceMention] = {}
        for p in candidates:
            mentioned.setdefault(p.key, p)
        origins = {
            p.key: p
            for m in group.mentions
            for p in m.origins
            if p.key not in mentioned
        }
        if end is not None and end <= start:
            end = None if end < start or precision != "week" else end
        event = ProposedEvent(
            key=f"e{number}",
            title="",
            event_type=group.slug,
            date_start=start,
            date_end=end,
            date_precision=precision,
            date_note=note,
            place=place,
            places_mentioned=list(mentioned.values()),
            actors=_actors(group.slug, group.mentions),
            statements=_statements(group.mentions),
            summary=group.mentions[0].clause.strip()[:1000],
            origins=list(origins.values()),
        )
        event.title = _title(group.slug, event, group.mentions, type_names)[:300]
        _explain(event, group, published_on, bool(explicit))
        events.append(event)
    actor_roles.carry_perpetrators(events)
    _relate(events)
    return events


def _explain(
    event: ProposedEvent, group: grouping.Group, published_on: dt.date, explicit: bool
) -> None:
    """Why the event was proposed (its rule); how sure it is comes later, from
    ingest/confidence.py, once the article's proposals are final."""
    dated = group.date
    event.background = dated is not None and dated.last < published_on - dt.timedelta(
        days=BACKGROUND_DAYS
    )
    event.sentences = sorted({m.sentence for m in group.mentions})
    cue = next((m.trigger for m in group.mentions if m.trigger), "")
    event.rule = f"type rule “{event.event_type}” on the cue “{cue}”"
    if (
        len(group.mentions[0].places)
        and explicit
        and any(len(m.places) > 0 for m in group.mentions)
    ):
        event.rule += "; place named in the same sentence"
    if event.place is not None and event.place.origin == "near":
        event.rule += f"; {event.place.note}"  # "X near Y": at Y's point, and why
    if event.background:
        event.rule += (
            f"; dated more than {BACKGROUND_DAYS} days before publication: "
            "probably background restated, left unticked"
        )


def _relate(events: list[ProposedEvent]) -> None:
    """A regain after a capture of the same place reverses it."""
    for later in events:
        if later.event_type != "government-regains-territory" or later.place is None:
            continue
        for earlier in events:
            if (
                earlier.event_type == "non-state-actor-overtakes-territory"
                and earlier.place is not None
                and earlier.place.key == later.place.key
                and earlier.date_start <= later.date_start
            ):
                later.related.append((earlier.key, "reverses"))
