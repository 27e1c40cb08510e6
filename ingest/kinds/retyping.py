"""A type cue's match read again in its clause (ingest/kinds/rules.py's classify applies
these): troops shot are a clash, strikes "executed by" jets no execution, a patrol that
drives in an incursion, a building stormed an attack on the people in it. Split from
ingest/kinds/rules.py."""

from ingest.kinds import hedges, typecues
from ingest.kinds.typerules import TypeMatch
from ingest.reading import cues

_CIVILIAN = cues.compiled(
    r"\b(?:civilians?|children|child|women|residents|people|family)\b"
)


_SHOOTING = cues.compiled(r"^(?:shot|killed|gunned)\b")
_KILLING = cues.compiled(r"^(?:shot|gunned down|assassinat)")
_SHOT_BEFORE = cues.compiled(
    r"\b(?:soldiers?|troops|fighters?|members|servicemen|policem[ae]n|"
    r"guards?|personnel)\b(?:(?!\b(?:and|but|while)\b)[^,;])*$"
)


def _shot_combatants(clause: str, match: "TypeMatch") -> "TypeMatch":
    """ "two soldiers were shot dead": gunmen against troops are a clash (guide)."""
    if match.slug != "attack":
        return match
    if _KILLING.match(clause[match.start : match.end]) and typecues.security_victim(
        clause, match.end
    ):  # "gunmen assassinated a police colonel": against the security forces
        return TypeMatch("armed-clash", match.start, match.end)
    if not _SHOOTING.match(clause[match.start : match.end]):
        return match
    before = clause[max(0, match.start - 50) : match.start]
    if _SHOT_BEFORE.search(before) and not _CIVILIAN.search(before):
        return TypeMatch("armed-clash", match.start, match.end)
    return match


# "the airstrikes which were executed by US jets": strikes carried out, no execution.
_STRIKE_CARRIED_OUT = cues.compiled(
    r"\b(?:air ?strikes?|strikes?|raids?|attacks?|operations?|assaults?|bombardments?|"
    r"shelling)\s+(?:(?:which|that)\s+)?(?:were|was|(?:had|have|has)\s+been)\s+$"
)


_BY_AIRCRAFT = cues.compiled(
    r"\s+by\s+(?:[\w-]+\s+){0,3}?(?:fighter jets|jets|warplanes|aircraft|drones|"
    r"helicopters|planes)\b"
)


def _strike_executed(clause: str, match: "TypeMatch") -> bool:
    if match.slug != "violence-against-civilians":
        return False
    if not clause[match.start : match.end].lower().startswith("execut"):
        return False
    if _STRIKE_CARRIED_OUT.search(clause[max(0, match.start - 50) : match.start]):
        return True
    # a relative clause split off its noun: "were executed by US fighter jets"
    return bool(_BY_AIRCRAFT.match(clause, match.end))


# A patrol or a column of vehicles that drives into a village and leaves (an
# incursion, "a three-vehicle patrol advanced into the towns of A and B") takes no
# ground: ACLED's strategic development, not a capture.
_INCURSION = cues.compiled(r"\bincursions?\b")
_PATROL_BEFORE = cues.compiled(
    r"\b(?:patrols?|(?:\w+-)?vehicles?|humvees?|convoys?|incursions?)\b"
    r"(?:(?!\b(?:and|but|while|as)\b)[^.;])*$"
)
# Troops who enter a town to search it raid it (ACLED's strategic development), they
# take no ground: "troops entered the town around midnight, searched several homes".
_RAID_AFTER = cues.compiled(
    r"\b(?:search(?:ed|ing)|raid(?:ed|ing)|ransack(?:ed|ing)|"
    r"inspect(?:ed|ing)|comb(?:ed|ing))\b"
)
# "the rebels backed by Turkish tanks advanced into them": fighters who take ground.
_BACKED_BY = cues.compiled(r"\b(?:backed|supported|covered|escorted) by\b")
_ENTERING = cues.compiled(r"^(?:advanced into|entered the (?:town|village|city))$")


def _incursion(clause: str, match: "TypeMatch") -> "TypeMatch":
    """ "an Israeli patrol advanced into the towns of A and B": an incursion."""
    if match.slug != "non-state-actor-overtakes-territory":
        return match
    if not _ENTERING.match(clause[match.start : match.end]):
        return match
    before = clause[max(0, match.start - 60) : match.start]
    if _BACKED_BY.search(before):
        return match
    if _PATROL_BEFORE.search(before) or _INCURSION.search(clause):
        return TypeMatch("other", match.start, match.end)
    if _RAID_AFTER.search(clause, match.end):
        return TypeMatch("other", match.start, match.end)  # a raid: searched, left
    return match


def _stormed_building(clause: str, match: "TypeMatch") -> "TypeMatch":
    """ "gunmen stormed the Bethel Baptist High School": an attack on the people in a
    building (ACLED), not a capture of ground."""
    if match.slug not in _TERRITORY:
        return match
    if not hedges.STORMED.match(clause[match.start : match.end]):
        return match
    if not hedges.BUILDING.match(clause, match.end):
        return match
    return TypeMatch("attack", match.start, match.end)


_TERRITORY = set(hedges.TERRITORY)
