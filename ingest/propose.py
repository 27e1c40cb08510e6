"""Propose draft events from an article: statements, types, dates, places, actors.

This module reads the article sentence by sentence into event mentions (one
sentence's reading in sentencereading.py, its skipped and marked spans in
sentencespans.py); grouping.py groups them into incidents, drafts.py turns each group
into a proposed event
(proposal.py holds what a proposal is). The keyword rules are in rules.py, undated
sentences' dates in timing.py, targets in targets.py, origins of fire in origins.py, what the editor
sees in highlight.py.
"""

import dataclasses
import datetime as dt
import re

from events.models import Actor, EventType
from ingest import confidence, drafts
from ingest.actors import (
    actors,
    claimants,
    newactors,
    otherwars,
    pronouns,
    sides,
    surnames,
)
from ingest.actors import roles as actor_roles
from ingest.country import country as article_country
from ingest.country import datelines, owncountry
from ingest.incidents import (
    duplicates,
    grouping,
    incidents,
    oneincident,
    quoteretold,
    sameincident,
    twins,
)
from ingest.kinds import rules
from ingest.proposal import ArticleProposal
from ingest.reading import credits, text, wire
from ingest.sentencereading import DATELINE_WITHIN, _sentence_mentions
from ingest.sentencespans import _blocked, _spans
from ingest.statements import (
    bystanders,
    followups,
    fullnames,
    plaincarry,
    quotecarry,
    relays,
    saidof,
    speakers,
    voices,
)
from ingest.when import dates, newsday, timing, undated
from ingest.where import (
    anchored,
    countrynames,
    located,
    pointdoubts,
    quarters,
    seats,
    vague,
)
from ingest.where import names as name_checks
from ingest.where.mention import PlaceMention
from places.geocoding import memo

# What may come before a statement's subject: "that the", "“".
_SUBJECT = re.compile(r"[\W]*(?:that\s+)?(?:the\s+)?", re.I)


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
    parents = dict(EventType.objects.values_list("slug", "parent__slug"))

    def family(slug: str) -> str:
        return parents.get(slug) or slug

    # By name and whether a region: "Deraa province" and "Deraa city" are two places.
    all_places: dict[tuple[str, bool], PlaceMention] = {}
    cued = pointdoubts.NameCues()  # what the sentences say of each name
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
    names = fullnames.acronyms(cleaned)
    named_speakers: dict[str, str] = {}  # surname -> the person named in full
    same_day = timing.same_day_story(sentences, published_on, cleaned[:300])
    voice = wire.LeadVoice()  # the lead's speaker, said of the sentences after it
    quoted = quotecarry.LastSaid()  # a quotation alone: the speaker just named
    governed = plaincarry.LastTold(plaincarry.paragraph_ends(sentences))  # of plain
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
        statement = quoted.carry(sentence.text, statement)
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
        cued.read(sentence.text, places)
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
        # "This took place in X.", "the attack took place on Sunday in X village":
        # where (and when) the incident told before happened; "the attack" there is
        # that incident named again, no event of its own.
        where = located.locating(sentence.text)
        if where is not None:
            subject = sentence.text[slice(*where)].lower()
            mentions = [m for m in mentions if m.trigger.lower() not in subject]
        if (
            where is not None
            and not mentions
            and 0 < sentence.index - recent[1] <= located.NEAR
        ):
            located.relocate(
                groups, recent[0], [p for p in places if p.start >= where[0]],
                sentence=sentence.text,
                day=next((d for d in found_dates
                          if d.start >= where[1] and d.precision == "day"), None),
            )  # fmt: skip
        touched: list[grouping.Group] = []
        joined = False  # a mention of an event the article already reported
        for mention in mentions:
            if mention.date is None:
                mention.carried = incident
            if not mention.places:
                mention.places = list(context) or list(area.places)
                mention.places_inherited = True
            if not mention.refers and quoteretold.retold(
                sentence.text, statement, mention
            ):
                mention.refers = "retold"  # "“… when a drone targeted them,” he said"
            told = grouping.told_before(groups, mention, family)
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
        if 0 < sentence.index - answered[1] <= 3 and followups.follows_up(
            statement, own_event=own, verb=verb
        ):
            for group in dict.fromkeys(answered[0]):
                group.mentions.append(
                    grouping.said_of(group, statement, sentence.index, free_places)
                )
        elif (  # "…in Qastoun…, the Observatory said"; "it will attack X" is no evidence
            statement.speaker and not mentions and not followups.is_intent(statement)
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
        governed.read(sentence, carried, touched)  # the last speaker's plain sentences
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
        cued.hamlets_named.add(place.key)  # "TAWILA, Sudan, Oct 22 -": a place
    groups = grouping.merge_harm(groups)
    doubtful = cued.doubtful(
        list(all_places.values()), filed_from=filed_from, texts=texts, country=country
    )
    abroad = countrynames.foreign_country(
        cleaned, country=country, own=article_country.name_of(country)
    )
    if abroad:
        doubtful.update(name_checks.in_foreign_story(list(all_places.values()), abroad))
    if doubtful:
        all_places = {k: doubtful.get(p.key, p) for k, p in all_places.items()}
    # A name without a point the text anchors ("X near Y"): read near Y, or at Y.
    all_places = anchored.place_events(groups, all_places, doubtful, country)
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
    claimants.claimed_by(events, texts, actor_matcher)  # "X claimed responsibility"
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
    otherwars.localise(events, actor_matcher, country, cleaned)
    return ArticleProposal(
        events, list(all_places.values()), len(sentences), warnings,
        texts, spans, country,
    )  # fmt: skip
