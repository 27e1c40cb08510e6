"""Type cues that mean another type, or none, in their sentence (issue 13: the event
type on unseen reports; see bench/typecauses.py for the classes these fix).

- People who leave a spot ("fled the scene", "as people fled the buildings"), people
  described by the war ("Syrians displaced by the conflict"), a population's totals
  ("most of Gaza's population have fled their homes") are no displacement of the day
  (LABELLING_GUIDE, part C: displacement statistics are not events). Evacuations stay
  displacement: the seed article's is one.
- A toll with a ground assault and no weapon of remote violence ("124 were killed in
  the RSF raid", "15 people were killed, and the village's market torched", "attacked
  the town of X, leaving 35 people dead") is ACLED's attack on civilians, not a
  generic explosion toll.
- A cue named as the cause of a retaliation ("in retaliation for ... massacres") is
  not the act reported.
- Police or soldiers named as the ones shot or assassinated: gunmen against security
  forces are a clash (LABELLING_GUIDE, part B)."""

import re

from ingest.reading import cues

# ---------------------------------------------------------------------- displacement
_LEFT_A_SPOT = cues.compiled(
    r"\s+(?:from\s+)?(?:the\s+)?(?:scene|spot|site|buildings?|house|vehicle|car|"
    r"premises|checkpoint)\b|\s+on\s+foot\b"
)
_BY_THE_WAR = cues.compiled(
    r"\s+by\s+(?:the\s+)?(?:[\w-]+\s+)?(?:conflict|war|fighting|violence|crisis)\b"
)
# "Most of the population have fled their homes, many displaced multiple times".
_TOTALS = cues.compiled(
    r"\b(?:(?:most|much|half|the majority) of|multiple times|many times)\b"
)


def not_displacement(clause: str, start: int, end: int) -> bool:
    """The displacement cue at ``start:end`` tells no people displaced that day."""
    cue = clause[start:end].lower()
    if cue in {"fled", "fleeing"} and _LEFT_A_SPOT.match(clause, end):
        return True  # "placed the bomb and fled the scene"
    if cue == "displaced" and _BY_THE_WAR.match(clause, end):
        return True  # "a camp housing Syrians displaced by the conflict"
    return cue in {"fled", "displaced"} and bool(_TOTALS.search(clause))


# ------------------------------------------------------------- assault on the people
# Ground acts only: an "attack" alone may be an air strike the sentence does not name.
_ASSAULT = cues.compiled(
    r"\b(?:raid(?:ed|s)?|stormed|torch(?:ed|ing)|set (?:alight|ablaze|on fire)|"
    r"burn(?:ed|t) (?:down )?)\b"
)
_REMOTE = cues.compiled(
    r"\b(?:air|aerial|warplanes?|jets?|drones?|bomb\w*|shell\w*|artillery|mortars?|"
    r"rockets?|missiles?|strikes?|explosi\w+|blasts?|mines?|IEDs?|grenades?|"
    r"targeted|targeting)\b"
)
_COMBATANT_VICTIMS = cues.compiled(
    r"\b(?:soldiers?|troops|fighters?|militants?|rebels?|terrorists|militiamen|"
    r"gunmen|servicemen|insurgents|jihadists|policem[ae]n|police officers?|"
    r"personnel|guards?|positions|bases?|posts?|checkpoints?|patrols?)\b"
)
# "attacked the town of X, leaving 35 people dead": a toll told with "dead".
_LEFT_DEAD = cues.compiled(
    r"\bleaving\s+(?:[\w-]+\s+){0,4}(?:people|civilians|villagers|residents|persons)"
    r"\s+dead\b"
)
_ATTACKED_PLACE = cues.compiled(
    r"\battack(?:ed|s)?\s+(?:on\s+)?the\s+(?:towns?|villages?|hamlets?)\s+of\b"
)


def assault_on_people(clause: str) -> re.Match[str] | None:
    """The ground assault of a toll ("124 were killed in the RSF raid", "15 people
    were killed, and the village's market torched"): no weapon of remote violence
    and no combatant named; else None."""
    if _REMOTE.search(clause) or _COMBATANT_VICTIMS.search(clause):
        return None
    return _ASSAULT.search(clause)


def attacked_place_left_dead(clause: str) -> re.Match[str] | None:
    """ "attacked the town of X, leaving more than 35 people dead": a place
    attacked and people left dead, with no weapon of remote violence."""
    if _REMOTE.search(clause) or not _LEFT_DEAD.search(clause):
        return None
    return _ATTACKED_PLACE.search(clause)


# "a massive mortar attack on the border village of X": the weapon names the type.
_WEAPON_BEFORE = cues.compiled(
    r"\b(?:mortar|rocket|missile|artillery|shelling|drone|air|aerial|bomb|grenade)s?"
    r"\s+$"
)


def weapon_attack(clause: str, start: int) -> bool:
    """The "attack" cue at ``start`` is a weapon's attack ("mortar attack on")."""
    return bool(_WEAPON_BEFORE.search(clause[max(0, start - 30) : start]))


# ----------------------------------------------------------------------- retaliation
_RETALIATION_FOR = cues.compiled(
    r"\b(?:retaliation|revenge|reprisal|vengeance)\s+(?:for|against)\s+"
    r"(?:[\"“'‘]?[\w'’-]+\s+){0,3}[\"“'‘]?$|\bto\s+avenge\s+(?:[\w'’-]+\s+){0,3}$"
)


def told_as_cause(clause: str, start: int) -> bool:
    """The cue is what a retaliation answers ("in retaliation for "immorality and
    massacres""), not the act reported."""
    return bool(_RETALIATION_FOR.search(clause[max(0, start - 60) : start]))


# -------------------------------------------------------------- security forces shot
_SECURITY_VICTIM = cues.compiled(
    r"\s+(?:an?\s+|the\s+|two\s+|three\s+|\d+\s+)?(?:senior\s+|local\s+)?"
    r"(?:police|army|military|security|intelligence)\s+(?:colonel|officers?|"
    r"commanders?|generals?|captains?|majors?|chiefs?|officials?)\b|"
    r"\s+(?:an?\s+|the\s+|two\s+|three\s+|\d+\s+)?(?:soldiers?|policem[ae]n|"
    r"troops)\b"
)


def security_victim(clause: str, end: int) -> bool:
    """ "gunmen assassinated a police colonel": the one shot is of the security
    forces."""
    return bool(_SECURITY_VICTIM.match(clause, end))
