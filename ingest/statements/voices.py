"""Who said what, read a second time: a denial another source reports ("the army
denied shelling X, according to state media"), a party saying it did not do it
("its forces had not shelled X"), a nominal attribution ("the coalition's
declaration of killing 95") and two sources that said it together ("according to
SANA and the Observatory"), each given its own stance."""

import dataclasses
import re

from ingest.proposal import ProposedStatement
from ingest.statements import stances
from ingest.statements.speakers import Statement

_DETERMINER = r"(?:(?:the|a|an)\s+)?"
# "The army denied shelling …", "Russia's defence ministry rejected reports that …":
# the denial is the subject's, whoever relays it.
_DENIED_BY = re.compile(
    rf"^(?:(?:that|but|however,?)\s+)?(?P<who>{_DETERMINER}(?:[\w'’.-]+\s+){{0,5}}?"
    r"[\w'’.-]+)\s+(?:(?:has|have|had|also|flatly|strongly|later)\s+){0,2}"
    rf"(?P<verb>{stances.DENY})\s+"
    # what is denied is a statement or an act ("rejected the offer" is no denial)
    r"(?:that|reports?|claims?|allegations?|accusations?|charges?|involvement|"
    r"responsibility|any|having|(?:any\s+)?(?:role|part)|[a-z]+ing)\b",
    re.I,
)
# "it had not shelled", "its jets did not strike", "our forces never targeted":
# the party speaks of its own act and says it did not happen.
_OWN_ACT_DENIED = re.compile(
    r"^(?:that\s+)?(?:it|they|we|(?:its|their|our)\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+"
    r"(?:(?:had|has|have|did|does|do|was|were)\s+(?:not|never)\b|(?:had|has|have|"
    r"did|does|do|was|were)n['’]t\b|never\b)(?!\s+yet\b)"
    # "it does not comment on reports", "did not immediately confirm": no denial
    r"(?!\s+(?:(?:immediately|publicly|officially)\s+)?(?:comment|confirm|"
    r"discuss|respond|speak)\b)",
    re.I,
)
# "the coalition's declaration of killing 95 Houthis", "the army's announcement
# that it had retaken X": a statement named as a noun.
_NOMINAL = re.compile(
    r"(?:^|\b(?:with|of|by|to|on|after|following|amid|in|and|despite)\s+)"
    r"(?P<who>(?:(?:the|a|an)\s+)?(?:[\w.-]+\s+){0,3}?[\w.-]+?)['’]s?\s+"
    r"(?P<what>declaration|announcement|statement|claim|claims|assertion|admission|"
    r"denial)\s+(?:of|that)\b",
    re.I,
)
# "SANA put the toll at 13", "the ministry gave a death toll of 40": a count is a
# statement.
_TOLL = re.compile(
    r"^(?P<who>(?:[\w'’.-]+\s+){0,6}?[\w'’.-]+)\s+(?:(?:has|had|later)\s+)?"
    r"(?:put|puts|gave|gives|placed|raised|revised)\s+(?:the|a|its)\s+"
    r"(?:(?:death|casualty|overall|final)\s+)?toll\s+(?:at|of|to)\b",
    re.I,
)
# "Syrian state TV said …", "Al-Ikhbariya television reported …": a broadcaster or
# paper named by what it is, which the speaker patterns miss.
_OUTLET_SAID = re.compile(
    r"^(?P<who>(?:[\w'’.-]+\s+){0,5}?(?:TV|television|radio|channel|broadcaster|"
    r"newspaper|daily|agency|outlet|media))\s+(?:(?:has|had|also|later)\s+)?"
    r"(?P<verb>said|says|reported|reports|announced|quoted|cited)\b(?:\s+that)?\s+",
    re.I,
)
# "The Syrian Observatory for Human Rights and rebels": a monitor's name runs to six
# words.
_JOINT = re.compile(r"^(?P<a>(?:[\w'’.-]+\s+){0,6}?[\w'’.-]+)\s+and\s+"
                    r"(?P<b>(?:[\w'’.-]+\s+){0,6}?[\w'’.-]+)$")  # fmt: skip
