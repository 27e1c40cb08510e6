"""Fire that backs another act is no event of its own (issue 13: one sentence, two
event types; bench/twotypecauses.py counts them).

"Syrian troops backed by tanks and helicopters repelled a rebel attack", "forces,
supported by Russian air strikes, captured X", "with air cover", "under the cover of
artillery fire": the aircraft or the guns describe how the ground act was fought (its
means), so the clause reports the clash or the capture, not a second, air or shelling
event at the same place and day (LABELLING_GUIDE, part C: one event typed by the main
action; the dev labels keep no strike for any such phrase). A strike the clause tells
outside such a phrase ("their shelling killed 24"), or a clause whose only act is the
strike ("the army, backed by Russian airstrikes, continued striking positions"), keeps
its type; so does an airstrike "called in" (dev C03 labels it: it struck the place)."""

from ingest.kinds import rules, typerules
from ingest.reading import cues

_MEANS = (
    r"(?:warplanes?|(?:fighter )?jets|aircraft|helicopters?|gunships?|drones?|"
    r"air ?strikes?|air raids?|air power|aviation|air force|planes|tanks|artillery|"
    r"shelling|mortars?|rockets?|(?:heavy )?(?:artillery )?fire|bombardment)"
)
_FEW = r"(?:[\w'’.-]+\s+){0,6}?"
SUPPORT = cues.compiled(
    # "backed by tanks and helicopters", "supported by Russian air strikes"
    rf"\b(?:backed|supported|covered|aided|assisted|escorted|accompanied)\s+by\s+"
    rf"{_FEW}{_MEANS}(?:\s+(?:and|,)\s+{_FEW}{_MEANS})*|"
    # "with the support of Russian warplanes", "under the cover of heavy shelling"
    rf"\b(?:with|under)\s+(?:the\s+)?(?:support|backing|cover)\s+of\s+{_FEW}{_MEANS}|"
    # "with air cover", "close air support", "artillery backing"
    r"\b(?:air|aerial|artillery|helicopter|drone)\s+(?:cover|support|backing)\b"
)
MEANS_TYPES = frozenset({"air-drone-strike", "shelling-artillery-missile-attack"})
# The ground acts such fire backs.
GROUND_ACTS = frozenset(
    {
        "armed-clash",
        "attack",
        "non-state-actor-overtakes-territory",
        "government-regains-territory",
        "offensive-launched",
    }
)


def backing_spans(clause: str) -> list[tuple[int, int]]:
    """(start, end) of each phrase naming fire that backs another act."""
    if not cues.may_match(SUPPORT, cues.lowered(clause)):
        return []
    return [m.span() for m in SUPPORT.finditer(clause)]


def _ground_act(clause: str) -> bool:
    """A cue of a ground act fires in ``clause`` (before any precedence)."""
    lowered = cues.lowered(clause)
    return any(
        rule.slug in GROUND_ACTS
        and cues.may_match(rule.trigger, lowered)
        and rule.trigger.search(clause)
        for rule in typerules.TYPE_RULES
    )


def drop_backing(clause: str, typed: list, actors: list) -> list:
    """The clause's types (``typed``, TypeMatch) read without the fire that backs a
    ground act it reports: the clause is classified again with those phrases blanked
    out (same length, so cue positions hold), and that reading is kept when a strike
    type it had is gone and a ground act's cue fires. Else ``typed`` unchanged."""
    if not any(m.slug in MEANS_TYPES for m in typed):
        return typed
    spans = backing_spans(clause)
    if not spans:
        return typed
    blanked = clause
    for start, end in spans:
        blanked = blanked[:start] + " " * (end - start) + blanked[end:]
    without = rules.classify(blanked, actors)
    kept = {m.slug for m in without}
    if all(m.slug in kept for m in typed if m.slug in MEANS_TYPES):
        return typed  # every strike is named outside the backing phrases too
    if not _ground_act(blanked):
        return typed  # the strike is the clause's only act: it keeps its type
    return without
