"""An article's acronyms ("Syrian Observatory for Human Rights (SOHR)"), and a speaker
given by its acronym written out in full (with_full_speaker). Split from
ingest/statements/speakers.py."""

import dataclasses
import re

from ingest.statements import stances
from ingest.statements.speakers import Statement

_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")
# The capitalised name just before "(RIC)"; tried on a short window before each
# acronym, not at every position of the article (that took ~10 ms an article).
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+|(?:of|for|and|the)\s+){1,7})$")


class Acronyms(dict):
    """Short names the article defines ("Rojava Information Centre (RIC)"), and, asked
    for one it does not define, the capitalised name whose initials spell it ("the
    communist New People's Army", later "the NPA"), looked up once per short name."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.tried: set[str] = set()

    def full(self, short: str) -> str | None:
        if short in self:
            return self[short]
        if short in self.tried or not _SHORT.fullmatch(short):
            return None
        self.tried.add(short)
        # the initials as capitalised words, "of"/"for"/"the"/"and" allowed between
        words = r"\s+(?:(?:of|for|the|and)\s+)?".join(
            rf"{letter}[\w'’.-]*" for letter in short
        )
        named = re.search(rf"(?<![\w'’-])(?-i:{words})(?![\w'’-])", self.text)
        if named and not named.group(0).isupper():
            self[short] = named.group(0)
            return self[short]
        return None


_SHORT = re.compile(r"[A-Z]{3,6}")


def acronyms(text: str) -> Acronyms:
    """ "Rojava Information Centre (RIC)": {"RIC": "Rojava Information Centre"}."""
    found = Acronyms(text)
    for acronym in _ACRONYM.finditer(text):
        name = _NAME_BEFORE.search(text, max(0, acronym.start() - 200), acronym.start())
        if name is None:
            continue
        full = re.sub(r"^(?:the|of|for|and)\s+", "", name.group(1).strip(), flags=re.I)
        found.setdefault(acronym.group(1), full)
    return found


def with_full_speaker(statement: Statement, names: dict[str, str]) -> Statement:
    """ "the RIC said" where the article defined the RIC: the full name, its stance."""
    speaker, _, via = statement.speaker.partition(" (via ")
    short = re.sub(r"^the\s+", "", speaker, flags=re.I)
    name = names.full(short) if isinstance(names, Acronyms) else names.get(short)
    if not name:
        return statement
    full = f"{name} ({short})"
    stance = statement.stance
    if stance in ("claims", "reports"):
        stance = stances.stance_of("said", full, statement.quote)
    speaker = f"{full} (via {via}" if via else full
    return dataclasses.replace(statement, stance=stance, speaker=speaker)
