"""A speaker named by a common noun ("the observatory said", "the ministry added",
"the group claimed") after the article named who that is ("the Syrian Observatory for
Human Rights", "Sudan's health ministry", "al-Shabaab, the Somali militant group"):
the speaker is the nearest earlier name whose head noun is that noun (LABELLING_GUIDE,
part N: the speaker is the one whose statement it is); the stance read from the verb
stays. Called in sentencereading._sentence_mentions after fullnames.with_full_speaker;
the state adjective a name brings ("Lebanese Hezbollah group") is read by
ownnames.py as the party's own name, not a bystander state."""

import dataclasses
import re

from ingest.statements.speakers import Statement

# "observatory", "war monitor", "health ministry" (after "the"): up to two
# lower-case words, a lower-case head noun (a name is capitalised: "the Observatory"
# is read as written).
_GENERIC = re.compile(r"^(?P<words>(?:[a-z][\w-]*\s+){0,2})(?P<head>[a-z]{4,})$")
_THE = re.compile(r"^the\s+", re.I)
_SPACE = r"[^\S\n]+"  # a name never crosses a line
_CAP = r"(?:[A-Z](?:[\w'’&-]|\.(?=\w))*(?:(?<=[A-Z]\.[A-Z])\.)?|(?:al|el|ad|ar|as|an|ash|at)-[\w'’-]+)"
_FUNCTION = r"(?:the|an?|and|or|of|in|on|at|to|by|for|from|with|that|said|says|told)"
_JOIN = rf"(?:{_SPACE}(?:of|for|the|and|al|el){_SPACE}|{_SPACE})"


_DETERMINERS = re.compile(r"^(?:(?:the|an?|of|for|and)\s+)+", re.I)
# the name's first word opens a sentence (capitalised whatever it is)
_OPENING = re.compile(r"(?:^|\n\s*|[.!?:\"“”]\s+)(?:(?:the|an?)\s+)?\Z", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.&-]*")
# a day, a month or an adjective of a place ("Lebanon-based", "Iran-backed") names no one
_NO_NAME = re.compile(
    r"[A-Z][\w'’.&]*-[a-z]+|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)(?:['’]s)?"
)


def _patterns(head: str) -> list[re.Pattern[str]]:
    """The ways an article names a body whose head noun is ``head``, the name in the
    group "name" and the head noun in the group "head"; the first that names a given
    mention of the head noun wins."""
    head = re.escape(head)
    lower = rf"(?:(?!{_FUNCTION}\b)[a-z][\w-]*{_SPACE}){{0,3}}?"
    of = rf"(?:{_SPACE}(?:for|of){_SPACE}(?:the{_SPACE})?{_CAP}(?:{_JOIN}{_CAP}){{0,4}})?"
    return [
        # "al-Shabaab, the Somali militant group,", "SOHR, a Britain-based war monitor,"
        re.compile(
            rf"(?P<name>(?:{_CAP}{_JOIN}){{0,5}}?{_CAP}),{_SPACE}(?:an?|the){_SPACE}"
            rf"(?:[\w-]+{_SPACE}){{0,4}}?(?P<head>(?i:{head}))(?=[,)]|\s*$)"
        ),
        # "the monitoring group Airwars", "the militant group al-Shabaab"
        re.compile(
            rf"(?P<head>(?i:{head})){_SPACE}(?P<name>{_CAP}(?:{_JOIN}{_CAP}){{0,4}})"
        ),
        # "the Syrian Observatory for Human Rights", "the Islamic State group",
        # "Sudan's health ministry": capitalised words, then the head noun (and
        # "for/of" and capitalised words); "a Britain-based monitor" is no name
        re.compile(
            rf"(?<!\ba\s)(?<!\ban\s)(?P<name>(?:{_CAP}{_JOIN}){{0,5}}?{_CAP}{_SPACE}"
            rf"{lower}(?P<head>(?i:{head})){of})\b"
        ),
        # "Observatory for Human Rights" after a lower-case word
        re.compile(rf"(?P<name>(?P<head>(?-i:[A-Z]){head[1:]}){of})\b"),
    ]


def _defined(words: str, head: str, before: str) -> str | None:
    """The name of the last mention of ``head`` before the sentence, when that mention
    names a body and has the generic's other words ("the health ministry": a health
    ministry); None when the last mention is a common noun ("the interior ministry",
    "a group of gunmen"). The generic itself said again ("the observatory" twice) is
    passed over."""
    again = re.compile(rf"\bthe\s+{re.escape(words)}$", re.I)
    mentions = [
        m
        for m in re.finditer(rf"\b{re.escape(head)}\b", before, re.I)
        if not again.search(before[: m.start()])
    ]
    if not mentions:
        return None
    last = mentions[-1].start()
    for number, pattern in enumerate(_patterns(head)):
        for found in pattern.finditer(
            before, max(0, last - 160), mentions[-1].end() + 80
        ):
            if found.start("head") != last:
                continue
            name = _DETERMINERS.sub("", found.group("name").strip())
            # a sentence's first word is capitalised whatever it is ("Local
            # sources"), unless set off as a name ("SOHR, a war monitor,")
            opening = number > 1 and _OPENING.search(before, 0, found.start("name"))
            capitals = _CAPITALISED.findall(name)[1 if opening else 0 :]
            if not [w for w in capitals if not _NO_NAME.fullmatch(w)]:
                return None  # "A local source", "Tuesday statement", "UK-based group"
            if any(w.lower() not in found.group(0).lower() for w in words.split()):
                return None
            return name
    return None


def with_defined_speaker(statement: Statement, sentence: str, text: str) -> Statement:
    """ "The observatory said …" where the article named "the Syrian Observatory for
    Human Rights" before ``sentence`` (found in the article's ``text``): that name, the
    stance read from the verb kept (a name read again by stances.stance_of turned "the
    ministry" claims into the health ministry's reports, against the guide's ruling
    that a party's health ministry claims); any other speaker as it was."""
    speaker, _, via = statement.speaker.partition(" (via ")
    # "The observatory said", "…, the ministry said", "…, observatory said": the noun
    # as written in lower case ("the Observatory" is read as a name)
    generic = _GENERIC.match(_THE.sub("", speaker))
    if generic is None or not text:
        return statement
    at = text.find(sentence)
    if at <= 0:
        return statement
    name = _defined(generic.group("words"), generic.group("head"), text[:at])
    if not name:
        return statement
    return dataclasses.replace(statement, speaker=f"{name} (via {via}" if via else name)


def reread(statement: Statement, sentence: str, names: object) -> Statement:
    """with_defined_speaker on the article text ``names`` (a fullnames.Acronyms) was
    built from; any statement as it was without that text."""
    return with_defined_speaker(statement, sentence, getattr(names, "text", ""))
