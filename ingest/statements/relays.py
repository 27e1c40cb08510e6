"""Statements relayed or unnamed, read a third time: a speaker's statement an outlet
passes on ("X said …, the Y channel reported"; "it quoted X as saying"; "media quoted
officials who said"), unnamed "reports" ("The reports stated that …"), and a named
person set off by a description the speaker patterns do not take ("X, secretary to the
province's Gov. Y, said"; "X, commander of … in Z, just south of W, said")."""

import dataclasses
import re

from ingest.statements import stances
from ingest.statements.speakers import Statement

_SAID = r"(?:said|says|announced|stated|claimed|declared|confirmed|denied)"
_WHEN = (
    r"(?:(?:yesterday|today|earlier|later|also|(?:(?:late|early)\s+)?on\s+"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\s+)?"
)
# "The Saudi-led coalition engaged in Yemen yesterday said it had launched …": the
# content an outlet's trailing "reported" holds opens on its own speaker and verb.
_INNER_SPEAKER = re.compile(
    # a dateline may open the lead: "SANAA (Yemen) • The coalition said …"
    r"^(?:(?-i:[A-Z][A-Z'’. -]+)(?:\s*\([^)]{1,30}\))?\s*[•:–—-]+\s*)?"
    rf"(?P<who>(?:[\w'’.-]+\s+){{0,7}}?[\w'’.-]+)\s+{_WHEN}(?P<verb>{_SAID})\s+"
    r"(?:that\s+)?(?P<rest>\S.*)$",
    re.I,
)
# '"…," it quoted Russia's Defense Ministry spokesman X as saying': the one quoted
# speaks, through the one quoting.
_QUOTED_AS_SAYING = re.compile(
    r"^[\"“](?P<quote>.+?)[\"”],?\s+(?P<via>(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)\s+"
    r"quoted\s+(?P<who>[^\"“]{2,120}?)\s+as\s+saying\b",
    re.I,
)
# "US media quoted unnamed military officials who said the army hit …".
_QUOTED_WHO_SAID = re.compile(
    r"^(?:(?:however|meanwhile|but|and),?\s+)?(?P<via>(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)"
    r"\s+quoted\s+(?P<who>[^\"“,]{2,80}?)\s+(?:who\s+said|as\s+saying|saying)\s+"
    r"(?:that\s+)?(?P<rest>\S.*)$",
    re.I,
)
# "The reports stated that …", "According to reports, …", "Initial reports said …":
# reports no one is named for (guide: "unconfirmed reports" report).
_UNNAMED_REPORTS = re.compile(
    r"^(?:the\s+)?(?:(?:initial|early|first|local|media|press|news|unconfirmed|"
    r"several|other|some)\s+)?reports?$",
    re.I,
)
_REPORTS_SAID = re.compile(
    r"^(?:the\s+)?(?:(?:initial|early|first|local|media|press|news|unconfirmed)\s+)?"
    r"reports\s+(?:also\s+)?(?:stated|said|say|indicated|added|suggested)\s+"
    r"(?:that\s+)?(?P<rest>\S.*)$",
    re.I,
)
# "US media quoted unnamed military officials who": the officials speak.
_QUOTED_SPEAKER = re.compile(
    r"^(?P<via>(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)\s+quoted\s+(?P<who>.{2,80}?)"
    r"(?:\s+who)?$",
    re.I,
)
_PRONOUN = re.compile(r"^(?:it|he|she|they|the\s+(?:agency|channel|outlet))$", re.I)
# "Faiz Mohammed, secretary to Paktia province Gov. Raz Mohammed Dalili, said …",
# "Abdul Matin Hassankhail, commander of Afghan forces in Zormat, just south of Gardez,
# said …": a capitalised name, then a description led by a title word (and at most one
# more phrase of place), then the verb.
_TITLE = (
    r"(?:governor|minister|spokes(?:man|woman|person)|official|commander|mayor|"
    r"leader|secretary|chief|head|director|deputy|adviser|advisor|aide|member|"
    r"chairman|president|officer|general|colonel)"
)
_NAMED_TITLED = re.compile(
    r"^(?:(?:but|and|however),?\s+)?"
    r"(?P<name>(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+|(?:al|el|bin|ibn)-[\w'’-]+))"
    r"{1,3}),\s+"
    rf"(?P<desc>(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){{0,3}}?{_TITLE}\b[^\"“,]{{0,90}}?"
    r"(?:,\s+(?:just\s+|some\s+|about\s+)?(?:[\w-]+\s+)?(?:north|south|east|west|"
    r"near|outside)\w*\b[^\"“,]{0,60}?)?),\s+"
    rf"(?P<verb>{_SAID}|{stances.DENY}|told\s+[\w\s]{{1,30}}?)\s+(?:that\s+)?"
    r"(?P<rest>\S.*)$",
    re.I,
)


