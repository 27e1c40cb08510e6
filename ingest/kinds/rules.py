"""Keyword rules: event types (a cue and the hedges that cancel it).

The cue table is in ingest/kinds/typerules.py, a match read again in its clause in
ingest/kinds/retyping.py; ``classify`` here applies them in one order. Restated earlier
news is told apart in ingest/kinds/background.py, actor roles in ingest/actors/roles.py,
attributed statements and their stances in ingest/statements/speakers.py."""

import re

from ingest.actors.actors import ActorMention
from ingest.kinds import hedges, plainshapes, typecues, weaponcues
from ingest.kinds.retyping import (
    _CIVILIAN,
    _TERRITORY,
    _incursion,
    _shot_combatants,
    _stormed_building,
    _strike_executed,
)
from ingest.kinds.typerules import _EXCHANGE, TYPE_RULES, TypeMatch
from ingest.reading import cues

_HARM = cues.compiled(r"\b(?:killed|wounded|injured)\b")
# Homes set on fire: the flight it causes is part of that attack ("Residents fled as
# the armed group set alight to homes").
_ARSON = cues.compiled(
    r"\b(?:set (?:alight|fire|ablaze)|torch(?:ed|ing)|burn(?:ed|t|ing) (?:down )?"
    r"(?:[\w-]+ ){0,2}(?:homes|houses|huts|villages?|shops|buildings))\b"
)
# "No casualties", "there were no reports of any casualties in the raid"
_NO_HARM = cues.compiled(
    r"\bno (?:(?:reports?|word|news) of (?:any )?)?(?:casualties|injuries|deaths)\b|"
    r"\bno one was (?:killed|hurt|injured)\b"
)
_GROUND_FIRE = cues.compiled(
    r"\b(?:shell(?:ing|ed|s)?|artillery|mortars?|rocket launchers?)\b"
)
# "The victory comes three days after rebels seized X": X is the earlier news.
EARLIER = cues.compiled(
    r"\b(?:comes?|came|coming) (?:just |only |nearly |almost |about |some |mere )?"
    r"(?:(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a few|few|"
    r"several) )?(?:hours?|days?|weeks?|months?|years?) )?(?:after|since)\b"
)
# "This came after regime forces clashed with rebels at X": the cause, told in this
# report as its own news (no time between them), not earlier news.
_CAUSE_TOLD = cues.compiled(
    r"^\W*(?:this|that|it)\s+(?:comes?|came)\s+(?:after|since)$"
)


def earlier_news(text: str, end: int | None = None) -> re.Match[str] | None:
    """The first "comes three days after" before ``end`` that introduces earlier
    news (see EARLIER)."""
    for match in EARLIER.finditer(text, 0, len(text) if end is None else end):
        if not _CAUSE_TOLD.match(text, 0, match.end()):
            return match
    return None


# A toll of fighters with no weapon named is the fighting's toll (ACLED: a clash).
_COMBATANTS = cues.compiled(
    r"\b(?:soldiers?|troops|fighters?|militants?|rebels?|terrorists|militiamen|"
    r"members of|(?:[A-Z]{2,5}|army|military|security) (?:members|personnel)|"
    r"gunmen|servicemen|insurgents|jihadists)\b"
)
_BY_GUNMEN = cues.compiled(
    r"\b(?:killed|shot(?: dead)?|assassinated) by (?:\w+ ){0,2}(?:gunmen|assailants|"
    r"armed men)\b"
)
_REMOTE_CUE = cues.compiled(
    r"\b(?:targeted|targeting|explosions?|blasts?|bomb\w*|shell\w*|strikes?|raids?|"
    r"mines?|IEDs?|drones?|missiles?|rockets?|mortars?|artillery)\b"
)
_AS_ADJECTIVE = cues.compiled(
    r"\s+(?:men|women|people|persons|civilians|families|children|residents|syrians|"
    r"man|woman|child|person|populations?|households|communities|camps?)\b"
)
# The setting an agreement made, restated: "X is/falls within the de-escalation zone".
_DESCRIBED = cues.compiled(
    r"\b(?:is|are|was|were|falls?|fell|lies|lie|lying|remains?|located)\s+"
    r"(?:with)?in\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:zone|area|agreement|deal)\b"
)
_EXCHANGE_RX = cues.compiled(rf"\b(?:{_EXCHANGE})\b")
# An aircraft that "shelled" or "bombarded": the verb of an air strike, no ground fire.
_AIR_SUBJECT = cues.compiled(
    r"\b(?:warplanes?|jets?|aircraft|helicopters?|drones?|planes?)\s+(?:\w+\s+){0,2}$"
)
# A deal named as the setting, not made now: "a U.N.-brokered ceasefire" (participle
# as adjective), "breaking a four-month truce", "violations of the ceasefire".
_DEAL_BROKEN = cues.compiled(
    r"\b(?:break(?:s|ing)?|broke(?:n)?|breach(?:es|ed|ing)?|violat(?:e|es|ed|ing|ions?)|"
    r"splinter(?:s|ed|ing)?|shatter(?:s|ed|ing)?|collaps(?:e|es|ed|ing)|undermin\w+|"
    r"despite|in spite of|\w+-(?:day|week|month|year)-old|"
    # an existing deal described: "the ceasefire agreed then had managed to hold"
    r"(?:managed to |continues? to |failed to )?(?:hold|held|holding)|fragile|shaky|"
    r"existing|previous|agreed (?:then|earlier|last))\b"
)
# Fighting told as its own happening beside a strike: "rockets killed 14 as fighting
# intensified for the city" (a clash and a shelling).
_CLASH_OF_ITS_OWN = cues.compiled(
    r"\b(?:fighting|clashes|battles?) (?:intensified|erupted|broke out|raged|"
    r"escalated|flared|resumed)\b|"
    # "The shelling followed clashes between the RSF and the army on Sunday": the
    # two sides named, a fight of its own (ACLED: its own event)
    r"\b(?:clashes|fighting|battles?) between\b"
)


