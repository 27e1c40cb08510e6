"""Sides a sentence names beyond the actor list's aliases, and actors it names only as
onlookers: "the Russians killed a woman" is Russia's forces (a state doing violence is
its forces, LABELLING_GUIDE's ruling); "a Turkish drone observed the attack" did not
make it."""

import dataclasses
import re

from ingest.actors import ActorMatcher, ActorMention

# "the Russians", "Israelis", "the Americans": a people's plural, capitalised.
_PLURAL = re.compile(r"(?<![\w-])(?P<people>(?P<adjective>[A-Z][a-z]+[ni])s)(?![\w-])")
# ... as the one who acted: "the Russians killed", "Russians recently launched".
_ACTED = re.compile(
    r"\s+(?:(?:also|have|has|had|reportedly|then|later|again|recently|once\s+again|"
    r"continued\s+to|continue\s+to)\s+){0,3}"
    r"(?:struck|shelled|bombed|bombarded|targeted|attacked|captured|seized|launched|"
    r"fired|killed|wounded|injured|dropped|pounded|hit|shot|stormed|raided|destroyed|"
    r"opened\s+fire|advanced|retook|recaptured|took\s+control|occupied)\b"
)
# "a Turkish drone observed the attack", "Russian military police monitored the
# truce": watching, not doing.
_ONLOOKING = re.compile(
    r"\s*(?:(?:had|has|have|was|were|is|are|also|reportedly|then|later)\s+){0,2}"
    r"(?:observed|observing|monitored|monitoring|watched|watching|surveyed|filmed|"
    r"documented|spotted|hovered|hovering|circled|circling|flew\s+over|"
    r"flying\s+over|seen\s+over|seen\s+flying)\b",
    re.I,
)


def plural_doers(
    sentence: str, matcher: ActorMatcher, found: list[ActorMention]
) -> list[ActorMention]:
    """A state's people in the plural who do violence ("the Russians killed a woman")
    as that state's armed forces, where no listed actor already covers the words."""
    taken = [(a.start, a.end) for a in found]
    result = []
    for match in _PLURAL.finditer(sentence):
        start, end = match.span("people")
        if any(s < end and start < e for s, e in taken):
            continue
        if not _ACTED.match(sentence, end):
            continue
        forces = matcher.forces_named(match.group("adjective"))
        if forces is not None:
            result.append(
                dataclasses.replace(
                    forces, text=match.group("people"), start=start, end=end
                )
            )
    return result


def without_onlookers(sentence: str, actors: list[ActorMention]) -> list[ActorMention]:
    """The actors less those the sentence shows only watching ("a Turkish drone
    observed the attack from the air")."""
    return [a for a in actors if not _ONLOOKING.match(sentence, a.end)]
