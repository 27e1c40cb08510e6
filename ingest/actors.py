"""Find the known actors (names and their admin-editable aliases) named in a sentence."""

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from events.models import Actor


@dataclass(frozen=True, slots=True)
class ActorMention:
    actor_id: int
    name: str
    kind: str
    country_code: str
    parent_id: int | None
    text: str
    start: int
    end: int


@functools.lru_cache(maxsize=4)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every alias, longest first (compiled once per alias list)."""
    return re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in aliases)
        + r")(?![\w-])",
        re.I,
    )


class ActorMatcher:
    """Actor names and aliases, longest first, case-insensitive, on word boundaries."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._by_alias: dict[str, Actor] = {}
        for actor in actors:
            names = [
                actor.name,
                *(a for a in actor.aliases or [] if isinstance(a, str)),
            ]
            for name in names:
                cleaned = " ".join(name.split()).lower()
                if len(cleaned) >= 2:
                    self._by_alias.setdefault(cleaned, actor)
        aliases = tuple(sorted(self._by_alias, key=lambda a: (-len(a), a)))
        self._pattern = _alias_pattern(aliases) if aliases else None
        self._seen: dict[str, list[ActorMention]] = {}  # an article's sentences

    def find(self, text: str) -> list[ActorMention]:
        if text not in self._seen:
            self._seen[text] = self._find(text)
        return list(self._seen[text])

    def _find(self, text: str) -> list[ActorMention]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            actor = self._by_alias[" ".join(match.group(0).split()).lower()]
            found.append(
                ActorMention(
                    actor.pk,
                    actor.name,
                    actor.kind,
                    actor.country_code,
                    actor.parent_id,
                    match.group(0),
                    match.start(),
                    match.end(),
                )
            )
        return found