GENERIC_TOLL = "explosions-remote-violence"


# "the safe return of Syrian refugees": people coming back, no one displaced now.
_RETURN = cues.compiled(r"\breturn(?:s|ed|ing)?\b(?:\s+of)?(?:\s+[\w-]+){0,3}\s*$")
_VIOLENCE = _TERRITORY | {
    "air-drone-strike", "shelling-artillery-missile-attack", "armed-clash",
    "remote-explosive-landmine-ied", "explosions-remote-violence",
    "violence-against-civilians", "attack",
}  # fmt: skip
# Fighters who fled withdrew; no civilians were displaced ("the enemy ... fled").
_COMBATANTS_FLED = cues.compiled(
    r"\b(?:enemy|fighters|militants|troops|soldiers|gunmen|terrorists|militiamen)\b"
)
TERRITORY = hedges.TERRITORY
_FOREIGN_KINDS = {"foreign_forces"}


def _ground_fire(clause: str, outside: tuple[int, int] = (0, 0)) -> bool:
    """Ground fire named in the clause: not the verb of an aircraft ("warplanes
    shelled") nor inside the span ``outside`` (an exchange of fire)."""
    return any(
        not outside[0] <= m.start() < outside[1]
        and not _AIR_SUBJECT.search(clause[max(0, m.start() - 40) : m.start()])
        for m in _GROUND_FIRE.finditer(clause)
    )


def is_foreign(mention: ActorMention, home_country: str = "SY") -> bool:
    if mention.kind in _FOREIGN_KINDS:
        return True
    return mention.kind == "state" and mention.country_code not in ("", home_country)


# What a story's opening sentence frames as going on, hedged or not ("Turkish-backed
# forces continue to bombard areas near Ain Issa"): the violence its detail tells.
FRAMED = frozenset(
    {"air-drone-strike", "shelling-artillery-missile-attack", "armed-clash", "attack"}
)


def framing(clause: str, actors: list[ActorMention]) -> tuple[str, list[ActorMention]]:
    """(type, actors named before its cue) of the violence a clause frames, even as
    ongoing or habitual; ("", []) when it names none with an armed actor before it."""
    for rule in TYPE_RULES:
        if rule.slug not in FRAMED:
            continue
        match = rule.trigger.search(clause)
        if match is None:
            continue
        doers = [a for a in actors if a.end <= match.start() and a.kind != "civilians"]
        return (rule.slug, doers) if doers else ("", [])
    return "", []


