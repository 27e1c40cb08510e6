"""Who did it when the actor list does not know them: the words the text uses
("unknown gunmen threw …", "Army shelling of …", "The Free Idlib Brigade said it
shelled …"), proposed to the editor as a new actor name instead of a wrong known one."""

import re

from ingest.actors import roles
from ingest.actors.actors import ActorMatcher
from ingest.proposal import ProposedActor
from ingest.statements import stances

# The head of a noun phrase that names a fighting party, not a person or a place.
_HEAD = (
    r"(?:forces|troops|army|militias?|militiamen|militants|gunmen|fighters|"
    r"rebels|insurgents|jihadists|soldiers|patrols?|units?|battalions?|brigades?|"
    r"regiments?|divisions?|factions?|groups?|jets|warplanes|aircraft|helicopters|"
    r"drones|artillery|police|persons|assailants|attackers|men|bombers?|snipers?|"
    r"junta|settlers?)"
)
_WORD = (
    r"(?:[A-Z][\w'’.-]*|[a-z][\w-]*-[\w-]+|unknown|unidentified|armed|masked|"
    r"fighter|military|security|government|local|tribal|pro-[\w-]+|suicide|lone|"
    r"enemy|rebel|opposition|regime|jihadist|islamist|allied|loyalist|rival|hostile|"
    r"junta)"
)
_NP = rf"(?P<np>(?:{_WORD}\s+){{0,4}}{_HEAD})"
# "unknown persons threw", "a three-vehicle Israeli patrol advanced": the subject
# right before the cue (an auxiliary or adverb may stand between).
# "unknown persons threw a hand grenade": a verb and an article may come before a
# cue that is a noun.
_SUBJECT = re.compile(
    rf"(?:^|[\s,(])(?:(?:the|an?|some|two|three|several|\d+)\s+)?{_NP}\s+"
    r"(?:(?:had|has|have|also|reportedly|then|later|allegedly)\s+){0,2}"
    r"(?:(?!(?:and|or|of|in|on|at|by|near|from|to|for|with|who|which|that|were|was|"
    r"are|is)\b)[a-z]{3,}\s+"
    r"(?:(?:an?|the|two|three|several|\d+)\s+)?)?$"
)
# "Army shelling of", "Coalition strikes on": the doer names the cue (a noun).
_MODIFIER = re.compile(r"(?:^|[\s,(])(?P<np>(?:[A-Z][\w'’-]*\s+){1,3})$")
# "executed by US fighter jets", "killed by unidentified gunmen".
_AGENT = re.compile(
    rf"^[\w\s,-]{{0,34}}?\bby\s+(?:(?:the|an?|some|two|three|several|\d+)\s+)?{_NP}\b"
)
_NOMINAL_CUE = re.compile(
    r"^(?:shelling|strikes?|air ?strikes?|bombardment|bombing|attacks?|raids?|fire|"
    r"assault|offensive|incursion)\b",
    re.I,
)
# Words that start a sentence or name a place or time, never a party.
_NOT_PARTY = re.compile(
    r"^(?:On|In|At|The|A|An|This|That|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Meanwhile|Also|However|Later|Earlier)$"
)
_DETERMINER = re.compile(r"^(?:the|an?)\s+", re.I)


def _tidy(phrase: str) -> str:
    words = phrase.split()
    while words and _NOT_PARTY.match(words[0]):
        words = words[1:]
    return " ".join(words)


def doer_phrases(sentence: str, cue_start: int, cue_end: int) -> list[str]:
    """Noun phrases the wording makes the doer of the cue at [cue_start, cue_end):
    its subject, the capitalised words naming a nominal cue, or "by X" after it."""
    before = sentence[max(0, cue_start - 80) : cue_start]
    found = []
    subject = _SUBJECT.search(before)
    if subject and _tidy(subject.group("np")):
        found.append(_tidy(subject.group("np")))
    cue = sentence[cue_start:cue_end]
    if not found and _NOMINAL_CUE.match(cue):
        modifier = _MODIFIER.search(before)
        if modifier and _tidy(modifier.group("np")):
            found.append(_tidy(modifier.group("np")))
    if not found:
        agent = _AGENT.match(sentence[cue_end : cue_end + 90])
        if agent and _tidy(agent.group("np")):
            found.append(_tidy(agent.group("np")))
    return found