def _via(speaker: str, via: str) -> str:
    if not via or _PRONOUN.match(via) or via.lower() in speaker.lower():
        return speaker
    return f"{speaker} (via {via})"


def reread(
    statement: Statement, sentence: str, *, previous_speaker: str = ""
) -> Statement:
    """The statement with a relayed or unnamed speaker read; unchanged otherwise."""
    text = sentence.strip().replace("\n", " ")
    if statement.speaker and _UNNAMED_REPORTS.match(statement.speaker):
        return dataclasses.replace(statement, stance="reports", speaker="reports")
    quoting = _QUOTED_SPEAKER.match(statement.speaker)
    if quoting and stances.names_a_source(quoting.group("who")):
        who = _via(quoting.group("who"), quoting.group("via"))
        return dataclasses.replace(statement, speaker=who)
    if statement.speaker:
        return _relayed(statement)
    return _unnamed(statement, text, previous_speaker) or statement


def _relayed(statement: Statement) -> Statement:
    """ "X said …, the Y channel reported": X speaks, via Y (guide, series N: the
    speaker is the one whose statement it is)."""
    outlet = statement.speaker.split(" (via ")[0]
    if not (
        stances.OUTLET_WORDS.search(outlet) or stances.REPORTER_WORDS.search(outlet)
    ) or stances.is_party(outlet):
        return statement
    inner = _INNER_SPEAKER.match(statement.content)
    if not inner:
        return statement
    who = inner.group("who")
    if who.split()[0].lower() in {"it", "he", "she", "they", "which", "who"}:
        return statement
    if not stances.names_a_source(who):
        return statement
    rest = inner.group("rest")
    return dataclasses.replace(
        statement,
        stance=stances.stance_of(inner.group("verb"), who, rest),
        speaker=_via(who, outlet),
        quote=rest.rstrip("."),
        content=rest,
        content_start=statement.content_start + inner.start("rest"),
    )


def _unnamed(
    statement: Statement, text: str, previous_speaker: str
) -> Statement | None:
    quoted = _QUOTED_AS_SAYING.match(text)
    if quoted:
        who, quote = quoted.group("who").strip(), quoted.group("quote").strip()
        via = quoted.group("via")
        if _PRONOUN.match(via) and previous_speaker:
            via = previous_speaker
        return Statement(
            stances.stance_of("said", who, quote), _via(who, via), quote, quote,
            text.find(quote), quoted.span("who"),
        )  # fmt: skip
    for pattern in (_QUOTED_WHO_SAID, _REPORTS_SAID, _NAMED_TITLED):
        found = pattern.match(text)
        if not found:
            continue
        rest = found.group("rest")
        if pattern is _REPORTS_SAID:
            who, stance = "reports", "reports"
        elif pattern is _QUOTED_WHO_SAID:
            who = found.group("who").strip()
            if not stances.names_a_source(who):
                continue
            who = _via(who, found.group("via"))
            stance = stances.stance_of("said", who, rest)
        else:
            who = f"{found.group('name')}, {found.group('desc')}"
            verb = found.group("verb").split()[0]
            stance = stances.stance_of(verb, who, rest)
            # "Deputy Governor of Lower Shabelle region … said": the places of the
            # title are read with the content, as attribution._TITLE_OF_PLACE does
            at = found.start("desc")
            return Statement(stance, who, rest.rstrip("."), text[at:], at, None)
        return Statement(stance, who, rest.rstrip("."), rest, found.start("rest"), None)
    return None


# "Afghan officials said a helicopter attacked the village, but the U.S. military
# denied the report": the other side's denial, a second voice on what the first told.
_BUT_DENIED = re.compile(
    r",\s+but\s+(?P<speaker>(?:the\s+)?(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+)\s+"
    r"(?:(?:has|have|had|later|quickly|swiftly|flatly)\s+)?"
    rf"(?P<verb>{stances.DENY})\s+(?P<rest>(?:the|this|that|these|such)\s+"
    r"(?:reports?|claims?|account|allegations?|accusations?)\b.*|it\b.*)$",
    re.I,
)


def denial_after(sentence: str) -> Statement | None:
    """The denial closing a sentence whose first voice told the event."""
    if ", but " not in sentence:
        return None
    found = _BUT_DENIED.search(sentence.strip())
    if not found or not stances.names_a_source(found.group("speaker")):
        return None
    rest = found.group("rest")
    return Statement(
        "denies", found.group("speaker"), rest.rstrip("."), rest, found.start("rest"),
        found.span("verb"),
    )  # fmt: skip