_WHO_WORDS = re.compile(r"^(?:it|they|we|he|she|this|which|who)$", re.I)


# "Russian planes did not carry out any combat missions", said a Russian ministry's
# spokesman: the speaker's own side, named by its nationality, did not do it.
_SIDE_ACT_DENIED = re.compile(
    r"^(?:that\s+)?(?P<side>[A-Z][a-z]+)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:(?:had|has|have|did|does|do|was|were)\s+(?:not|never)\b|(?:had|has|have|"
    r"did|does|do|was|were)n['’]t\b)"
    r"(?!\s+(?:(?:immediately|publicly|officially)\s+)?(?:comment|confirm|"
    r"discuss|respond|speak)\b)"
)


def _own_side(content: str, speaker: str) -> bool:
    """The content's subject is the speaker's side: "Russian planes" said by "a
    Russian Defence Ministry spokesman" ("Russia's ministry" too)."""
    side = _SIDE_ACT_DENIED.match(content)
    if not side or len(side.group("side")) < 4:
        return False
    stem = side.group("side")[:5].lower()
    return any(w[:5].lower() == stem for w in re.findall(r"[A-Z][a-z]+", speaker))


def _via(speaker: str, via: str) -> str:
    if not via or via.lower() in speaker.lower():
        return speaker
    return f"{speaker} (via {via})"


# "The junta rejected claims that civilians were killed in the strike", "those killed
# were not civilians": a party disputing who the dead were, not that the strike was
# made (LABELLING_GUIDE, series T: a party "denying" civilian deaths confirms).
_VICTIMS_DENIED = re.compile(
    r"^(?:(?:claims?|reports?|allegations?|accusations?)\s+(?:that\s+)?)?"
    r"(?:any\s+)?civilians?\s+(?:were|was|had\s+been|have\s+been)\s+(?:among\s+"
    r"(?:those\s+)?)?(?:killed|hurt|injured|wounded|harmed|the\s+(?:dead|victims))\b|"
    r"^(?:any\s+)?civilian\s+(?:casualties|deaths|victims)\b",
    re.I,
)


def reread(statement: Statement) -> Statement:
    """The statement with a relayed denial, an own act denied or a nominal
    attribution read; unchanged otherwise."""
    content = statement.content
    if (
        statement.stance == "denies"
        and _VICTIMS_DENIED.match(content)
        and stances.is_party(statement.speaker.split(" (via ")[0])
    ):
        return dataclasses.replace(statement, stance="confirms")
    denied = _DENIED_BY.match(content)
    if denied and not _WHO_WORDS.match(denied.group("who")):
        who = denied.group("who")
        if stances.is_party(who) or who[:1].isupper():
            return dataclasses.replace(
                statement, stance="denies", speaker=_via(who, statement.speaker)
            )
    if (
        statement.speaker
        and statement.stance != "denies"
        and stances.is_party(statement.speaker.split(" (via ")[0])
        and (_OWN_ACT_DENIED.match(content) or _own_side(content, statement.speaker))
    ):
        return dataclasses.replace(statement, stance="denies")
    if not statement.speaker:
        outlet = _OUTLET_SAID.match(content)
        if outlet:
            who, rest = outlet.group("who"), content[outlet.end() :]
            return Statement(
                stances.stance_of(outlet.group("verb"), who, rest), who,
                rest.rstrip("."), rest, statement.content_start + outlet.end(),
                (statement.content_start + outlet.start("verb"),
                 statement.content_start + outlet.end("verb")),
            )  # fmt: skip
        toll = _TOLL.match(content)
        if toll and stances.names_a_source(toll.group("who")):
            who = toll.group("who")
            return dataclasses.replace(
                statement, stance=stances.stance_of("said", who, content), speaker=who
            )
        nominal = _NOMINAL.search(content)
        if nominal:
            who = nominal.group("who")
            what = nominal.group("what").lower()
            stance = "denies" if what == "denial" else "claims"
            if what == "admission":
                stance = "confirms"
            if stance == "claims" and not stances.is_party(who):
                stance = stances.stance_of("said", who, content)
            return dataclasses.replace(statement, stance=stance, speaker=who)
    return statement


