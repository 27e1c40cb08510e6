"""Sides and victims a sentence names beyond the actor list's aliases, and actors it
names only as onlookers: "the Russians killed a woman" is Russia's forces (a state doing
violence is its forces, LABELLING_GUIDE's ruling) and the woman a civilian; "a Turkish
drone observed the attack" did not make it."""

import dataclasses
import re

from ingest.actors.actors import ActorMatcher, ActorMention

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


# "a 59-year-old woman", "one person", "two men aged 44 and 46": people the text names
# by age, sex or number ...
_PERSONS = re.compile(
    r"(?<![\w-])(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(?:(?:\d+-year-old|elderly)\s+(?:[a-z]+\s+)?(?:man|woman|boy|girl|child|person|"
    r"worker|farmer|shepherd|teacher|resident|civilian)|"
    r"(?:one|a|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:person|persons|man|men))\b",
    re.I,
)
# ... when they are the ones harmed: "killed a 59-year-old woman", "one person had been
# killed", "a 49-year-old man died".
_HARMED_BEFORE = re.compile(
    r"\b(?:killed|killing|kills|wounded|wounding|wounds|injured|injuring|injures|"
    r"hit|hitting)\s+(?:\w+\s+){0,2}$",
    re.I,
)
_HARMED_AFTER = re.compile(
    r"\s*(?:,[^,]{0,40},\s*)?(?:\w+\s+){0,3}?(?:(?:was|were|(?:had|has|have)\s+been)"
    r"\s+(?:\w+ly\s+)?(?:killed|wounded|injured|hurt|hit|shot|found\s+dead)|"
    r"died|dies|die)\b",
    re.I,
)


def victims(
    sentence: str, matcher: ActorMatcher, found: list[ActorMention]
) -> list[ActorMention]:
    """People the sentence names by age, sex or number as the ones killed or hurt ("the
    Russians killed a 59-year-old woman") as the list's civilians, in those words, where
    the sentence names no civilians already."""
    if any(a.kind == "civilians" for a in found):
        return []
    civilians = [a for a in matcher.find("civilians") if a.kind == "civilians"]
    if not civilians:
        return []
    taken = [(a.start, a.end) for a in found]
    for match in _PERSONS.finditer(sentence):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        before = sentence[max(0, start - 40) : start]
        if _HARMED_BEFORE.search(before) or _HARMED_AFTER.match(sentence, end):
            return [
                dataclasses.replace(
                    civilians[0], text=match.group(0), start=start, end=end
                )
            ]
    return []