def classify(clause: str, actors: list[ActorMention]) -> list[TypeMatch]:
    """Event types a clause reports, most specific first; [] when it reports none."""
    found: list[TypeMatch] = []
    foreign = any(is_foreign(a) for a in actors)
    earlier = earlier_news(clause)
    lowered = cues.lowered(clause)
    for rule in TYPE_RULES:
        if not cues.may_match(rule.trigger, lowered):
            continue  # none of the cue's words: no scan needed to know it is absent
        if rule.requires is not None and not any(
            m.start() == 0 or clause[m.start() - 1] != "-"  # "U.N.-brokered"
            for m in rule.requires.finditer(clause)
        ):
            continue
        if rule.needs_foreign_actor and not foreign:
            continue
        match = next(
            (
                m
                for m in rule.trigger.finditer(clause)
                if hedges.reported(clause, m, rule.slug)
                and not typecues.told_as_cause(clause, m.start())
                and not (
                    rule.slug == "attack" and typecues.weapon_attack(clause, m.start())
                )
            ),
            None,
        )
        if match is None:
            continue  # "will attempt to capture", "aims to recapture"
        if earlier is not None and earlier.end() <= match.start():
            continue  # "... comes three days after rebels seized X"
        if rule.slug == "displacement":
            match = next(
                (m for m in rule.trigger.finditer(clause) if (not _AS_ADJECTIVE.match(
                    clause, m.end()) or m.group(0).lower() != "displaced")
                    and not _RETURN.search(clause[max(0, m.start() - 40):m.start()])
                    and not typecues.not_displacement(clause, m.start(), m.end())),
                None,
            )  # fmt: skip
            if match is None:
                continue  # "two displaced men", "the influx of displaced civilians"
        if rule.slug == "agreement" and _DESCRIBED.search(clause):
            continue  # "X lies within the de-escalation zone": a restated setting
        if rule.slug == "agreement" and _DEAL_BROKEN.search(
            clause, max(0, match.start() - 60), match.end() + 20
        ):
            continue  # "splintering a four-month-old, U.N.-brokered ceasefire"
        found.append(TypeMatch(rule.slug, match.start(), match.end()))
    if not found:
        # "attacked the town of X, leaving 35 people dead": no toll word of the rules
        hit = typecues.attacked_place_left_dead(clause)
        if hit is None:  # "a car hit by a Russian drone", "a shell struck a house"
            return _weapon_named(clause, earlier)
        return [TypeMatch("attack", hit.start(), hit.end())]
    # every rule below only narrows what was found
    slugs = {m.slug for m in found}
    if slugs & _TERRITORY:  # a recapture "with the Russian army's involvement"
        found = [m for m in found if m.slug != "change-to-group-activity"]
    if "government-regains-territory" in slugs:
        found = [m for m in found if m.slug != "non-state-actor-overtakes-territory"]
    if _NO_HARM.search(clause):  # "No casualties have been reported"
        found = [m for m in found if m.slug != "explosions-remote-violence"]
    if _HARM.search(clause) or _ARSON.search(clause) or slugs & _VIOLENCE:
        # "killed, wounded and displaced", "captured the town, resulting in
        # displacement": the displacement is part of that event (the guide's rule)
        found = [m for m in found if m.slug != "displacement"]
    if _COMBATANTS_FLED.search(clause) and not _CIVILIAN.search(clause):
        found = [m for m in found if m.slug != "displacement"]
    if "grenade" in slugs:  # "threw a hand grenade": not a second, generic blast
        found = [
            m
            for m in found
            if m.slug not in ("remote-explosive-landmine-ied", GENERIC_TOLL)
        ]
    found = [_incursion(clause, m) for m in found]
    if "armed-clash" not in slugs:
        # A fight told with the storming keeps it a battle (ACLED: assailants who
        # storm a site and clash with its guards); else it is the attack on the people
        # inside, told by another act when there is one ("stormed ... abducted").
        stormed = [_stormed_building(clause, m) for m in found]
        others = {m.slug for m in found} - _TERRITORY
        found = [s for m, s in zip(found, stormed, strict=True) if s is m or not others]
    found = [m for m in found if not _strike_executed(clause, m)]
    remote = {"air-drone-strike", "shelling-artillery-missile-attack"}
    if slugs & (remote | {"remote-explosive-landmine-ied"}):
        found = [m for m in found if m.slug != "explosions-remote-violence"]
    if [m.slug for m in found] == [GENERIC_TOLL] and (w := _weapon_named(clause, None)):
        found = w  # "a shell hit a house, killing a father": the toll's weapon named
    if slugs & remote:  # "an airstrike caused an explosion"
        found = [m for m in found if m.slug != "remote-explosive-landmine-ied"]
    if "air-drone-strike" in slugs and not _ground_fire(clause):
        # "warplanes fired missiles", "warplanes shelled": one air strike, no shelling
        found = [m for m in found if m.slug != "shelling-artillery-missile-attack"]
    if slugs & (remote | {"remote-explosive-landmine-ied"} | _TERRITORY):
        found = [m for m in found if m.slug != "peaceful-protest"]
    if (
        [m.slug for m in found] == ["explosions-remote-violence"]
        and _BY_GUNMEN.search(clause)
        and not _COMBATANTS.search(_BY_GUNMEN.sub(" ", clause))
    ):  # "killed by unknown gunmen": ACLED's attack (violence against civilians)
        return [TypeMatch("attack", found[0].start, found[0].end)]
    if [m.slug for m in found] == ["explosions-remote-violence"] and (
        assault := typecues.assault_on_people(clause)
    ):  # "124 were killed in the RSF raid": a ground assault on people
        return [TypeMatch("attack", assault.start(), assault.end())]
    if (
        [m.slug for m in found] == ["explosions-remote-violence"]
        and _COMBATANTS.search(clause)
        and not _CIVILIAN.search(clause)
        and not _REMOTE_CUE.search(clause)
    ):  # "28 fighters were killed in the morning", "troops killed 17 rebels"
        found = [TypeMatch("armed-clash", found[0].start, found[0].end)]
    if slugs & {"attack", "violence-against-civilians"}:  # "shot dead": the attack
        found = [m for m in found if m.slug != "explosions-remote-violence"]
        found = [_shot_combatants(clause, m) for m in found]
    if "armed-clash" in slugs:  # "killed in clashes", "attacked soldiers and wounded"
        found = [m for m in found if m.slug != "explosions-remote-violence"]
    exchange = _EXCHANGE_RX.search(clause)
    if exchange is not None and "armed-clash" in slugs:
        # "the two sides exchanged artillery fire": both fired, one clash
        span = (exchange.start(), exchange.end())
        return [
            m
            for m in found
            if m.slug != "explosions-remote-violence"
            and (m.slug != "shelling-artillery-missile-attack"
                 or _ground_fire(clause, outside=span))
        ]  # fmt: skip
    if {"armed-clash", "arrests"} <= {m.slug for m in found}:
        # "made a breakthrough in the battles ... and arrested hundreds of others":
        # fighters taken in a fight are the fight's (ACLED), not a second event
        found = [m for m in found if m.slug != "arrests"]
    # a clash beside another type is that type's; two readings of one clash stay
    # ("soldiers were shot in an ambush": the shooting read again as the clash)
    if len({m.slug for m in found}) > 1 and not _CLASH_OF_ITS_OWN.search(clause):
        found = [m for m in found if m.slug != "armed-clash"]
    return found


