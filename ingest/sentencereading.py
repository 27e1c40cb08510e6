"""One sentence read into event mentions for the article pipeline (ingest/propose.py):
its statement and speaker, event types, dates (a statement's day at most bounds the
event), places and actors, in one pass whose steps share the sentence's blocked spans
(ingest/sentencespans.py); a state's own acts kept apart from its forces'. Split from
ingest/propose.py."""

import datetime as dt
import re

from ingest import drafts
from ingest.actors import actors, surnames
from ingest.actors import doers as named_sides
from ingest.actors import roles as actor_roles
from ingest.country import datelines
from ingest.incidents import (
    grouping,
    split,
)
from ingest.kinds import background, backing, displacedby, rules
from ingest.kinds.typerules import _STATE_ACTS
from ingest.reading import clauses, coordination, text, wire
from ingest.sentencespans import _blocked
from ingest.statements import (
    followups,
    fullnames,
    namedback,
    relays,
    speakerforms,
    speakers,
    voices,
)
from ingest.when import dates, in_passing, timing
from ingest.where import (
    abroadregions,
    aimed,
    anchored,
    apart,
    cityorregion,
    hometowns,
    locators,
    matching,
    origins,
    references,
    regionread,
    seats,
    stretches,
    targets,
    treated,
    warnames,
)
from ingest.where import names as name_checks
from ingest.where.mention import PlaceMention