def party_denial(statement: Statement, kinds: set[str]) -> Statement:
    """ "Russia said its forces had not been pushed out of X": a speaker the actor list
    knows as a party, saying its own side did not do it (or lose it), denies."""
    if (
        kinds & stances.PARTY_KINDS
        and statement.stance in ("claims", "reports")
        and (
            _OWN_ACT_DENIED.match(statement.content)
            or _own_side(statement.content, statement.speaker)
        )
    ):
        return dataclasses.replace(statement, stance="denies")
    return statement


def split_joint(statements: list[ProposedStatement]) -> list[ProposedStatement]:
    """ "SANA and the Observatory" as two statements, each with its own stance
    ("claims" and "reports"); a joint speaker of one kind stays one."""
    result: list[ProposedStatement] = []
    for statement in statements:
        joint = (
            _JOINT.match(statement.speaker) if statement.stance != "denies" else None
        )
        if joint:
            parts = [joint.group("a"), joint.group("b")]
            kinds = [stances.stance_of("said", p, statement.quote) for p in parts]
            if len(set(kinds)) > 1 and all(_names_a_voice(p) for p in parts):
                result += [
                    dataclasses.replace(statement, stance=k, speaker=p)
                    for p, k in zip(parts, kinds, strict=True)
                ]
                continue
        result.append(statement)
    seen: dict[tuple[str, str], ProposedStatement] = {}
    for statement in result:
        seen.setdefault((statement.stance, statement.speaker), statement)
    return list(seen.values())


def _names_a_voice(part: str) -> bool:
    return stances.names_a_source(part) or bool(stances.STATE_MEDIA.search(part))


def split_events(events: list) -> None:
    """``split_joint`` on every proposed event's statements."""
    for event in events:
        event.statements = split_joint(event.statements)


# "The Israeli military said it targeted …", "Hezbollah said it had targeted an Israeli
# position in the X area", "… fighter jets struck a military site in the area of X":
# the side that acted, speaking of its own act.
_OWN_ACT = re.compile(
    r"^(?:that\s+)?(?:[^\w]*(?:this|that|on|early|late|earlier|later)\b[^,]{0,30}?"
    r"[.…,\"“]*\s*)?(?:it|they|we|(?:its|their|our)\s+(?:[\w-]+\s+){0,2}?[\w-]+|"
    r"(?:fighter\s+|war)?(?:jets|planes|aircraft|drones))\s+(?:had\s+|have\s+|has\s+)?"
    # 'it had "conducted a precise strike"': a quotation may open on the act
    r"[\"“‘']?(?:struck|targeted|attacked|hit|fired|shelled|bombed|carried out|"
    r"launched|conducted)\b"
    # "al-Shabab claimed responsibility for the attack": its own act, admitted
    r"|^responsibility\b",
    re.I,
)


def acknowledged(statements: list[ProposedStatement]) -> list[ProposedStatement]:
    """A party's word on its own act confirms the event when another named source
    tells it too; its own word alone claims it (guide: stances by who speaks)."""
    for statement in statements:
        if (
            statement.stance == "claims"
            and not stances.STATE_MEDIA.search(statement.speaker)
            and _OWN_ACT.match(statement.quote.strip(' "“”'))
            and any(
                other.speaker
                and other.speaker != statement.speaker
                and other.stance != "denies"
                for other in statements
            )
        ):
            statement.stance = "confirms"
    return statements