_BY = re.compile(r"\s+by\s+")


def _weapon_named(clause: str, earlier: re.Match[str] | None) -> list["TypeMatch"]:
    """A strike told through its weapon (ingest/kinds/weaponcues.py), when reported."""
    named = weaponcues.struck_by(clause) or plainshapes.untold(clause)
    if named is None:
        return []
    slug, cue = named
    if not hedges.reported(clause, cue, slug) or (
        earlier is not None and earlier.end() <= cue.start()
    ):
        return []
    return [TypeMatch(slug, cue.start(), cue.end())]


def _agent(
    actors: list[ActorMention], trigger: int, sentence: str = "", trigger_end: int = -1
) -> ActorMention | None:
    """Who did it: the actor after "by" of a passive ("points taken by IS were retaken
    by the Syrian army"), else the last actor before the cue."""
    if sentence and trigger_end >= 0:
        by = _BY.match(sentence, trigger_end)
        if by is not None:
            after = [a for a in actors if by.end() <= a.start <= by.end() + 20]
            if after:
                return after[0]
    before = [a for a in actors if a.end <= trigger]
    return before[-1] if before else None


def regain_by_rebels(
    actors: list[ActorMention], trigger: int, sentence: str = "", trigger_end: int = -1
) -> bool:
    """ "Rebels retook X": a recapture by non-state forces is a capture."""
    agent = _agent(actors, trigger, sentence, trigger_end)
    return agent is not None and agent.kind in {"rebel_group", "rebel_coalition"}


def capture_by_government(
    actors: list[ActorMention], trigger: int, sentence: str = "", trigger_end: int = -1
) -> bool:
    """ "Regime forces captured X": a capture by state forces is a regain; "the
    government had seized the town" names them without an actor of the list."""
    agent = _agent(actors, trigger, sentence, trigger_end)
    if agent is None and sentence:
        return bool(_STATE_SUBJECT.search(sentence[max(0, trigger - 40) : trigger]))
    return agent is not None and agent.kind in {"state_forces", "militia"}


# The state's forces named as the subject right before the cue: "the government had
# seized", "government forces have captured", "the army took control of".
_STATE_SUBJECT = cues.compiled(
    r"\b(?:the\s+)?(?:government|regime|army|military)(?:\s+(?:forces|troops|units))?"
    r"\s+(?:(?:had|has|have|had also|has also)\s+)?$"
)
