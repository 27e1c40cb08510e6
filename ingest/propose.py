"""Propose draft events from an article: statements, types, dates, places, actors.

This module reads the article sentence by sentence into event mentions; grouping.py
groups them into incidents, drafts.py turns each group into a proposed event
(proposal.py holds what a proposal is). The keyword rules are in rules.py, undated
sentences' dates in timing.py, targets in targets.py, origins of fire in origins.py, what the editor
sees in highlight.py.

Over ~400 lines for now: ``_sentence_mentions`` reads a sentence in one pass whose
steps (speaker, type, date, places, actors) share the sentence's blocked spans;
splitting it means passing those spans between modules, the next clean-up here.
"""

import dataclasses
import datetime as dt
import re

from events.models import Actor, EventType
from ingest import confidence, drafts
from ingest.actors import actors, newactors, pronouns, sides, surnames
from ingest.actors import doers as named_sides
from ingest.actors import roles as actor_roles
from ingest.country import country as article_country
from ingest.country import datelines, owncountry
from ingest.incidents import (
    duplicates,
    grouping,
    incidents,
    oneincident,
    sameincident,
    split,
    twins,
)
from ingest.kinds import background, backing, displacedby, rules
from ingest.proposal import ArticleProposal
from ingest.reading import clauses, coordination, credits, text, wire
from ingest.statements import bystanders, relays, saidof, speakerforms, speakers, voices
from ingest.when import dates, in_passing, newsday, timing, undated
from ingest.where import (
    aimed,
    anchored,
    apart,
    cityorregion,
    hamlets,
    hometowns,
    located,
    locators,
    matching,
    orgnames,
    origins,
    parts,
    quarters,
    regionread,
    seats,
    settlements,
    stretches,
    targets,
    treated,
    vague,
)
from ingest.where import names as name_checks
from ingest.where.mention import PlaceMention
from places.geocoding import memo

_PRESENT_PERFECT = re.compile(r"\b(?:have|has)\s+(?:been\s+)?\w+(?:ed|en|n)\b", re.I)
_SINCE = re.compile(r"\b(?:since|after)\b", re.I)
# "…, a rescuer said on Thursday": when it was said, at most a bound on the event.
_SAID_ON = re.compile(
    r"\b(?:said|says|told\s+[^,.;]{1,40}?|reported|announced|added|stated|"
    r"confirmed|denied|claimed)\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)


DATELINE_WITHIN = 8  # sentences: a wire dateline follows the title and byline
_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|inside|to|from|of|across)\s+(?:the\s+)?$", re.I
)


