"""Speakers the attribution patterns of ingest/statements/speakers.py pass over, read a second
time: a lead opening on a wire dateline ("GAZA, Palestinian Territories: Gaza's civil
defence agency said …"), a body's name with its bracketed short name ("Somali
National Intelligence Service Agency (NISA) said …") and a body named by a common
noun ("The U.S. Africa command said …", "a civilian in X told Radio Dabanga …").
Each is tried only when the sentence has an attribution verb and no speaker."""

import dataclasses
import re

from ingest.country import datelines
from ingest.statements import speakers, stances

_SAY = (
    r"(?:said|says|reported|reports|announced|stated|claimed|claims|confirmed|"
    r"confirms|denied|denies|added|told)"
)
_SAYS = re.compile(rf"\b{_SAY}\b", re.I)
# After the verb: whom it was told ("told Radio Dabanga"), a weekday, then the content.
_TAIL = (
    r"(?:\s+(?-i:[A-Z][\w'’.-]*)(?:\s+(?-i:[A-Z][\w'’.-]*)){0,3})?"  # told X
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    r"[,:]?\s+(?:that\s+)?(?P<rest>\S.*)$"
)
# "Agency (NISA) said": the short name between a body and its verb, blanked (same
# length, so offsets into the sentence stay right).
_SHORT_NAME = re.compile(rf"\s\([A-Z][A-Za-z]{{1,7}}\)(?=,?\s+{_SAY}\b)")
# A body or a person named by what it is, as the subject of the verb: "The U.S.
# Africa command", "Sudan's sovereignty council", "a civilian in the Salaam
# neighbourhood of El Fasher" (a head noun from this list; any words before it).
_BODY = (
    r"(?:command|agency|service|office|council|committee|authority|directorate|"
    r"centre|center|network|mission|bureau|department|headquarters|staff|unit|"
    r"administration|cell|(?P<person>civilian|villager|survivor|relative|teacher|"
    r"nurse|farmer|trader|student|volunteer|worker))s?"
)
# "The agency said" after "Gaza's civil defence agency said": the body just named.
_BACK = re.compile(r"^the\s+(?P<head>[a-z]+)$", re.I)
_BODY_SAID = re.compile(
    rf"^(?P<speaker>(?:the|an?|one|two|several)\s+(?:[\w.'’-]+\s+){{0,5}}?{_BODY}"
    r"(?:\s+(?:in|of|at|from)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?)?)"
    rf"\s+(?:(?:also|later|has|have|had)\s+)?(?P<verb>{_SAY})" + _TAIL,
    re.I,
)


# "Hawar News Agency (ANHA), a media outlet affiliated to …, reported that …", "The
# Syrian Observatory for Human Rights, a Britain-based war monitor, said …": a name
# with lower-case words, set off by what it is.
_SET_OFF = re.compile(
    r"^(?P<speaker>[^\"“”,]{2,80}?),\s+(?P<desc>(?:an?|the)\s+[^\"“”,]{2,100}?),\s+"
    rf"(?:(?:also|later|has|have|had)\s+)?(?P<verb>{_SAY})\b" + _TAIL
)


def attribute(
    sentence: str, *, previous_speaker: str = "", opening: bool = False
) -> speakers.Statement:
    """speakers.attribute, then the shapes above when it found no speaker;
    ``opening``: the sentence is among the article's first (a dateline may open
    it)."""
    statement = speakers.attribute(sentence, previous_speaker=previous_speaker)
    if statement.speaker or not _SAYS.search(sentence):
        return statement
    found = _reread(sentence, previous_speaker, opening)
    if found is None:
        return statement
    # Only who speaks is new: the sentence's content stays whole, as before, so its
    # actors and places are read as they were (a speaker read apart from the content
    # lost the doer of "The U.S. Africa command said the strikes targeted …").
    return dataclasses.replace(
        found, content=statement.content, content_start=statement.content_start
    )


def _reread(
    sentence: str, previous_speaker: str, opening: bool
) -> speakers.Statement | None:
    text = sentence.strip().replace("\n", " ")  # as speakers.attribute reads it
    span = datelines.dateline_span(text) if opening else None
    if span is not None and span[1] < len(text):
        inner = attribute(text[span[1] :], previous_speaker=previous_speaker)
        if inner.speaker:
            return _shifted(inner, span[1])
    blanked = _SHORT_NAME.sub(lambda m: " " * len(m.group(0)), text)
    if blanked != text:
        inner = speakers.attribute(blanked, previous_speaker=previous_speaker)
        if inner.speaker:
            return inner
    set_off = _SET_OFF.match(text)
    if set_off and set_off.group("speaker")[:1].isupper():
        speaker = set_off.group("speaker")
        described = f"{speaker}, {set_off.group('desc')}"
        if stances.names_a_source(described):
            return speakers.Statement(
                stances.stance_of(set_off.group("verb"), described, set_off["rest"]),
                speaker, set_off.group("rest").rstrip("."), set_off.group("rest"),
                set_off.start("rest"), set_off.span("verb"),
            )  # fmt: skip
    body = _BODY_SAID.match(text)
    if body is None:
        return None
    speaker, rest = body.group("speaker"), body.group("rest")
    back = _BACK.match(speaker)
    if back and back.group("head").lower() in previous_speaker.lower():
        speaker = previous_speaker
    elif back:
        return None  # "the agency" naming none just named: whose is unknown
    stance = stances.stance_of(body.group("verb"), speaker, rest)
    if body.group("person") and stance == "claims":
        stance = "reports"  # people there are no party (guide: residents report)
    return speakers.Statement(
        stance, speaker, rest.rstrip("."), rest, body.start("rest"),
        body.span("verb"),
    )  # fmt: skip


def _shifted(statement: speakers.Statement, by: int) -> speakers.Statement:
    if not by:
        return statement
    verb = statement.verb_span
    return dataclasses.replace(
        statement,
        content_start=statement.content_start + by,
        verb_span=verb and (verb[0] + by, verb[1] + by),
    )
