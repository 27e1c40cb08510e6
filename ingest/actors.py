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


# "IS", "SNA", "YPG/PKK": written in capitals, matched only in capitals ("is" is no
# Islamic State).
_ACRONYM = re.compile(r"[A-Z][A-Z0-9/&.-]{0,7}")
# "Civilians (Idlib)": an actor qualified by a place.
_QUALIFIER = re.compile(r"\(([^)]+)\)\s*$")


# Words that, after a group's name, still name that group: "GNA forces", "HTS
# militants", "IS cells", "SDF fighters", "LNA warplanes".
FORCE_NOUNS = (
    "fighters", "militants", "members", "cells", "sleeper cells", "forces", "troops",
    "soldiers", "gunmen", "militia", "militias", "militiamen", "units", "jets",
    "warplanes", "aircraft", "drone", "drones", "helicopters", "artillery",
    "army", "paramilitaries", "paramilitary", "elements", "operatives",
)  # fmt: skip
# "Turkey-backed" is "Turkish-backed": a country and its adjective name one side.
_BACKERS = {
    "turkish": "Turkey", "turkey": "Turkish", "russian": "Russia", "russia": "Russian",
    "iranian": "Iran", "iran": "Iranian", "us": "American", "american": "US",
    "u.s.": "US",
}  # fmt: skip
_BACKED = re.compile(r"^([\w.]+)-(backed|led|supported|affiliated|aligned)\b", re.I)


# What a state's "<Adjective> forces" also do under its adjective: "Russian drones",
# "Turkish soldiers", "Ukrainian artillery" (state and foreign forces only).
STATE_NOUNS = (
    "troops", "soldiers", "army", "military", "jets", "warplanes", "aircraft",
    "drone", "drones", "helicopters", "artillery", "tanks", "navy", "airstrikes",
    "air strikes", "strikes", "shelling", "missiles", "rockets", "bombardment",
    "raids", "air raids", "units", "fighter jets", "fighter planes", "bombers",
    "barrel bombs", "warships", "gunships", "mortars",
    # what they do, named after them: "repelled Russian attacks", "Israeli fire"
    "attacks", "attack", "assaults", "assault", "offensive", "fire", "shells",
)  # fmt: skip
# "Russian forces", "regime forces", "Assad's forces", "pro-government forces".
_ADJECTIVE_FORCES = re.compile(r"^([A-Za-z][\w-]*(?:['’]s)?)\s+forces$")


def _variants(alias: str, kind: str = "") -> list[str]:
    """The alias, its "Turkey-backed"/"Turkish-backed" twin, and a state's
    "Russian forces" as "Russian drones", "Russian troops", ..."""
    found = [alias]
    adjective = _ADJECTIVE_FORCES.match(alias)
    if adjective and kind in {"state_forces", "foreign_forces"}:
        found += [f"{adjective.group(1)} {noun}" for noun in STATE_NOUNS]
    backed = _BACKED.match(alias)
    if backed:
        other = _BACKERS.get(backed.group(1).lower())
        if other:
            found.append(other + alias[len(backed.group(1)) :])
    return found


def _pieces(alias: str, *, fold: bool) -> list[str]:
    """The alias as regex pieces, one a character: a space is any run of spaces, a
    straight apostrophe either apostrophe; lower-cased where the match ignores case."""
    return [
        r"\s+"
        if ch == " "
        else "['’]"
        if ch == "'"
        else re.escape(ch.lower() if fold else ch)
        for ch in alias
    ]


def _trie_regex(aliases: list[str], *, fold: bool) -> str:
    """The aliases as one regex whose alternatives share their prefixes: at each
    character the longer continuation is tried first (as longest-first alternation
    would), but a position is no longer tried against every alias in turn (a
    thousand aliases cost twice what five hundred did)."""
    trie: dict = {}
    for alias in aliases:
        node = trie
        for piece in _pieces(alias, fold=fold):
            node = node.setdefault(piece, {})
        node[""] = {}

    def regex(node: dict) -> str:
        branches = [piece + regex(child) for piece, child in node.items() if piece]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return regex(trie)


