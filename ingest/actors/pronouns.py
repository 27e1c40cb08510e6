"""An event whose doer is a pronoun ("On Wednesday, they captured X"): the party
the sentence before made its subject ("Loyalist forces have closed in on …"); a
capture by state forces is then a regain, as ``rules.capture_by_government`` reads
a named one."""

import re

from ingest.actors import roles
from ingest.actors.actors import ActorMatcher
from ingest.proposal import ProposedActor

# "they captured", "On Wednesday, they had also captured": the pronoun right
# before the cue, at the clause's start.
_THEY = re.compile(
    r"(?:^|[,;:]\s*|\band\s+)(?:they|it)\s+"
    r"(?:(?:had|have|has|also|then|later|reportedly|subsequently)\s+){0,2}$",
    re.I,
)
# The previous sentence's subject: a party named before its first verb.
_SUBJECT_END = re.compile(
    r"^\s+(?:(?:had|have|has|also|then|later|reportedly)\s+){0,2}"
    r"(?:[a-z]+ed|[a-z]+s|closed|took|began|made|pushed|advanced|continued)\b",
    re.I,
)
_STATE = frozenset({"state_forces", "militia"})
_CAPTURE, _REGAIN = (
    "non-state-actor-overtakes-territory",
    "government-regains-territory",
)


def _subject(sentence: str, matcher: ActorMatcher):
    for mention in sorted(matcher.find(sentence), key=lambda m: m.start):
        if mention.kind != "civilians" and _SUBJECT_END.match(sentence[mention.end :]):
            return mention
    return None


def resolve(
    events: list, groups: list, texts: list[str], matcher: ActorMatcher
) -> None:
    """Give each event that names nobody who did it, and whose cue follows "they",
    the subject of the sentence before; its rule says so."""
    for event, group in zip(events, groups, strict=False):
        if any(a.role in roles.DOERS for a in event.actors):
            continue
        mention = group.mentions[0]
        if mention.sentence == 0:
            continue
        sentence = texts[mention.sentence]
        where = sentence.find(mention.clause) if mention.clause else -1
        at = mention.clause.find(mention.trigger) if where >= 0 else -1
        if at < 0 or not _THEY.search(sentence[: where + at]):
            continue
        doer = _subject(texts[mention.sentence - 1], matcher)
        if doer is None:
            continue
        event.actors = [a for a in event.actors if a.actor_id != doer.actor_id]
        event.actors.append(
            ProposedActor(doer.actor_id, doer.name, "initiator", doer.text)
        )
        event.rule += f"; “they”: {doer.text}, named just before"
        if event.event_type == _CAPTURE and doer.kind in _STATE:
            event.event_type = _REGAIN
            where_name = event.place.name if event.place else "unknown place"
            event.title = f"{doer.name} retake {where_name}"[:300]
