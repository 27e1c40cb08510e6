"""Find the known actors (names and their admin-editable aliases) named in a sentence."""

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from events.models import Actor
from ingest.reading import cues
from ingest.reading.words import PEOPLE_ADJECTIVES


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
        cues.guarded(
            r"(?<![\w-])(?P<alias>"
            + "|".join(alternatives)
            + rf")(?:\s+(?:{nouns}))?(?![\w-])"
        ),
        re.I,
    )


class ActorMatcher:
    """Actor names and aliases, longest first, case-insensitive, on word boundaries.

    Acronyms match in capitals only. An alias shared by a place-qualified actor
    ("Civilians (Idlib)") and others names the qualified one only where its place is
    named in the same text; elsewhere the unqualified actor, or none: victims in Hama
    are not labelled civilians of Idlib."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._read(
            tuple(
                (
                    actor.pk, actor.name, actor.kind, actor.country_code,
                    actor.parent_id, actor.aliases,
                )
                for actor in actors
            )
        )  # fmt: skip

    @classmethod
    def of_queryset(cls, actors: QuerySet[Actor]) -> "ActorMatcher":
        """The matcher of the actors ``actors`` selects, read as values (no model
        instances: what ingest does once per article)."""
        matcher = cls.__new__(cls)
        matcher._read(tuple(actors.values_list(*_FIELDS)))
        return matcher

    def _read(self, values: tuple[tuple, ...]) -> None:
        """The tables of the rows ``values`` (each _FIELDS), built once per list."""
        listed = _listed(tuple((*v[:5], _aliases(v[5])) for v in values))
        self._by_alias, self._pattern = listed.tables
        self._generic, self._nationality = listed.others
        self._rows, self._forces = listed.rows, listed.forces
        self._seen: dict[str, list[ActorMention]] = {}  # an article's sentences

    def find(self, text: str) -> list[ActorMention]:
        if text not in self._seen:
            self._seen[text] = self._find(text)
        return list(self._seen[text])

    def is_generic(self, text: str) -> bool:
        """Whether ``text`` is one of the list's generic words ("rebels")."""
        return " ".join(text.split()).lower().replace("’", "'") in self._generic

    def as_forces(self, found: list[ActorMention]) -> list[ActorMention]:
        """ "Russia took control of the village", "Israel launched air strikes": a
        state named as the doer of violence is its armed forces (ACLED's "Military
        Forces of X"), its wording kept; a state that signs an agreement stays the
        state (the caller decides which events)."""
        result = []
        for mention in found:
            forces = self._forces.get(mention.country_code)
            if mention.kind == "state" and forces is not None:
                mention = ActorMention(
                    forces.pk, forces.name, forces.kind, forces.country_code,
                    forces.parent_id, mention.text, mention.start, mention.end,
                )  # fmt: skip
            result.append(mention)
        return result

    def forces_named(self, adjective: str) -> "ActorMention | None":
        """The armed forces of the state whose adjective ``adjective`` is ("Russian",
        "Israeli"), as a mention without a span; None for no state's adjective."""
        country = self._nationality.get(adjective.lower().rstrip("."))
        row = self._forces.get(country) if country else None
        if row is None:
            return None
        return ActorMention(
            row.pk, row.name, row.kind, row.country_code, row.parent_id, adjective, 0, 0
        )

    def country_and_kind(self, actor_id: int) -> tuple[str, str]:
        row = self._rows.get(actor_id)
        return (row.country_code, row.kind) if row else ("", "")

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
            if actor is None or self._names_other_group(match, actor, text):
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

    def _names_other_group(self, match: re.Match, actor: "_Row", text: str) -> bool:
        """A generic word of the list ("rebels", "government forces") after a name
        the list does not know ("M23 rebels", "Kachin militants") or another country's
        adjective ("Congolese rebels" are not Syria's): another group, left to the
        editor as a new actor (ingest.actors.newactors) instead of a wrong party."""
        alias = " ".join(match.group("alias").split()).lower().replace("’", "'")
        if alias not in self._generic:
            return False
        before = _NAME_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if before is None:
            return False
        word = before.group(1).lower()
        # A state's adjective first: "Congolese" is a people's adjective too, and
        # "Congolese rebels" are still not Syria's.
        country = self._nationality.get(word.rstrip("."))
        if country:
            return bool(actor.country_code) and country != actor.country_code
        if word in _NO_NAME or word in PEOPLE_ADJECTIVES or _NO_NAME_RX.match(word):
            return False
        # A group's code ("M23", "ADF") or a people's adjective ("Ambazonian",
        # "Fulani"); not a place ("Damascus government forces", "Idlib rebels").
        return bool(_GROUP_WORD.search(before.group(1)))


