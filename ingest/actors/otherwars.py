"""A war's generic words on a report read in another country: "rebels" in the Central
African Republic are not Syria's armed opposition, and "the army" there is the Central
African armed forces."""

import functools
import re

from countryinfo import all_countries

from ingest.actors.actors import ActorMatcher, ActorMention
from ingest.country import country as article_country
from ingest.proposal import ProposedActor

_STATE_KINDS = frozenset({"state_forces", "state"})
# A doer the list does not know, written as a state's generic forces ("the army",
# "soldiers", "government troops"): the report's country's forces.
_STATE_PHRASE = re.compile(
    r"^(?:the\s+)?(?:(?:government|security|state|national)\s+)?"
    r"(?:army|military|forces|troops|soldiers|armed\s+forces)$",
    re.I,
)


def localise(events: list, matcher: ActorMatcher, country: str, text: str) -> None:
    """On a report read in ``country`` (not the home country, GAZETTEER_COUNTRIES'
    first), an actor of the
    list that belongs to another country and is named only by one of the list's
    generic words ("rebels", "government forces") becomes that country's: its forces
    where the list has them (a state's side), else a new actor named after the word and
    the country ("Rebels (Central African Republic)") for the editor. A name written
    out ("Syrian army", "Russian forces") and foreign forces ("the coalition") stay.
    A new actor that is a state's generic forces ("the army") becomes the country's
    forces where the list has them. A report whose ``text`` names the actor's own
    country ("Syria", "Syrian") keeps it: that war is told there too. The names only:
    the events and their confidence are left as they are."""
    if not country or country == article_country.configured()[0]:
        return
    where = article_country.name_of(country)
    forces = matcher.as_forces([ActorMention(0, "", "state", country, None, "", 0, 0)])[
        0
    ]
    own_forces = forces if forces.actor_id else None
    for event in events:
        kept, moved, changed = [], [], False
        for actor in event.actors:
            own, kind = matcher.country_and_kind(actor.actor_id)
            # named out, or at home, or foreign forces (abroad by their nature)
            mine = not own or own == country or kind == "foreign_forces"
            if mine or _names(own, text) or not matcher.is_generic(actor.text):
                kept.append(actor)
            elif kind in _STATE_KINDS and own_forces is not None:
                kept.append(_as(own_forces, actor))
                changed = True
            else:
                moved.append(_new(actor, kind, where))
                changed = True
        new = []
        for actor in event.new_actors:
            if own_forces is not None and _STATE_PHRASE.match(actor.text.strip()):
                kept.append(_as(own_forces, actor))
                changed = True
            else:
                new.append(actor)
        if changed:
            event.rule += f"; generic actor words read as {where}'s"
        event.actors = _unique(kept)
        event.new_actors = _unique(new + moved)


def _as(row: ActorMention, actor: ProposedActor) -> ProposedActor:
    return ProposedActor(row.actor_id, row.name, actor.role, actor.text)


# The country's generic party of a side, named at read time (no row of the list).
_SIDE_NAMES = {
    "rebel_coalition": "Rebels", "rebel_group": "Rebels", "militia": "Militias",
    "identity_militia": "Militias", "state_forces": "Government forces",
    "state": "Government forces",
}  # fmt: skip


def _new(actor: ProposedActor, kind: str, where: str) -> ProposedActor:
    words = " ".join(actor.text.split())
    side = _SIDE_NAMES.get(kind) or f"{words[:1].upper()}{words[1:]}"
    return ProposedActor(0, f"{side} ({where})", actor.role, actor.text)


def _unique(found: list[ProposedActor]) -> list[ProposedActor]:
    seen, result = set(), []
    for actor in found:
        key = (actor.actor_id, actor.name, actor.role)
        if key not in seen:
            seen.add(key)
            result.append(actor)
    return result


def _names(code: str, text: str) -> bool:
    """Whether ``text`` names the country ``code`` or its people's adjective."""
    return bool(text) and _country_words(code).search(text) is not None


@functools.cache
def _country_words(code: str) -> re.Pattern[str]:
    words = {article_country.name_of(code)}
    for country in all_countries():
        if (country.iso(2) or "").upper() == code:
            words.update(w.strip() for w in (country.demonym() or "").split(","))
    alternatives = "|".join(re.escape(w) for w in sorted(words - {""}, key=len)[::-1])
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
