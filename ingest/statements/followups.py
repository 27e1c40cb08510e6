"""What a statement is beside its event: a party's own voice (with_party_speaker), an
intent rather than a deed (is_intent), a sentence that follows up the previous one's
incident (follows_up). Split from ingest/statements/speakers.py."""

import dataclasses
import re

from ingest.statements import stances
from ingest.statements.attribution import _rx
from ingest.statements.speakers import Statement


def with_party_speaker(statement: Statement, kinds: set[str]) -> Statement:
    """A speaker the actor list knows as an armed or state party ("the SDF said")
    claims what it reports; an outlet or monitor named after one still reports."""
    speaker = statement.speaker.split(" (via ")[0]
    if (
        kinds & stances.PARTY_KINDS
        and statement.stance == "reports"
        and stances.OWN_CHANNEL.match(speaker)
    ):
        return dataclasses.replace(statement, stance="claims")  # "Houthis' Saba"
    if (
        kinds & stances.PARTY_KINDS
        and statement.stance == "reports"
        # "an SAF source", "rebel sources": a side's own sources speak for it
        and not stances.REPORTER_WORDS.search(stances.SOURCES.sub("", speaker))
        and not stances.OUTLET_WORDS.search(speaker)
        and not stances.AID_WORDS.search(speaker)
    ):
        return dataclasses.replace(statement, stance="claims")
    return statement


_FUTURE = _rx(
    r"\b(?:will|would|shall|going to|plans? to|planning to|intends? to|vow(?:s|ed)? to|"
    r"threaten(?:s|ed)? to|preparing to|prepares to|"
    r"seeks? to|aims? to|attempts? to|expects? to|is about to|are about to)\b"
)
# How far into what is said an intent word still governs it: "it will launch an
# offensive on X", not "12 were killed in X, and the toll would rise".
_INTENT_REACH = 60


def is_intent(statement: Statement) -> bool:
    """What the speaker says is to come ("the army said it will launch an offensive
    on X", "Russia plans to …"): no evidence of an event already told."""
    return bool(statement.speaker and _FUTURE.search(statement.content[:_INTENT_REACH]))


# "the Observatory said the toll had risen": the events before, named again.
_REFERS_BACK = _rx(
    r"\b(?:the|this|that|these|its|their)\s+(?:[\w-]+\s+)?(?:strikes?|attacks?|"
    r"raids?|shelling|bombardment|bombing|toll|victims|dead|casualties|clashes|"
    r"fighting|incident|explosion|blast|assault|capture|advance)\b"
)
# "the army said foreign troops had occupied the town": the place just told, not
# "the village of Qastoun", which names its own.
_PLACE_BACK = re.compile(
    r"\b[Tt]h(?:e|is|at)\s+(?:town|city|village|base|site|locality|settlement)\b"
    r"(?!\s+(?:of\s+)?[A-Z])"
)


# "The Israeli military said it targeted …": the party owning the strikes just told.
_OWNS_IT = _rx(
    r"^(?:that\s+)?(?:it|they|its (?:forces|jets|aircraft|troops))\s+(?:had\s+)?"
    r"(?:targeted|struck|hit|attacked|bombed|shelled|raided|carried out)\b"
)


def follows_up(
    statement: Statement, *, own_event: bool = False, verb: str = ""
) -> bool:
    """A statement about the events before it: "X confirmed/denied it" naming no
    event of its own (a reporter's "confirmed" too, which reports), or a bare "the
    Observatory said." (a sentence the wire's line breaks cut off)."""
    if not statement.speaker or own_event or _FUTURE.search(statement.content):
        return False  # "… said it will respond": intent, no evidence of the event
    return (
        statement.stance in ("confirms", "denies")
        or bool(stances.CONFIRM_VERB.fullmatch(verb))
        or not statement.content.strip()
        or bool(_REFERS_BACK.search(statement.content))
        or bool(_PLACE_BACK.search(statement.content))
        or bool(_OWNS_IT.match(statement.content.strip()))
    )