_PRESENT_PERFECT = re.compile(r"\b(?:have|has)\s+(?:been\s+)?\w+(?:ed|en|n)\b", re.I)
_SINCE = re.compile(r"\b(?:since|after)\b", re.I)
# "…, a rescuer said on Thursday": when it was said, at most a bound on the event.
_SAID_ON = re.compile(
    r"\b(?:said|says|told\s+[^,.;]{1,40}?|reported|announced|added|stated|"
    r"confirmed|denied|claimed)\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)


DATELINE_WITHIN = 8  # sentences: a wire dateline follows the title and byline


def _sentence_mentions(
    sentence: text.Sentence,
    *,
    published_at: dt.datetime,
    actor_matcher: actors.ActorMatcher,
    place_matcher: matching.PlaceMatcher,
    previous_speaker: str,
    acronyms: dict[str, str] | None = None,
    named: dict[str, str] | None = None,
    known: dict[str, PlaceMention] | None = None,
    anchor: dt.date | None = None,
    unresolved_seen: dict[str, PlaceMention] | None = None,
    people: frozenset[str] = frozenset(),
) -> tuple[
    speakers.Statement,
    list[grouping.Mention],
    list[PlaceMention],
    list[dates.DateMention],
    list[PlaceMention],
]:
    statement = relays.reread(
        voices.reread(
            speakerforms.attribute(
                sentence.text,
                previous_speaker=previous_speaker,
                opening=sentence.index < DATELINE_WITHIN,
            )
        ),
        sentence.text,
        previous_speaker=previous_speaker,
    )
    if acronyms is not None and statement.speaker:
        statement = fullnames.with_full_speaker(statement, acronyms)
        statement = namedback.reread(statement, sentence.text, acronyms)
    if named is not None and statement.speaker:
        statement = surnames.with_named_speaker(statement, named)
    if statement.speaker:  # "the SDF said": a party the actor list knows
        said_by = actor_matcher.find(statement.speaker.split(" (via ")[0])
        kinds = {a.kind for a in said_by}
        statement = voices.party_denial(
            followups.with_party_speaker(statement, kinds), kinds
        )
    content_start = max(statement.content_start, 0)
    content_end = content_start + len(statement.content)
    filed = (
        datelines.dateline_span(sentence.text)
        if sentence.index < DATELINE_WITHIN
        else None
    )
    all_actors = actor_matcher.find(sentence.text)
    all_actors += named_sides.plural_doers(sentence.text, actor_matcher, all_actors)
    all_actors += named_sides.victims(sentence.text, actor_matcher, all_actors)
    all_actors = named_sides.without_onlookers(sentence.text, all_actors)
    if filed is not None:  # "MOSCOW, May 31 -": where it was filed, never who acted
        all_actors = [a for a in all_actors if a.start >= filed[1]]
    actors = [
        a
        for a in all_actors
        if clauses.within(a.start, a.end, content_start, content_end)
    ]
    blocked = _blocked(all_actors, sentence.text, people)
    if filed is not None:  # "BEIRUT (Reuters) -": where it was filed, read as context
        blocked.append(filed)
    # "The IDF said it struck …": the speaker, when the actor list knows it.
    spoken_by = [
        a
        for a in all_actors
        if statement.speaker and a.end <= content_start and a.kind != "civilians"
    ]
    found_here = place_matcher.find(sentence.text, exclude=blocked)
    places = [
        p
        for p in found_here
        if clauses.within(p.start, p.end, content_start, content_end)
    ]
    admin1 = next((p.admin1 for p in places if p.is_region and p.admin1), "")
    places += [
        p
        for p in targets.unresolved(
            sentence.text,
            places,
            admin1=admin1,
            country=place_matcher.country,  # the editor's candidates are looked up there
            resolve=lambda start, end: place_matcher.named(
                sentence.text, start, end, admin_hint=admin1
            ),
            exclude=blocked,
        )
        if clauses.within(p.start, p.end, content_start, content_end)
    ]
    outlets = references.outlets(sentence.text)
    places = name_checks.variants_of_known(
        [p for p in places if not any(a < p.end and p.start < b for a, b in outlets)],
        known or {},
    )
    if unresolved_seen is not None:  # "Debs", later "Al-Dabs": one place
        places = name_checks.same_unresolved(places, unresolved_seen)
    places.sort(key=lambda p: p.start)
    places = abroadregions.directed(sentence.text, places, place_matcher.country)
    places = cityorregion.decide(sentence.text, places)  # "downtown Daraa": the city
    # "Homs, Hama, Raqqa and Aleppo": governorates; "Damascus suburbs of West Ghouta"
    places = cityorregion.lists_and_descriptors(sentence.text, places)
    places = anchored.mark(sentence.text, places)  # "X near Y": where X lies
    anchors = anchored.anchors_of(sentence.text, places)
    # "the town of X …, according to Y province police": read in Y near a sure place
    places = regionread.mark(places, found_here)
    # "forces based in A shelled B": A is where the fire came from, the event's context
    fired_from = [p for p in places if origins.fired_from(sentence.text, p, places)]
    ends = stretches.second_ends(sentence.text, places)  # "between A and B": at A
    # "close to the Niger border": a reference, never the event's place, even alone
    borders = {id(p) for p in places if wire.names_a_border(sentence.text, p)}
    # "…, which was seized earlier this month", "in retaliation for attacks on Homs"
    aside = background.asides(sentence.text)
    # "near the home of a paramedic killed Sunday": the paramedic's day, not the event's
    aside += in_passing.spans(sentence.text)
    # "displaced people who fled their homes in A": where they lived, not even alone
    homes = {id(p) for p in places if hometowns.is_home(sentence.text, p)}
    # "casualties were taken to a hospital in A": where they were treated, not even alone
    homes |= {id(p) for p in places if treated.is_treated_at(sentence.text, p)}
    homes |= {id(p) for p in fired_from}  # "carried out from the direction of A"
    # "Kyiv had retaken Andriivka": a capital standing for its side, not even alone
    homes |= {id(p) for p in places if seats.names_a_side(sentence.text, p)}
    # "amid Israel's war on Gaza": the war's name, no incident's place
    homes |= {
        id(p) for p in places if warnames.names_a_war(sentence.text, p.start, p.end)
    }
    not_here = (
        borders
        | homes
        | {id(p) for p in places if any(a <= p.start < b for a, b in aside)}
        | {id(p) for p in fired_from}
        | {
            id(p)
            for p in places
            if id(p) in anchors  # "X near Y": the event is X's, Y says where X lies
            or origins.is_origin(sentence.text, p, places)  # "Quneitra-based activists"
            or seats.is_seat(sentence.text, p)  # "Gaza's civil defence agency said"
            or references.is_reference(p, sentence.text, places)
            or locators.locates(sentence.text, p, places)
            or id(p) in ends
        }
    )
    found_dates = [
        d
        for d in dates.find_dates(
            sentence.text, published_at=published_at, anchor=anchor
        )
        if not any(a <= d.start < b for a, b in aside)
    ]
    if sentence.index < 3:  # "22 Oct 2016 ISIS launched …": the page's own date
        stamps = timing.page_stamps(found_dates, sentence.text, published_at.date())
        found_dates = [d for d in found_dates if d not in stamps]
    # "yesterday denied", "said on Saturday that": when it was said, never the
    # event's own date; a day right after the verb bounds the event (it happened
    # that day at the latest).
    by_verb, after_verb = [], []
    if statement.verb_span is not None:
        verb_start, verb_end = statement.verb_span
        by_verb = [
            d
            for d in found_dates
            if not (d.end < verb_start - 3 or d.start > verb_end + 3)
        ]
        after_verb = [d for d in by_verb if d.start >= verb_end]
    said_on = [
        d
        for d in found_dates
        if (d.precision == "day" or d in after_verb)  # "claimed in December that"
        and (
            d in after_verb
            or _SAID_ON.search(sentence.text[: d.start][-60:])
            # between "said" and what was said: "said in a statement on Monday that"
            or (
                statement.verb_span is not None
                and statement.verb_span[1] <= d.start
                and d.end <= content_start
            )
        )
    ]
    found_dates = [d for d in found_dates if d not in said_on and d not in by_verb]
    # "KHARTOUM, Oct 22 (Reuters) -": the day it was filed bounds the events, as a
    # "said on" day does; it is no event's own day.
    filed_on = wire.within(found_dates, filed)
    found_dates = [d for d in found_dates if d not in filed_on]
    said_on += filed_on
    if said_on:  # "“… the battles today …,” it said on Monday": Monday's today
        found_dates = timing.spoken_on(
            found_dates, sentence.text, said_on[0], published_at.date()
        )
    mentions: list[grouping.Mention] = []
    triggers: list[tuple[int, grouping.Mention]] = []
    parts = coordination.split(
        clauses.split(statement.content),
        lambda piece: bool(rules.classify(piece, [])),
    )
    for number, (offset, clause) in enumerate(parts):
        start = content_start + offset
        end = start + len(clause)
        clause_actors = [
            a for a in actors if clauses.within(a.start, a.end, start, end)
        ]
        clause_places = [
            p for p in places if clauses.within(p.start, p.end, start, end)
        ]
        # "The clashes, which … centered in Abu Salim": the relative clause places them
        described = clauses.described_places(
            statement.content, parts, number, places, content_start
        )
        where = [p for p in clause_places if id(p) not in not_here] or [
            p for p in places if id(p) not in not_here
        ]
        # "targeting the villages of A, B": no weapon word, still an attack on them
        typed = rules.classify(clause, clause_actors) or aimed.matches(clause)
        # "troops backed by helicopters repelled an attack": the clash's means
        typed = backing.drop_backing(clause, typed, clause_actors)
        for match in aimed.refined(clause, typed):  # "gunmen killed 23 villagers"
            slug = match.slug
            at, until = start + match.start, start + match.end
            if background.restated(sentence.text, at, until, slug):
                continue
            if slug == "displacement" and displacedby.part_of_violence(
                sentence.text, at, until
            ):
                continue  # "killed ..., while the rest fled": the violence's flight
            if slug == "non-state-actor-overtakes-territory" and (
                rules.capture_by_government(clause_actors, at, sentence.text, until)
            ):
                slug = "government-regains-territory"
            if slug == "government-regains-territory" and rules.regain_by_rebels(
                actors, at, sentence.text, until
            ):
                slug = "non-state-actor-overtakes-territory"
            # "fled their homes in A": where the victims lived is where they fled from
            here = where or (
                [p for p in clause_places if id(p) in homes and p not in fired_from]
                if slug == "displacement"
                else []
            )
            points = [p for p in here if not p.is_region]
            regions = [p for p in here if p.is_region]
            # One event per location: "the villages of A, B and C" are three events.
            each = (
                targets.per_location(sentence.text, points, regions)
                if len(points) > 1
                else [here]
            )
            # "in Damascus and Homs": a region listed beside a town it does not hold
            each = apart.locations(sentence.text, points, regions, each)
            if not points and (
                sum(map(cityorregion.listed, regions)) > 2
                or split.coordinated_regions(sentence.text, regions)
            ):
                each = [[r] for r in regions]  # "Homs, Hama, Raqqa and Aleppo"
            if slug in drafts.REGIONAL_TYPES or not here:
                each = [
                    here
                    or [p for p in clause_places if id(p) not in borders | homes]
                    or [p for p in places if id(p) not in borders | homes]
                ]
            roles = actor_roles.position_roles(slug, sentence.text, (at, until), actors)
            doers = []
            if spoken_by and actor_roles.speaker_did(sentence.text[content_start:at]):
                doers = [a for a in spoken_by if a.actor_id not in roles]
                roles = {**roles, **{a.actor_id: "initiator" for a in doers}}
            for place_list in each:
                mention = grouping.Mention(
                    slug=slug,
                    sentence=sentence.index,
                    clause=clause,
                    statement=statement,
                    actors=doers
                    + (
                        actors
                        if slug != "change-to-group-activity"
                        else clause_actors or actors
                    ),
                    places=place_list,
                    places_inherited=False,
                    origins=[p for p in fired_from if p not in place_list],
                    ongoing=bool(_PRESENT_PERFECT.search(clause)),
                    trigger=clause[match.start : match.end],
                    roles=roles,
                    refers=grouping.refers(
                        clause,
                        match.start,
                        match.end,
                        placed=bool(clause_places or described),
                    ),
                )
                mentions.append(mention)
                triggers.append((start + match.start, mention))
    # Each date goes to the nearest event trigger in the sentence, the closest
    # date first ("said on Monday that units on Sunday evening launched …").
    nearest_of = [
        (abs(position - found.start), found, position)
        for found in found_dates
        for position in [min((t[0] for t in triggers), key=lambda t: abs(t - found.start))]
    ] if triggers else []  # fmt: skip
    for _, found, position in sorted(nearest_of, key=lambda n: n[0]):
        for at, nearest in triggers:  # every place of a listed target
            if at == position and nearest.date is None:
                nearest.date = found
    # "clashes on Monday and Tuesday": one event each day
    triggers = split.per_day(sentence.text, triggers, found_dates)
    for position, mention in triggers:
        if mention.date is None and said_on:
            mention.said_on = said_on[0]
        if mention.date is not None:
            continue
        for found in found_dates:
            since = _SINCE.search(sentence.text, 0, found.start)
            if since and since.start() > position:
                mention.since = found
    # "including the capture of Sheikh Miskeen": a capture named in passing, undated.
    mentions = [
        m
        for at, m in triggers
        if m.date is not None
        or m.since is not None
        or not background.nominal(sentence.text, at, at + len(m.trigger))
    ]
    if background.cited_earlier(
        sentence.text, statement.speaker, found_dates + said_on, published_at.date()
    ):
        mentions = []  # "On Saturday, a car bomb … killed four, Sana reported"
    free = [p for p in places if id(p) not in not_here]  # where something happened
    for m in mentions:  # "Russia took control of X": the state's forces did
        if m.slug not in _STATE_ACTS:
            forces = actor_matcher.as_forces(m.actors)
            moved = {
                a.actor_id: b.actor_id
                for a, b in zip(m.actors, forces, strict=True)
                if a.actor_id != b.actor_id
            }
            m.actors = forces
            m.roles = {moved.get(k, k): v for k, v in m.roles.items()}
    return statement, mentions, places, found_dates + said_on, free
