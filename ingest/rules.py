"""Keyword rules: event types (a cue and the hedges that cancel it).

Actor roles are in ingest/roles.py; attributed statements and their stances in
ingest/speakers.py."""

import re
from dataclasses import dataclass

from ingest.actors import ActorMention


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# ----------------------------------------------------------------------- event types
@dataclass(frozen=True, slots=True)
class TypeRule:
    slug: str
    trigger: re.Pattern[str]
    requires: re.Pattern[str] | None = None  # a second cue, anywhere in the clause
    needs_foreign_actor: bool = False


TYPE_RULES = [
    TypeRule(
        "government-regains-territory",
        _rx(
            r"\b(?:regain(?:ed|s)?|recaptur(?:ed|es?)|retook|retaken|retake|won back|"
            r"took back|back under (?:government|regime) control)\b"
        ),
    ),
    TypeRule(
        "non-state-actor-overtakes-territory",
        _rx(
            r"\b(?:captur(?:ed|es?)|seized?|took control of|overr?an|took over|"
            r"stormed|advanced into|entered the (?:town|village|city)|"
            r"(?:fell|fallen|falls) (?:in)?to (?:the )?(?:hands of )?(?:the )?"
            r"(?:opposition|rebels?|militants?|insurgents?)|"
            r"into (?:opposition|rebel|militant) hands)\b"
        ),
    ),
    TypeRule(
        "air-drone-strike",
        _rx(
            r"\b(?:sorties|air ?strikes?|air raids?|raids|bombing|bombed|warplanes?|"
            r"jets|drones? (?:strikes?|attacks?|hit|struck|targeted|bombed)|"
            r"airstrikes?|helicopters?|barrel bombs?|"
            r"aircraft|air attacks?|aerial (?:attacks?|bombardment))\b"
        ),
    ),
    TypeRule(
        "shelling-artillery-missile-attack",
        _rx(r"\b(?:shelling|shelled|artillery|rockets?|missiles?|mortars?)\b"),
    ),
    TypeRule(
        "offensive-launched",
        _rx(
            r"\b(?:launch(?:ed|es)? (?:an?|the|its|their) (?:\w+ )?offensive|"
            r"intensified (?:its|their) (?:attacks|assault|offensive)|"
            r"beg[au]n (?:an?|the|its) (?:\w+ )?offensive|offensive (?:began|started))\b"
        ),
    ),
    TypeRule(
        "agreement",
        _rx(
            r"\b(?:agreements?|de-?escalation zones?|cease-?fires?|truce|accord|deal)\b"
        ),
        requires=_rx(
            r"\b(?:sign(?:ed|s)?|reach(?:ed|es)?|struck|designated|"
            r"brokered|agreed)\b"
        ),
    ),
    TypeRule(
        "remote-explosive-landmine-ied",
        _rx(
            r"\b(?:explosive devices?|IEDs?|landmines?|land mines?|car bombs?|"
            r"roadside bombs?|booby-trapped|bomb (?:went off|exploded)|"
            r"explosion|blast|mine)\b"
        ),
    ),
    TypeRule(
        "peaceful-protest",
        _rx(
            r"\b(?:protests?|protested|protesters|demonstrations?|demonstrators|"
            r"demonstrated|took to the streets?|rall(?:y|ies|ied)|sit-in)\b"
        ),
    ),
    TypeRule(
        "explosions-remote-violence",
        _rx(r"\b(?:killed|wounded|injured|bombardment|bombs|destroyed|casualties)\b"),
    ),
    TypeRule(
        "violence-against-civilians",
        _rx(r"\b(?:executed|massacred?|abducted|kidnapped|tortured)\b"),
    ),
    TypeRule(
        "displacement",
        _rx(
            r"\b(?:refugees?|refugee waves|displaced|displacement|evacuated|"
            r"fled|exodus|swelled)\b"
        ),
    ),
    TypeRule(
        "change-to-group-activity",
        _rx(
            r"\b(?:deploy(?:ed|ing|s|ment)?|involved|involvement|intervening|"
            r"intervened|present|active|on the battlefield|there (?:are|were|is|"
            r"have been|has been) no)\b"
        ),
        needs_foreign_actor=True,
    ),
    TypeRule(
        "armed-clash",
        _rx(
            r"\b(?:clash(?:es|ed)?|fighting|battles?|fought|ambush(?:ed)?|"
            r"attack(?:ed|s)? (?:on )?(?:[\w-]+ ){0,3}(?:soldiers|troops|fighters|"
            r"patrols?|checkpoints?|positions|outposts?|members)|"
            r"thwarted (?:an? )?(?:\w+ )?attack)\b"
        ),
    ),
]
_HARM = _rx(r"\b(?:killed|wounded|injured)\b")
_NO_HARM = _rx(r"\bno (?:casualties|injuries|deaths|one was (?:killed|hurt|injured))\b")
_GROUND_FIRE = _rx(r"\b(?:shell(?:ing|ed|s)?|artillery|mortars?|rocket launchers?)\b")
# Intent, future, habit and supposition are not events ("seeks to recapture").
HEDGE = _rx(
    r"\b(?:seeks? to|seeking to|aims? to|aiming to|plans? to|planning to|plotting to|"
    r"intends? to|will|would|could|might|may|threaten(?:s|ed)? to|attempts? to|"
    r"trying to|tries to|try to|in order to|to prevent|frequently|repeatedly|regularly|"
    r"usually|often|is supposed to|are supposed to|vowed to|pledged to|"
    r"warn(?:s|ed)? (?:of|that|against)|preparing to|prepare to|expected to|"
    r"continues? to|continued to|unclear|not clear|whether|"
    r"(?:has|have) carried out (?:\d+|several|many|dozens|hundreds))\b"
)
_AS_ADJECTIVE = _rx(
    r"\s+(?:men|women|people|persons|civilians|families|children|residents|syrians|"
    r"man|woman|child|person|population|camps?)\b"
)
# The setting an agreement made, restated: "X is/falls within the de-escalation zone".
_DESCRIBED = _rx(
    r"\b(?:is|are|was|were|falls?|fell|lies|lie|lying|remains?|located)\s+"
    r"(?:with)?in\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:zone|area|agreement|deal)\b"
)
_TERRITORY = {"government-regains-territory", "non-state-actor-overtakes-territory"}
TERRITORY = frozenset(_TERRITORY)
_FOREIGN_KINDS = {"foreign_forces"}