def _blocked(
    actors: list, sentence: str = "", people: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """Actor names are no places; "people in Idlib" names civilians and a place, and
    a country after "in/to/from/of" ("brought to hospitals in Turkey") is a place.
    ``people``: surnames of the people the article names with a title ("loyal to
    Hadi", after "President Abd-Rabbu Mansour Hadi")."""
    return (
        [
            (a.start, a.end)
            for a in actors
            if " in " not in a.text.lower()
            and not (
                name_checks.is_country_abroad(a.text)
                and _PLACE_BEFORE.search(sentence[max(0, a.start - 20) : a.start])
            )
        ]
        + list(_seats(sentence))
        + list(_group_names(sentence))
        + credits.person_spans(sentence, people)
    )


# Once per sentence an article: its places are read twice (alone, then near the
# story's others), each time past the same names of parties.
_seats = memo.per_scope(name_checks.seats_of_government)
_group_names = memo.per_scope(orgnames.group_name_spans)


# What may come before a statement's subject: "that the", "“".
_SUBJECT = re.compile(r"[\W]*(?:that\s+)?(?:the\s+)?", re.I)


# What a state itself does, not its forces: signs, hands over, changes course.
_STATE_ACTS = frozenset(
    {"agreement", "non-violent-transfer-of-territory", "change-to-group-activity",
     "other", "peaceful-protest", "protest-with-intervention", "violent-demonstration",
     "displacement"}
)  # fmt: skip


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
        statement = speakers.with_full_speaker(statement, acronyms)
    if named is not None and statement.speaker:
        statement = surnames.with_named_speaker(statement, named)
    if statement.speaker:  # "the SDF said": a party the actor list knows
        said_by = actor_matcher.find(statement.speaker.split(" (via ")[0])
        kinds = {a.kind for a in said_by}
        statement = voices.party_denial(
            speakers.with_party_speaker(statement, kinds), kinds
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
    outlets = targets.outlets(sentence.text)
    places = name_checks.variants_of_known(
        [p for p in places if not any(a < p.end and p.start < b for a, b in outlets)],
        known or {},
    )
    if unresolved_seen is not None:  # "Debs", later "Al-Dabs": one place
        places = name_checks.same_unresolved(places, unresolved_seen)
    places.sort(key=lambda p: p.start)
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
            or targets.is_reference(p, sentence.text, places)
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
        if d.precision == "day"
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


def _framing(
    sentence: text.Sentence,
    statement: speakers.Statement,
    actor_matcher: actors.ActorMatcher,
) -> tuple[int, str, list] | None:
    """(sentence, type, perpetrators) an eventless opening sentence frames, or None."""
    text = sentence.text
    start = max(statement.content_start, 0)
    content = text[start : start + len(statement.content)]
    named = [
        dataclasses.replace(a, start=a.start - start, end=a.end - start)
        for a in actor_matcher.find(text)
        if start <= a.start and a.end <= start + len(content)
    ]
    slug, doers = rules.framing(content, named)
    return (sentence.index, slug, doers) if slug else None


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


@memo.scoped
def article_propose(
    *,
    text_raw: str,
    published_at: dt.datetime,
    country: str = article_country.DETECT,
) -> ArticleProposal:
    """Draft events the article reports. Raises text.ArticleTextError for unusable text,
    ValueError for a ``country`` outside settings.GAZETTEER_COUNTRIES ("detect": the
    text's, ingest/country/country.py).

    Reads the database (actors, places, gazetteer) and writes nothing."""
    country = article_country.validated(country)
    cleaned, warnings = text.clean_text(text_raw)
    cleaned = wire.unglue(cleaned)  # "…, the ministry said.Wafa added …"
    sentences = text.article_sentences(cleaned)
    if not sentences:
        raise text.ArticleTextError(
            "No sentences found: paste the body of the article, not only its headline."
        )
    published_on = published_at.date()
    actor_matcher = actors.ActorMatcher.of_queryset(Actor.objects.all())
    people = credits.surnames(cleaned)  # "President X Y": Y alone is no place
    place_matcher, known = article_country.places_read(
        country, cleaned, sentences,
        exclude=lambda t: _blocked(actor_matcher.find(t), t, people),
    )  # fmt: skip
    country = place_matcher.country
    if len(place_matcher) == 0:
        warnings.append(
            "The gazetteer is empty: no place can be recognised. Load it first "
            "(manage.py load_demo or the gazetteer import)."
        )
    place_matcher.remember_context(known)
    spellings = name_checks.known_spellings(known)
    groups: list[grouping.Group] = []
    # By name and whether a region: "Deraa province" and "Deraa city" are two places.
    all_places: dict[tuple[str, bool], PlaceMention] = {}
    hamlets_named: set[str] = set()  # hamlets abroad the text names as places
    hamlet_areas: set[str] = set()  # ... and as areas ("X township")
    named_parts = parts.NamedParts()  # "the mountains of X", "X neighbourhood"
    settled = settlements.Settlements()  # "the village of X": kept if far
    context: list[PlaceMention] = []
    previous_speaker = ""
    # The last sentence's events (and the last attributed ones) with its number.
    recent: tuple[list[grouping.Group], int] = ([], -9)
    claimed: tuple[list[grouping.Group], int] = ([], -9)
    incident: dates.DateMention | None = None
    # The day the story last named in an event sentence, however long ago: what
    # "on the same day" and "the previous day" count from (a weekly round-up).
    story_day: dt.date | None = None
    unresolved_seen: dict[str, PlaceMention] = {}
    # An opening sentence that frames violence without reporting one event.
    framed: tuple[int, str, list] | None = None
    spans: dict[int, list[tuple[int, int, str]]] = {}
    said_at: dict[int, list[PlaceMention]] = {}  # each sentence's places
    region_admins: set[str] = set()
    names = speakers.acronyms(cleaned)
    named_speakers: dict[str, str] = {}  # surname -> the person named in full
    same_day = timing.same_day_story(sentences, published_on, cleaned[:300])
    voice = wire.LeadVoice()  # the lead's speaker, said of the sentences after it
    area = wire.Area()  # the story's country or region: an unplaced event's place
    texts = [s.text for s in sentences]
    area.read_dateline(place_matcher, texts[:DATELINE_WITHIN])
    # A syndicated page's lead repeated under its own header tells no second event.
    repeated = {sentences[i].index for i in incidents.repeats(texts)}
    for sentence in sentences:
        statement, mentions, places, found_dates, free_places = _sentence_mentions(
            sentence,
            published_at=published_at,
            actor_matcher=actor_matcher,
            place_matcher=place_matcher,
            previous_speaker=previous_speaker,
            acronyms=names,
            named=named_speakers,
            known=spellings,
            unresolved_seen=unresolved_seen,
            people=people,
            anchor=story_day or (incident.date_start if incident is not None else None),
        )
        if sentence.index in repeated:
            mentions = []
        said_at[sentence.index] = places
        # "…, the army said. The strike also hit a school.": the lead's speaker, for
        # these events only (what later sentences confirm or deny is unchanged)
        carried = voice.carry(sentence.index, statement, bool(mentions))
        for mention in mentions:
            if not mention.statement.speaker and carried.speaker:
                mention.statement = carried
        if mentions:
            area.read_lead(sentence.index, places, sentence.text)
        if wire.opens_other_incident(sentence.text):
            context = []  # "Elsewhere, …": not where the last incident was
        if not groups and not mentions and framed is None and sentence.index < 3:
            framed = _framing(sentence, statement, actor_matcher)
        caption = timing.is_caption(sentence.text)  # a picture's or page's date
        if not caption:  # the events' own days first ("on Saturday …, a day earlier")
            own_days = [m.date for m in mentions if m.date is not None]
            story_day = timing.story_day(
                own_days or found_dates, story_day, has_events=bool(mentions)
            )
        spans[sentence.index] = _spans(sentence.text, statement, places, found_dates)
        spans[sentence.index] += [
            (a.start, a.end, "actor") for a in actor_matcher.find(sentence.text)
        ]
        if statement.speaker:
            previous_speaker = statement.speaker.split(" (via ")[0]
            surnames.remember(named_speakers, statement.speaker)
        for place in places:
            all_places.setdefault((place.key, place.is_region), place)
        named_here, areas_here = hamlets.cued_keys(sentence.text, places)
        hamlets_named |= named_here
        hamlet_areas |= areas_here
        named_parts.read(sentence.text, places)
        settled.read(sentence.text, places)
        region_admins |= name_checks.region_admins(sentence.text, places)
        # The incident's date: an event sentence's, or the first the story gives
        # ("The incident was first reported on …"); a later eventless sentence's
        # ("the decision had come on Thursday") is no incident's.
        # An event's own date before the sentence's other dates ("attacked X on
        # Friday night, reports Monday's issue": Friday is the incident's day).
        own = [m.date for m in mentions if m.date is not None]
        for found in (
            (own or found_dates)
            if not caption and (mentions or incident is None)
            else []
        ):
            if found.precision == "day" and (
                0 <= (published_on - found.date_start).days <= timing.CARRY_DAYS
            ):
                incident = found
        # "This took place in X.": where the last sentence's events happened.
        if (
            not mentions
            and recent[1] == sentence.index - 1
            and located.locates_previous(sentence.text)
        ):
            located.relocate(groups, recent[0], recent[1], places)
        touched: list[grouping.Group] = []
        joined = False  # a mention of an event the article already reported
        for mention in mentions:
            if mention.date is None:
                mention.carried = incident
            if not mention.places:
                mention.places = list(context) or list(area.places)
                mention.places_inherited = True
            told = grouping.told_before(groups, mention)
            if told is not None:  # "the morning's fighting": no second event
                mention.places, mention.places_inherited = told.explicit_places, True
                told.mentions.append(mention)
                joined = True
                touched.append(told)
                continue
            group = next((g for g in groups if g.accepts(mention)), None)
            if group is None:
                groups.append(grouping.Group(mention))
            else:
                group.mentions.append(mention)
                joined = True
            touched.append(group or groups[-1])
        # "X confirmed/denied …" naming no place nor known event speaks of the events
        # before: those someone claimed within the last three sentences, else the last.
        answered = claimed if 0 < sentence.index - claimed[1] <= 3 else recent
        own = joined or any(not m.places_inherited for m in mentions)
        verb = sentence.text[slice(*statement.verb_span)] if statement.verb_span else ""
        if 0 < sentence.index - answered[1] <= 3 and speakers.follows_up(
            statement, own_event=own, verb=verb
        ):
            for group in dict.fromkeys(answered[0]):
                group.mentions.append(
                    grouping.said_of(group, statement, sentence.index, free_places)
                )
        elif (  # "…in Qastoun…, the Observatory said"; "it will attack X" is no evidence
            statement.speaker and not mentions and not speakers.is_intent(statement)
        ):
            about = located.said_of_place(groups, places, sentence.index)
            if not about and not places:  # "X carried out 14 attacks, Y said"
                start = max(statement.content_start, 0)
                about = saidof.said_of_doers(
                    groups, statement.content,
                    [a for a in actor_matcher.find(sentence.text) if a.start >= start],
                    sentence.index,
                )  # fmt: skip
            start = max(statement.content_start, 0)
            if (
                not about
                and recent[1] == sentence.index - 1
                and not any(  # "Rebels carried out 14 attacks": another doer's
                    _SUBJECT.fullmatch(sentence.text[start : a.start])
                    for a in actor_matcher.find(sentence.text)
                    if a.start >= start
                )
            ):
                # "X was 'martyred' in Hudaydah, Al-Masirah reported": a voice
                # naming no event of its own speaks of the sentence before's
                named = [p for p in places if p.feature_type != "country"]
                about = [
                    g for g in dict.fromkeys(recent[0])
                    if grouping.places_compatible(g.explicit_places, named)
                ]  # fmt: skip
            for group in about:
                group.mentions.append(
                    grouping.said_of(group, statement, sentence.index)
                )
        second = (
            relays.denial_after(sentence.text)
            if statement.speaker
            else speakers.second_voice(sentence.text)
        )
        for group in dict.fromkeys(touched if second else []):
            # "…, and al-Shabab claimed responsibility", "…, but the army denied the
            # report": a second voice on it
            group.mentions.append(grouping.said_of(group, second, sentence.index))
        if touched:
            recent = (touched, sentence.index)
            if statement.speaker:
                claimed = recent
        local = [
            p
            for p in places
            if p.feature_type != "country"
            and not timing.in_credit(sentence.text, p.start)
            and not seats.names_a_side(sentence.text, p)  # "Kyiv had retaken"
        ]
        # "Gaza's civil defence agency said … in Khan Yunis": the seat is who spoke
        local = [p for p in local if not seats.is_seat(sentence.text, p)] or local
        if local:
            context = local
    filed = next(  # a title, a byline and a date line may come before it
        (
            s.text
            for s in sentences[:DATELINE_WITHIN]
            if datelines.dateline_span(s.text)
        ),
        sentences[0].text,
    )
    filed_from = set()  # where the story was filed: no event's place, no yardstick
    for place in place_matcher.dateline(filed):
        all_places.setdefault((place.key, place.is_region), place)  # no event's place
        filed_from.add(place.key)
        hamlets_named.add(place.key)  # "TAWILA, Sudan, Oct 22 -": a place
    groups = grouping.merge_harm(groups)
    doubtful = name_checks.cities(list(all_places.values()), region_admins)
    read = [doubtful.get(p.key, p) for p in all_places.values()]  # city or governorate
    spared = settled.keys
    doubtful.update(targets.doubtful(read, filed_from=filed_from, spared=spared))
    doubtful.update(name_checks.unsure(read, filed_from=filed_from, spared=spared))
    read = [doubtful.get(p.key, p) for p in read]
    doubtful.update(
        hamlets.without_point(
            read, hamlets_named, hamlet_areas, country=country, spared=spared
        )
    )
    doubtful.update(named_parts.without_point(read))
    abroad = name_checks.foreign_country(
        cleaned, country=country, own=article_country.name_of(country)
    )
    if abroad:
        doubtful.update(name_checks.in_foreign_story(list(all_places.values()), abroad))
    if doubtful:
        all_places = {k: doubtful.get(p.key, p) for k, p in all_places.items()}
    # A name without a point the text anchors ("X near Y"): read near Y, or at Y.
    all_places = anchored.place_events(groups, all_places, doubtful, country)
    parents = dict(EventType.objects.values_list("slug", "parent__slug"))

    def family(slug: str) -> str:
        return parents.get(slug) or slug

    groups = grouping.fold_leads(groups, family, drafts.group_place)
    groups = incidents.fold_fighting(groups, drafts.group_place)
    events = drafts.build(groups, published_on, same_day)
    newsday.publication_day(events, published_at)  # undated news: its report's day
    events = duplicates.drop_contained(events)
    events = twins.fold_twins(events, family)
    events = undated.fold_undated(events, family, published_on)  # told with a day too
    # "the city's Dar Saad neighbourhood": the town's proposal of that day
    events = quarters.fold_quarters(events, texts, family)
    sides.carry_opponents(events)
    pronouns.resolve(events, groups, texts, actor_matcher)
    newactors.drop_other_wars(events, actor_matcher)
    newactors.add_unknown(events, groups, texts, actor_matcher)
    # a voice naming the place of a second proposal of its incident speaks of it too
    oneincident.share_voices(events, texts)
    # …and one incident's proposals, or the places a statement names, share it
    sameincident.share(events, said_at, family)
    voices.split_events(events)
    bystanders.report_bystanders(events, cleaned)
    vague.untick_vague(events)  # "in northeast Nigeria" beside the named town
    if framed is not None:
        actor_roles.carry_framed(events, framed)
    if not events:
        warnings.append(
            "No event was recognised in this text. Events need a cue such as "
            "“captured”, “regained”, “air strikes”, “killed” or “agreement”."
        )
    own = owncountry.mention([*texts, cleaned], country)  # "Yemen", read in Yemen
    if own is not None:
        all_places.setdefault((own.key, own.is_region), own)  # no event's place
    confidence.rate(
        events, sentences=len(sentences), published_on=published_on, country=country,
        places=list(all_places.values()), home=article_country.configured()[0],
    )  # fmt: skip
    return ArticleProposal(
        events, list(all_places.values()), len(sentences), warnings,
        texts, spans, country,
    )  # fmt: skip
