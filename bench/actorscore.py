"""Whether a proposed actor stands for a labelled one: the bench's actor rule.

A labelled actor is read through the actor list (its name and aliases). Under the
corpus' state-vs-forces ruling (LABELLING_GUIDE, "A state and its forces"), a state
named as a side of an act of violence is that state's forces: a held-out label written
before the ruling ("Turkey" shelled) stands for the Turkish forces, and a proposal of
the state itself is not right for it. Agreements, protests and other non-violent acts
keep the state.
"""

import re

# Event types whose state stays the state (the extractor's own list of such acts,
# ingest.kinds.typerules._STATE_ACTS, read from the guide's ruling).
STATE_STAYS = frozenset(
    {"agreement", "non-violent-transfer-of-territory", "change-to-group-activity",
     "other", "peaceful-protest", "protest-with-intervention", "violent-demonstration",
     "displacement"}
)  # fmt: skip
# Words any party's name may hold: sharing only these says nothing about who it is
# ("Turkish armed forces" and "Kurdish forces").
GENERIC = frozenset(
    {"forces", "force", "armed", "army", "military", "troops", "soldiers",
     "government", "security", "fighters", "militants", "militia", "militias",
     "group", "groups", "units", "members", "men", "people", "local"}
)  # fmt: skip
_STOP = frozenset(
    {"the", "a", "an", "of", "in", "on", "at", "to", "and", "said", "says", "told",
     "from", "for", "with", "by", "its", "his", "her", "their", "according", "who",
     "that", "this"}
)  # fmt: skip


def tokens(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", (text or "").lower())
    return {w for w in words if len(w) > 2 and w not in _STOP}


def label_ids(name: str, event_type: str, matcher) -> set[int]:
    """The list's actors a label names; a state in an act of violence is its forces."""
    found = matcher.find(name)
    if event_type not in STATE_STAYS:
        found = matcher.as_forces(found)
        people = _PEOPLE.match(name)
        if not found and people:  # "Israeli", "Turkish": a state's adjective alone
            forces = matcher.forces_named(people.group(1))
            found = [forces] if forces else []
    return {m.actor_id for m in found}


# A label that is one capitalised word (a state's adjective, if the list says so).
_PEOPLE = re.compile(r"^(?:the\s+)?([A-Z][\w.]+)$")


def agrees(name: str, event_type: str, proposed, matcher) -> bool:
    """``proposed`` (a ProposedActor) is the labelled actor ``name``: the same actor of
    the list; else, where the list knows only one of the two (or the label is one of
    its generic words, "government forces", or both are civilians), the same
    distinctive word ("Turkish armed forces" and "Kurdish forces" share only
    "forces"). A state proposed for a side of violence is never right."""
    if LOOSE:
        return _loose(name, proposed, matcher)
    ids = label_ids(name, event_type, matcher)
    if proposed.actor_id in ids:
        return True
    _, kind = matcher.country_and_kind(proposed.actor_id)
    if kind == "state" and event_type not in STATE_STAYS:
        return False
    if proposed.actor_id and ids and not matcher.is_generic(name):
        kinds = {matcher.country_and_kind(i)[1] for i in ids}
        if not (kind == "civilians" and "civilians" in kinds):
            return False  # two different actors of the list
    label_words = tokens(name)
    # The words written, and the list's name for them ("gunmen": Unidentified armed
    # group, for "unidentified men"), less a state's adjective ("Syrian" names both
    # sides of Syria's war).
    listed = tokens(proposed.name) if proposed.actor_id else set()
    words = tokens(proposed.text) | {
        w for w in listed if matcher.forces_named(w) is None
    }
    if label_words - GENERIC:  # "Army" alone is compared whole
        return bool((label_words - GENERIC) & (words - GENERIC))
    return bool(label_words & words)


# Set by ``ingestbench.py --loose-actors``: the reading of every actor number published
# before 7 December 2026 (the list's actor as found, or any shared word).
LOOSE = False


def _loose(name: str, proposed, matcher) -> bool:
    ids = {m.actor_id for m in matcher.find(name)}
    label_words = tokens(name)
    return proposed.actor_id in ids or bool(
        label_words and label_words & tokens(proposed.text)
    )