def speaker_phrase(speaker: str, content_before_cue: str) -> str:
    """The speaker when it says it did the event itself ("The Free Idlib Brigade
    said it shelled …") and is a party, not a monitor or an outlet."""
    if not speaker or not roles.speaker_did(content_before_cue):
        return ""
    speaker = speaker.split(" (via ")[0].strip()
    return _DETERMINER.sub("", speaker) if stances.is_party(speaker) else ""


def _cue_at(sentence: str, clause: str, trigger: str) -> tuple[int, int] | None:
    where = sentence.find(clause) if clause else -1
    if where < 0 or not trigger:
        return None
    at = clause.find(trigger)
    if at < 0:
        return None
    return where + at, where + at + len(trigger)


def add_unknown(
    events: list, groups: list, texts: list[str], matcher: ActorMatcher
) -> None:
    """Give each event that names nobody who did it the doer the text names but the
    actor list does not know, as a new actor (``new_actors``, id 0) for the editor to
    add; its rule says so. ``groups`` are the events' groups, in order."""
    for event, group in zip(events, groups, strict=False):
        # A doer carried from the sentences before gives way to one the event's own
        # sentences name ("… died after being shot by a settler" after "shot dead by
        # Israeli forces")
        carried = roles.CARRIED in event.rule
        if not carried and any(a.role in roles.DOERS for a in event.actors):
            continue
        for mention in group.mentions:
            sentence = texts[mention.sentence]
            span = _cue_at(sentence, mention.clause, mention.trigger)
            if span is None:
                continue
            statement = mention.statement
            content = sentence[statement.content_start : span[0]]
            phrases = [speaker_phrase(statement.speaker, content)]
            phrases += doer_phrases(sentence, *span)
            phrase = next((p for p in phrases if p and not matcher.find(p)), "")
            if phrase:
                if carried:
                    event.actors = [
                        a for a in event.actors if a.role not in roles.DOERS
                    ]
                    event.rule = event.rule.replace(roles.CARRIED, "")
                event.new_actors.append(ProposedActor(0, phrase, "initiator", phrase))
                event.rule += f"; who did it, “{phrase}”, is not in the actor list"
                break
    _carry(events)


_SIDES = {"rebel_group": "rebel", "rebel_coalition": "rebel", "state_forces": "state",
          "state": "state"}  # fmt: skip


def drop_other_wars(events: list, matcher: ActorMatcher) -> None:
    """A generic word of the list ("rebels", "government forces") in an event that
    names a group of the same side from another country ("M23 rebels seized …; the
    town fell to the rebels") is that group, not the list's party of its own war."""
    for event in events:
        named = set()
        for actor in event.actors:
            country, kind = matcher.country_and_kind(actor.actor_id)
            if country and kind in _SIDES and not matcher.is_generic(actor.text):
                named.add((_SIDES[kind], country))
        if not named:
            continue
        kept = []
        for actor in event.actors:
            country, kind = matcher.country_and_kind(actor.actor_id)
            side = _SIDES.get(kind)
            if (
                side
                and country
                and matcher.is_generic(actor.text)
                and any(s == side and c != country for s, c in named)
                and (side, country) not in named
            ):
                event.rule += (
                    f"; “{actor.text}” is the {side} side named, not {actor.name}"
                )
                continue
            kept.append(actor)
        event.actors = kept


def _carry(events: list) -> None:
    """The lead's doer for the detail that follows ("airstrikes by US jets …", then
    "the airstrikes targeted A and B"), as ``roles.carry_perpetrators`` does for
    known actors."""
    for i, event in enumerate(events):
        if (
            not event.sentences
            or event.new_actors
            or any(a.role in roles.DOERS for a in event.actors)
        ):
            continue
        first = min(event.sentences)
        for earlier in reversed(events[:i]):
            before = [s for s in earlier.sentences if s <= first]
            if earlier.event_type != event.event_type or not before:
                continue
            if first - max(before) > roles.CARRY_SENTENCES:
                continue
            if earlier.new_actors:
                event.new_actors = list(earlier.new_actors)
                event.rule += roles.CARRIED
            break