@dataclass(frozen=True, slots=True)
class TypeMatch:
    slug: str
    start: int  # trigger position in the clause
    end: int


def is_foreign(mention: ActorMention, home_country: str = "SY") -> bool:
    if mention.kind in _FOREIGN_KINDS:
        return True
    return mention.kind == "state" and mention.country_code not in ("", home_country)


def classify(clause: str, actors: list[ActorMention]) -> list[TypeMatch]:
    """Event types a clause reports, most specific first; [] when it reports none."""
    found: list[TypeMatch] = []
    foreign = any(is_foreign(a) for a in actors)
    for rule in TYPE_RULES:
        match = rule.trigger.search(clause)
        if match is None:
            continue
        if rule.requires is not None and not rule.requires.search(clause):
            continue
        if rule.needs_foreign_actor and not foreign:
            continue
        if HEDGE.search(clause, max(0, match.start() - 60), match.end() + 25):
            continue  # "will attempt to capture", "aims to recapture"
        if rule.slug == "displacement":
            match = next(
                (m for m in rule.trigger.finditer(clause) if not _AS_ADJECTIVE.match(
                    clause, m.end()) or m.group(0).lower() != "displaced"),
                None,
            )  # fmt: skip
            if match is None:
                continue  # "two displaced men", "the influx of displaced civilians"
        if rule.slug == "agreement" and _DESCRIBED.search(clause):
            continue  # "X lies within the de-escalation zone": a restated setting
        found.append(TypeMatch(rule.slug, match.start(), match.end()))
    slugs = {m.slug for m in found}
    if slugs & _TERRITORY:  # a recapture "with the Russian army's involvement"
        found = [m for m in found if m.slug != "change-to-group-activity"]
    if "government-regains-territory" in slugs:
        found = [m for m in found if m.slug != "non-state-actor-overtakes-territory"]
    if _NO_HARM.search(clause):  # "No casualties have been reported"
        found = [m for m in found if m.slug != "explosions-remote-violence"]
    if _HARM.search(clause):  # "killed, wounded and displaced": violence first
        found = [m for m in found if m.slug != "displacement"]
    remote = {"air-drone-strike", "shelling-artillery-missile-attack"}
    if slugs & (remote | {"remote-explosive-landmine-ied"}):
        found = [m for m in found if m.slug != "explosions-remote-violence"]
    if slugs & remote:  # "an airstrike caused an explosion"
        found = [m for m in found if m.slug != "remote-explosive-landmine-ied"]
    if "air-drone-strike" in slugs and not _GROUND_FIRE.search(clause):
        # "warplanes fired missiles": one air strike, not a shelling too
        found = [m for m in found if m.slug != "shelling-artillery-missile-attack"]
    if slugs & (remote | {"remote-explosive-landmine-ied"} | _TERRITORY):
        found = [m for m in found if m.slug != "peaceful-protest"]
    if "armed-clash" in slugs:  # "killed in clashes", "attacked soldiers and wounded"
        found = [m for m in found if m.slug != "explosions-remote-violence"]
    if len(found) > 1:
        found = [m for m in found if m.slug != "armed-clash"]
    return found


def regain_by_rebels(actors: list[ActorMention], trigger: int) -> bool:
    """ "Rebels retook X": a recapture by non-state forces is a capture."""
    before = [a for a in actors if a.end <= trigger]
    return bool(before) and before[-1].kind in {"rebel_group", "rebel_coalition"}


def capture_by_government(
    clause: str, actors: list[ActorMention], trigger: int
) -> bool:
    """ "Regime forces captured X": a capture by state forces is a regain."""
    before = [a for a in actors if a.end <= trigger]
    return bool(before) and before[-1].kind in {"state_forces", "militia"}