@functools.lru_cache(maxsize=4)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every alias, longest first (compiled once per alias list),
    with an optional force noun after it ("GNA forces"). Acronyms match in capitals."""
    nouns = "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(FORCE_NOUNS, key=len)[::-1]
    )
    words = [a for a in aliases if not _ACRONYM.fullmatch(a)]
    capitals = [a for a in aliases if _ACRONYM.fullmatch(a)]
    alternatives = [f"(?:{_trie_regex(words, fold=True)})"] if words else []
    if capitals:
        alternatives.append(f"(?-i:{_trie_regex(capitals, fold=False)})")
    return re.compile(
        r"(?<![\w-])(?P<alias>"
        + "|".join(alternatives)
        + rf")(?:\s+(?:{nouns}))?(?![\w-])",
        re.I,
    )


class ActorMatcher:
    """Actor names and aliases, longest first, case-insensitive, on word boundaries.

    Acronyms match in capitals only. An alias shared by a place-qualified actor
    ("Civilians (Idlib)") and others names the qualified one only where its place is
    named in the same text; elsewhere the unqualified actor, or none: victims in Hama
    are not labelled civilians of Idlib."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        rows = tuple(
            _Row(
                actor.pk, actor.name, actor.kind, actor.country_code, actor.parent_id,
                tuple(a for a in actor.aliases or [] if isinstance(a, str)),
            )
            for actor in actors
        )  # fmt: skip
        self._by_alias, self._pattern = _tables(rows)
        self._seen: dict[str, list[ActorMention]] = {}  # an article's sentences

    def find(self, text: str) -> list[ActorMention]:
        if text not in self._seen:
            self._seen[text] = self._find(text)
        return list(self._seen[text])

    def _actor(self, alias: str, text: str) -> "_Row | None":
        candidates = self._by_alias[" ".join(alias.split()).lower().replace("’", "'")]
        named = [
            a for a, needs in candidates if needs is not None and needs.search(text)
        ]
        plain = [a for a, needs in candidates if needs is None]
        chosen = named or plain
        return chosen[0] if chosen else None

    def _find(self, text: str) -> list[ActorMention]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            actor = self._actor(match.group("alias"), text)
            if actor is None:
                continue
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


@dataclass(frozen=True, slots=True)
class _Row:
    """What the matcher reads of an Actor row."""

    pk: int
    name: str
    kind: str
    country_code: str
    parent_id: int | None
    aliases: tuple[str, ...]


@functools.lru_cache(maxsize=4)
def _tables(
    rows: tuple[_Row, ...],
) -> tuple[dict[str, list[tuple[_Row, re.Pattern[str] | None]]], re.Pattern | None]:
    """The aliases' lookup table and pattern, built once per actor list (every
    article reads the same list; an edit in the admin makes another)."""
    by_alias: dict[str, list[tuple[_Row, re.Pattern[str] | None]]] = {}
    written: dict[str, str] = {}  # lower-case alias: as written (its case)
    for actor in rows:
        qualifier = _QUALIFIER.search(actor.name)
        place = qualifier.group(1).strip() if qualifier else ""
        names = [actor.name, *actor.aliases]
        variants = (
            v for n in names for v in _variants(" ".join(n.split()), actor.kind)
        )
        for name in variants:
            cleaned = name
            key = cleaned.lower()
            if len(key) < 2:
                continue
            # An alias naming the place itself ("people in Idlib") needs no check.
            needs = (
                re.compile(rf"(?<!\w){re.escape(place)}(?!\w)", re.I)
                if place and place.lower() not in key
                else None
            )
            candidates = by_alias.setdefault(key, [])
            if all(a.pk != actor.pk for a, _ in candidates):
                candidates.append((actor, needs))
            before = written.get(key)
            if before is None or (
                _ACRONYM.fullmatch(before) and not _ACRONYM.fullmatch(cleaned)
            ):
                written[key] = cleaned  # any spelling not in capitals: any case
    aliases = tuple(sorted(written.values(), key=lambda a: (-len(a), a.lower())))
    return by_alias, (_alias_pattern(aliases) if aliases else None)
