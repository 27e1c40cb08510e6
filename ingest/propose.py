"""Propose draft events from an article: statements, types, dates, places, actors.

Over ~400 lines on purpose: the proposal's passes (statements, dates, places, one
event per place, merging, explaining) read one shared mention list. The keyword rules
are in rules.py, undated sentences' dates in timing.py, targets and origins in
targets.py, what the editor sees in highlight.py.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from events.models import Actor, Event, EventSource, EventType, date_range_label
from ingest import actors, dates, matching, rules, speakers, targets, text, timing
from ingest import names as name_checks
from ingest import roles as actor_roles
from ingest.actors import ActorMention
from ingest.mention import PlaceMention

# Events about a whole front or zone sit on the region named, not on one hill.
REGIONAL_TYPES = frozenset(
    {"change-to-group-activity", "agreement", "displacement", "offensive-launched"}
)
_CLAUSE = re.compile(r",?\s+\b(?:that|which|who)\b\s+", re.I)
_PRESENT_PERFECT = re.compile(r"\b(?:have|has)\s+(?:been\s+)?\w+(?:ed|en|n)\b", re.I)
_SINCE = re.compile(r"\b(?:since|after)\b", re.I)
_NUMBER_OF_SORTIES = re.compile(r"\bmore than \d[\d,]* (?:air )?sorties\b", re.I)
_NAMED_AGREEMENT = re.compile(r"\b(?:the )?([A-Z][a-z]+) (?:agreement|accord|deal)\b")


@dataclass
class ProposedStatement:
    stance: str
    speaker: str
    quote: str
    sentence: int


@dataclass
class ProposedActor:
    actor_id: int
    name: str
    role: str
    text: str


@dataclass
class _Mention:
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
    roles: dict[int, str] = field(default_factory=dict)  # roles.position_roles


@dataclass
class ProposedEvent:
    """One proposed event; ``key`` is stable within a proposal."""

    key: str
    title: str
    event_type: str  # slug
    date_start: dt.date
    date_end: dt.date | None
    date_precision: str
    date_note: str
    place: PlaceMention | None
    places_mentioned: list[PlaceMention]
    actors: list[ProposedActor]
    statements: list[ProposedStatement]
    summary: str = ""
    related: list[tuple[str, str]] = field(default_factory=list)  # (key, kind)
    background: bool = False  # dated well before publication: restated, not new
    sentences: list[int] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.0

    @property
    def disputed(self) -> bool:
        return EventSource.stances_disputed({s.stance for s in self.statements})

    @property
    def date_label(self) -> str:
        return date_range_label(self.date_start, self.date_end, self.date_precision)


@dataclass
class ArticleProposal:
    events: list[ProposedEvent]
    places: list[PlaceMention]
    sentences: int
    warnings: list[str]
    texts: list[str] = field(default_factory=list)  # each sentence's text
    # Per sentence: (start, end, kind) of the place, date, actor and speaker spans.
    spans: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)


def _clauses(content: str) -> list[tuple[int, str]]:
    parts, start = [], 0
    for match in _CLAUSE.finditer(content):
        parts.append((start, content[start : match.start()]))
        start = match.end()
    parts.append((start, content[start:]))
    return [(offset, part) for offset, part in parts if part.strip()]


def _within(span_start: int, span_end: int, start: int, end: int) -> bool:
    return start <= span_start and span_end <= end


def _choose_place(slug: str, places: list[PlaceMention]) -> PlaceMention | None:
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


def _places_compatible(a: list[PlaceMention], b: list[PlaceMention]) -> bool:
    if not a or not b:
        return True
    points_a = {p.key for p in a if not p.is_region}
    points_b = {p.key for p in b if not p.is_region}
    if points_a and points_b:  # two villages in one governorate are two events
        return bool(points_a & points_b)
    return any(x.contains(y) or y.contains(x) for x in a for y in b)


def _dates_compatible(a: dates.DateMention | None, b: dates.DateMention | None) -> bool:
    if a is None or b is None:
        return True
    return a.date_start <= b.last and b.date_start <= a.last


class _Group:
    def __init__(self, mention: _Mention) -> None:
        self.slug = mention.slug
        self.mentions = [mention]

    @property
    def explicit_places(self) -> list[PlaceMention]:
        return [p for m in self.mentions if not m.places_inherited for p in m.places]

    @property
    def date(self) -> dates.DateMention | None:
        dated = [m.date for m in self.mentions if m.date is not None]
        return min(dated, key=lambda d: d.date_start) if dated else None

    def accepts(self, mention: _Mention) -> bool:
        if mention.slug != self.slug:
            return False
        mine = self.explicit_places
        theirs = [] if mention.places_inherited else mention.places
        return _places_compatible(mine, theirs) and _dates_compatible(
            self.date, mention.date
        )


_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|inside|to|from|of|across)\s+(?:the\s+)?$", re.I
)


def _blocked(actors: list, sentence: str = "") -> list[tuple[int, int]]:
    """Actor names are no places; "people in Idlib" names civilians and a place, and
    a country after "in/to/from/of" ("brought to hospitals in Turkey") is a place."""
    return [
        (a.start, a.end)
        for a in actors
        if " in " not in a.text.lower()
        and not (
            name_checks.is_country_abroad(a.text)
            and _PLACE_BEFORE.search(sentence[max(0, a.start - 20) : a.start])
        )
    ]


def _sentence_mentions(
    sentence: text.Sentence,
    *,
    published_at: dt.datetime,
    actor_matcher: actors.ActorMatcher,
    place_matcher: matching.PlaceMatcher,
    previous_speaker: str,
    acronyms: dict[str, str] | None = None,
) -> tuple[
    speakers.Statement, list[_Mention], list[PlaceMention], list[dates.DateMention]
]:
    statement = speakers.attribute(sentence.text, previous_speaker=previous_speaker)
    if acronyms and statement.speaker:
        statement = speakers.with_full_speaker(statement, acronyms)
    if statement.speaker:  # "the SDF said": a party the actor list knows
        said_by = actor_matcher.find(statement.speaker.split(" (via ")[0])
        statement = speakers.with_party_speaker(statement, {a.kind for a in said_by})
    content_start = max(statement.content_start, 0)
    content_end = content_start + len(statement.content)
    all_actors = actor_matcher.find(sentence.text)
    actors = [
        a for a in all_actors if _within(a.start, a.end, content_start, content_end)
    ]
    places = [
        p
        for p in place_matcher.find(
            sentence.text, exclude=_blocked(all_actors, sentence.text)
        )
        if _within(p.start, p.end, content_start, content_end)
    ]
    admin1 = next((p.admin1 for p in places if p.is_region and p.admin1), "")
    places += [
        p
        for p in targets.unresolved(sentence.text, places, admin1=admin1)
        if _within(p.start, p.end, content_start, content_end)
    ]
    places.sort(key=lambda p: p.start)
    origins = {
        id(p)
        for p in places
        if targets.is_origin(sentence.text, p, places) or targets.is_reference(p)
    }
    found_dates = dates.find_dates(sentence.text, published_at=published_at)
    if statement.verb_span is not None:  # "yesterday denied": when it was said
        verb_start, verb_end = statement.verb_span
        found_dates = [
            d for d in found_dates if d.end < verb_start - 3 or d.start > verb_end + 3
        ]
    mentions: list[_Mention] = []
    triggers: list[tuple[int, _Mention]] = []
    for offset, clause in _clauses(statement.content):
        start = content_start + offset
        end = start + len(clause)
        clause_actors = [a for a in actors if _within(a.start, a.end, start, end)]
        clause_places = [p for p in places if _within(p.start, p.end, start, end)]
        where = [p for p in clause_places if id(p) not in origins] or [
            p for p in places if id(p) not in origins
        ]
        for match in rules.classify(clause, clause_actors):
            slug = match.slug
            if slug == "non-state-actor-overtakes-territory" and (
                rules.capture_by_government(clause, clause_actors, start + match.start)
            ):
                slug = "government-regains-territory"
            if slug == "government-regains-territory" and rules.regain_by_rebels(
                actors, start + match.start
            ):
                slug = "non-state-actor-overtakes-territory"
            points = [p for p in where if not p.is_region]
            regions = [p for p in where if p.is_region]
            # One event per location: "the villages of A, B and C" are three events.
            each = [[p, *regions] for p in points] if len(points) > 1 else [where]
            if slug in REGIONAL_TYPES or not where:
                each = [where or clause_places or places]
            cue = (start + match.start, start + match.end)
            roles = actor_roles.position_roles(slug, sentence.text, cue, actors)
            for place_list in each:
                mention = _Mention(
                    slug=slug,
                    sentence=sentence.index,
                    clause=clause,
                    statement=statement,
                    actors=actors
                    if slug != "change-to-group-activity"
                    else clause_actors or actors,
                    places=place_list,
                    places_inherited=False,
                    ongoing=bool(_PRESENT_PERFECT.search(clause)),
                    trigger=clause[match.start : match.end],
                    roles=roles,
                )
                mentions.append(mention)
                triggers.append((start + match.start, mention))
    # Each date goes to the nearest event trigger in the sentence.
    for found in found_dates:
        if not triggers:
            break
        position, _ = min(triggers, key=lambda t: abs(t[0] - found.start))
        for at, nearest in triggers:  # every place of a listed target
            if at == position and nearest.date is None:
                nearest.date = found
    for position, mention in triggers:
        if mention.date is not None:
            continue
        for found in found_dates:
            since = _SINCE.search(sentence.text, 0, found.start)
            if since and since.start() > position:
                mention.since = found
    return statement, mentions, places, found_dates


def _spans(
    sentence: str,
    statement: speakers.Statement,
    places: list[PlaceMention],
    found: list[dates.DateMention],
) -> list[tuple[int, int, str]]:
    result = [(p.start, p.end, "place") for p in places]
    result += [(d.start, d.end, "date") for d in found]
    speaker = statement.speaker.split(" (via ")[0]
    at = sentence.find(speaker) if speaker else -1
    if at >= 0:
        result.append((at, at + len(speaker), "speaker"))
    return result


def _title(
    group_slug: str,
    event: ProposedEvent,
    mentions: list[_Mention],
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


def _said_of(group: _Group, statement: speakers.Statement, at: int) -> _Mention:
    """A later sentence's statement on a group's event, as a mention of it."""
    return _Mention(group.slug, at, "", statement, [], [], places_inherited=True)


def _statements(mentions: list[_Mention]) -> list[ProposedStatement]:
    """One statement per (stance, speaker), quotes joined: EventSource is unique on it."""
    merged: dict[tuple[str, str], ProposedStatement] = {}
    for mention in mentions:
        s = mention.statement
        key = (s.stance, s.speaker)
        if key in merged:
            if s.quote not in merged[key].quote:
                merged[key].quote = f"{merged[key].quote} … {s.quote}"
            continue
        merged[key] = ProposedStatement(s.stance, s.speaker, s.quote, mention.sentence)
    return speakers.contested(list(merged.values()))


def _actors(slug: str, mentions: list[_Mention]) -> list[ProposedActor]:
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
        for m, role in actor_roles.actor_roles(slug, seen, hints)
    ]


def article_propose(
    *,
    text_raw: str,
    published_at: dt.datetime,
    country: str = "SY",
) -> ArticleProposal:
    """Draft events the article reports. Raises text.ArticleTextError for unusable text.

    Reads the database (actors, places, gazetteer) and writes nothing."""
    cleaned, warnings = text.clean_text(text_raw)
    sentences = text.article_sentences(cleaned)
    if not sentences:
        raise text.ArticleTextError(
            "No sentences found: paste the body of the article, not only its headline."
        )
    published_on = published_at.date()
    actor_matcher = actors.ActorMatcher(Actor.objects.all())
    place_matcher = matching.PlaceMatcher(country=country)
    place_matcher.named_abroad = name_checks.countries_named(cleaned, country=country)
    if len(place_matcher) == 0:
        warnings.append(
            "The gazetteer is empty: no place can be recognised. Load it first "
            "(manage.py load_demo or the gazetteer import)."
        )
    # The article's names resolved alone first: their confident points then place
    # each other name (a village near the rest of the story, not its far namesake).
    place_matcher.remember_context(
        place
        for sentence in sentences
        for place in place_matcher.find(
            sentence.text,
            exclude=_blocked(actor_matcher.find(sentence.text), sentence.text),
        )
    )
    groups: list[_Group] = []
    all_places: dict[str, PlaceMention] = {}
    context: list[PlaceMention] = []
    previous_speaker = ""
    # The last sentence's events (and the last attributed ones) with its number.
    recent: tuple[list[_Group], int] = ([], -9)
    claimed: tuple[list[_Group], int] = ([], -9)
    incident: dates.DateMention | None = None
    spans: dict[int, list[tuple[int, int, str]]] = {}
    region_admins: set[str] = set()
    names = speakers.acronyms(cleaned)
    same_day = timing.same_day_story(sentences, published_on, cleaned[:300])
    for sentence in sentences:
        statement, mentions, places, found_dates = _sentence_mentions(
            sentence,
            published_at=published_at,
            actor_matcher=actor_matcher,
            place_matcher=place_matcher,
            previous_speaker=previous_speaker,
            acronyms=names,
        )
        spans[sentence.index] = _spans(sentence.text, statement, places, found_dates)
        spans[sentence.index] += [
            (a.start, a.end, "actor") for a in actor_matcher.find(sentence.text)
        ]
        if statement.speaker:
            previous_speaker = statement.speaker.split(" (via ")[0]
        for place in places:
            all_places.setdefault(place.key, place)
        region_admins |= name_checks.region_admins(sentence.text, places)
        for found in found_dates:
            if found.precision == "day" and (
                0 <= (published_on - found.date_start).days <= timing.CARRY_DAYS
            ):
                incident = found
        touched: list[_Group] = []
        joined = False  # a mention of an event the article already reported
        for mention in mentions:
            if mention.date is None:
                mention.carried = incident
            if not mention.places:
                mention.places, mention.places_inherited = list(context), True
            group = next((g for g in groups if g.accepts(mention)), None)
            if group is None:
                groups.append(_Group(mention))
            else:
                group.mentions.append(mention)
                joined = True
            touched.append(group or groups[-1])
        # "X confirmed/denied …" naming no place nor known event speaks of the events
        # before: those someone claimed within the last three sentences, else the last.
        answered = claimed if 0 < sentence.index - claimed[1] <= 3 else recent
        own = joined or any(not m.places_inherited for m in mentions)
        if 0 < sentence.index - answered[1] <= 3 and speakers.follows_up(
            statement, own_event=own
        ):
            for group in dict.fromkeys(answered[0]):
                group.mentions.append(_said_of(group, statement, sentence.index))
        if touched:
            recent = (touched, sentence.index)
            if statement.speaker:
                claimed = recent
        local = [p for p in places if p.feature_type != "country"]
        if local:
            context = local
    for place in place_matcher.dateline(sentences[0].text):
        all_places.setdefault(place.key, place)  # named, but no event's place
    groups = _merge_harm(groups)
    doubtful = name_checks.cities(list(all_places.values()), region_admins)
    read = [doubtful.get(k, p) for k, p in all_places.items()]  # city or governorate
    doubtful.update(targets.doubtful(read))
    doubtful.update(name_checks.unsure(read))
    abroad = name_checks.foreign_country(cleaned) if country == "SY" else ""
    if abroad:
        doubtful.update(name_checks.in_foreign_story(list(all_places.values()), abroad))
    if doubtful:
        all_places = {k: doubtful.get(k, p) for k, p in all_places.items()}
        for group in groups:
            for mention in group.mentions:
                mention.places = [doubtful.get(p.key, p) for p in mention.places]
    events = _events(groups, published_on, same_day)
    if not events:
        warnings.append(
            "No event was recognised in this text. Events need a cue such as "
            "“captured”, “regained”, “air strikes”, “killed” or “agreement”."
        )
    return ArticleProposal(
        events, list(all_places.values()), len(sentences), warnings,
        [s.text for s in sentences], spans,
    )  # fmt: skip


_STRIKES = {
    "air-drone-strike", "shelling-artillery-missile-attack",
    "remote-explosive-landmine-ied", "armed-clash", "attack", "suicide-bomb",
    # A toll beside a capture is the fighting's toll, not a second event.
    "government-regains-territory", "non-state-actor-overtakes-territory",
}  # fmt: skip
BACKGROUND_DAYS = 30


def _merge_harm(groups: list[_Group]) -> list[_Group]:
    """ "Killed" beside an air strike at the same place and day is that strike's toll."""
    kept = []
    for group in groups:
        if group.slug == "explosions-remote-violence":
            host = next(
                (
                    g
                    for g in groups
                    if g.slug in _STRIKES
                    and all(_dates_compatible(g.date, m.date) for m in group.mentions)
                    and all(_places_compatible(g.explicit_places, m.places)
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


def _events(
    groups: list[_Group], published_on: dt.date, same_day: bool = False
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
        place = _choose_place(group.slug, candidates)
        if place is not None and not explicit:
            note += "; place carried over from the sentences before"
        mentioned: dict[str, PlaceMention] = {}
        for p in candidates:
            mentioned.setdefault(p.key, p)
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
        )
        event.title = _title(group.slug, event, group.mentions, type_names)[:300]
        _explain(event, group, published_on, bool(explicit))
        events.append(event)
    actor_roles.carry_perpetrators(events)
    _relate(events)
    return events


def _explain(
    event: ProposedEvent, group: _Group, published_on: dt.date, explicit: bool
) -> None:
    """Why the event was proposed (its rule) and how sure the proposal is."""
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
    if event.background:
        event.rule += (
            f"; dated more than {BACKGROUND_DAYS} days before publication: "
            "probably background restated, left unticked"
        )
    score = 0.35
    if event.place is not None and event.place.lat is not None:
        score += 0.25 if explicit else 0.1
    elif event.place is not None:
        score += 0.1
    if dated is not None or any(m.carried for m in group.mentions):
        score += 0.15
    if event.actors:
        score += 0.1
    if any(s.speaker for s in event.statements):
        score += 0.05
    if event.background:
        score -= 0.3
    event.confidence = round(min(max(score, 0.05), 0.95), 2)


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


DATE_PRECISIONS = [c[0] for c in Event.DatePrecision.choices]
