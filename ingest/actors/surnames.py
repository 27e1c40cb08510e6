"""A person named in full once ("Mahmud Bassal, spokesman for the civil defence
agency") and by surname alone later ("Bassal said …"), after other speakers: the
surname is read as that person, with the stance of who that is."""

import dataclasses
import re

from ingest.statements import stances
from ingest.statements.speakers import Statement

_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Gen|Col|Sheikh)\.?\s+(?=[A-Z])")

# "Mahmud Bassal, spokesman for the civil defence agency" or "Interior Minister Ihor
# Klymenko": a person named in full, whose surname alone ("Bassal said") may come back
# sentences later, after other speakers.
_FULL_NAME = re.compile(
    r"^(?:[\w'’.-]+\s+){0,4}?(?-i:[A-Z][\w'’.-]+\s+(?:(?:al|el|bin|ibn|de|van)-?\s*)?"
    r"(?P<surname>[A-Z][\w'’-]{2,}))(?=,|$)"
)


def remember(named: dict[str, str], speaker: str) -> None:
    """Keeps ``speaker`` under its surname when it names a person in full."""
    found = _FULL_NAME.match(speaker.split(" (via ")[0])
    if found and "," in speaker or found and " " in speaker.split(",")[0]:
        surname = found.group("surname")
        if len(speaker) > len(named.get(surname, "")):
            named[surname] = speaker.split(" (via ")[0]


def with_named_speaker(statement: Statement, named: dict[str, str]) -> Statement:
    """ "Bassal said …" after "Mahmud Bassal, spokesman for the civil defence agency":
    the person named in full earlier in the article, and the stance of who that is."""
    speaker = _HONORIFIC.sub("", statement.speaker)
    if " " in speaker or speaker not in named:
        return statement
    full = named[speaker]
    stance = statement.stance
    if stance in ("claims", "reports"):
        stance = stances.stance_of("said", full, statement.quote)
    return dataclasses.replace(statement, stance=stance, speaker=full)