# The capitalised word or code ("M23") right before a match.
_NAME_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’.-]*|[a-z]*\d[\w-]*)\s+$")
_GROUP_WORD = re.compile(r"[A-Za-z]\d|\d[A-Za-z]|^[A-Z]{2,}$|(?:an|ese|ish|i)$")
# Capitalised words that start a sentence or count, and name no group.
_NO_NAME = frozenset(
    {"the", "a", "an", "some", "other", "many", "several", "all", "both", "most",
     "two", "three", "four", "five", "six", "dozens", "hundreds", "thousands",
     "unknown", "unidentified", "armed", "local", "meanwhile", "later", "earlier",
     "then", "also", "when", "as", "after", "before", "while", "but", "and", "or",
     "if", "islamist", "jihadist", "suspected", "rival", "allied", "pro", "anti",
     "these", "those", "their", "its", "his", "her", "our", "where", "since"}
)  # fmt: skip
_NO_NAME_RX = re.compile(
    r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december)$|^pro-|^anti-"
)
# "Syrian troops", "Congolese forces": a state's adjective, read off its forces' aliases.
_STATE_ALIAS = re.compile(
    r"^([A-Z][a-z]+|U\.S\.|US)\s+(?:forces|troops|army|military|soldiers)$"
)


@functools.lru_cache(maxsize=4)
def _others(rows: tuple["_Row", ...]) -> tuple[frozenset[str], dict[str, str]]:
    """The generic aliases (written in lower case, not of civilians) and the states'
    adjectives with their country codes, built once per actor list."""
    generic, nationality = set(), {}
    for actor in rows:
        for alias in (actor.name, *actor.aliases):
            alias = " ".join(alias.split())
            state = _STATE_ALIAS.match(alias)
            if state and actor.country_code and actor.kind in _STATE_KINDS:
                nationality.setdefault(
                    state.group(1).lower().rstrip("."), actor.country_code
                )
            if actor.kind != "civilians" and alias == alias.lower():
                generic.update(
                    v.lower().replace("’", "'") for v in _variants(alias, actor.kind)
                )
    return frozenset(generic), nationality


_STATE_KINDS = frozenset({"state_forces", "foreign_forces"})


@dataclass(frozen=True, slots=True)
class _Row:
    """What the matcher reads of an Actor row."""

    pk: int
    name: str
    kind: str
    country_code: str
    parent_id: int | None
    aliases: tuple[str, ...]


# What the matcher reads of an Actor row, in _Row's order.
_FIELDS = ("pk", "name", "kind", "country_code", "parent_id", "aliases")


def _aliases(aliases) -> tuple[str, ...]:
    """The texts of a row's aliases list (other JSON values left out); filtered in C:
    every article reads every row's list."""
    return tuple(filter(str.__instancecheck__, aliases)) if aliases else ()


@dataclass(frozen=True)
class _Listed:
    """An actor list's tables (shared by the matchers of one list)."""

    tables: tuple
    others: tuple
    rows: dict[int, _Row]
    # A state's own armed forces: its first top-level row of forces (at home or
    # abroad: Russia's in Syria are "foreign_forces").
    forces: dict[str, _Row]


@functools.lru_cache(maxsize=4)
def _listed(values: tuple[tuple, ...]) -> _Listed:
    """Built once per actor list: the key is the rows' plain values, hashed and
    compared in C (every article reads the same list; an edit in the admin makes
    another)."""
    rows = tuple(_Row(*v) for v in values)
    forces: dict[str, _Row] = {}
    for row in rows:
        if (
            row.kind in ("state_forces", "foreign_forces")
            and row.parent_id is None
            and row.country_code
        ):
            forces.setdefault(row.country_code, row)
    return _Listed(_tables(rows), _others(rows), {row.pk: row for row in rows}, forces)


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
