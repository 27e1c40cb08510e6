"""Keyword rules: event types (a cue and the hedges that cancel it).

Restated earlier news is told apart in ingest/kinds/background.py, actor roles in
ingest/actors/roles.py, attributed statements and their stances in ingest/statements/speakers.py. Over
400 lines on purpose: the type rules and the order ``classify`` resolves them in read
best side by side."""

import re
from dataclasses import dataclass

from ingest.actors.actors import ActorMention
from ingest.kinds import bladed, hedges, typecues, weaponcues
from ingest.reading import cues


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(cues.guarded(pattern), re.I)


# ----------------------------------------------------------------------- event types
@dataclass(frozen=True, slots=True)
class TypeRule:
    slug: str
    trigger: re.Pattern[str]
    requires: re.Pattern[str] | None = None  # a second cue, anywhere in the clause
    needs_foreign_actor: bool = False


_UNITS = (
    r"(?:soldiers|troops|fighters|patrols?|checkpoints?|positions|outposts?|members|"
    r"convoys?|personnel|detachments?|(?:security |military |army |police )?posts?|"
    r"policemen|police(?:men)?|bases?|barracks|guards)"
)
# Both sides firing: "exchanged fire", "mutual shelling" (ACLED: an armed clash).
_EXCHANGE = (
    r"exchang(?:ed|es?|ing)(?: of)? (?:heavy |artillery |gun|small-arms |rocket )?"
    r"(?:fire|shelling|shells|bombardment)|(?:traded|trading) (?:heavy )?fire|"
    r"mutual (?:shelling|bombardment|fire)|fire exchanges?"
)
TYPE_RULES = [
    TypeRule(
        "government-regains-territory",
        _rx(
            r"\b(?:regain(?:ed|s)?|recaptur(?:ed|es?)|retook|retaken|retake|won back|"
            r"took back|back under (?:government|regime) control|"
            # "The villages of A and B came under regime control"
            r"(?:came|come|comes|fell|returned) under (?:the )?(?:full |complete )?"
            r"(?:government|regime|army|state)(?:'s)? control)\b"
        ),
    ),
    TypeRule(
        "non-state-actor-overtakes-territory",
        _rx(
            r"\b(?:captur(?:ed|es?)|seized?|overr?an|took over|"
            r"(?:took|taken|taking|won|gained|seized) (?:full |complete |total )?"
            r"control (?:of|over)|"
            r"stormed|advanced into|entered the (?:town|village|city)|"
            r"(?:fell|fallen|falls) (?:in)?to (?:the )?(?:hands of )?(?:the )?"
            r"(?:opposition|rebels?|militants?|insurgents?)|"
            r"into (?:opposition|rebel|militant) hands)\b"
        ),
    ),
    TypeRule(
        "air-drone-strike",
        _rx(
            r"\b(?:sorties|air ?strikes?|air raids?|raids|(?<!car )(?<!such )bombings?|bombed|"
            r"warplanes?|"
            r"(?<!anti-)(?<!anti )jets|drones? (?:\w+ly )?(?:strikes?|attacks?|hit|struck|"
            r"targeted|bombed)|"
            r"airstrikes?|(?<!anti-)(?<!anti )helicopters?|barrel bombs?|"
            r"(?<!anti-)(?<!anti )aircraft|air attacks?|aerial (?:attacks?|bombardment)|"
            r"(?:coalition|russian|israeli|turkish|american|u\.?s\.?-led) strikes?|"
            r"strikes? (?:hit|hits|struck|targeted|killed|engaged|destroyed))\b"
        ),
    ),
    TypeRule(
        "shelling-artillery-missile-attack",
        _rx(
            r"\b(?:shelling|shelled|shells|shellfire|artillery|rockets?|missiles?|"
            r"mortars?)\b"
        ),
    ),
    TypeRule(
        "offensive-launched",
        _rx(
            r"\b(?:launch(?:ed|es)? (?:an?|the|its|their) (?:[\w-]+ ){0,2}"
            r"(?:(?:counter-?)?offensive|(?:military )?operation|campaign|battle)|"
            r"(?<!has )(?<!have )(?:intensified|widened|expanded|extended) (?:its|their) "
            r"(?:attacks|assault|offensive)|"
            r"beg[au]n (?:an?|the|its) (?:[\w-]+ )?(?:counter-?)?offensive|"
            r"offensive (?:began|started)|"
            # A named operation: "launched Operation Peace Spring", "launched the
            # 'Olive Branch' operation", "announced the start of the X battle".
            r"(?:launch(?:ed|es)?|announced|began|started)\s+"
            r"(?:the\s+(?:start|launch|beginning)\s+of\s+)?(?:(?:an?|the|its|their)\s+)?"
            r"(?:(?:first|second|third|fourth|new|next|final|last)\s+phase\s+of\s+)?"
            r"(?:(?:[\w-]+\s+){0,2}[\"“‘'][^\"”’]{2,40}[\"”’']\s*"
            r"(?:(?:military\s+)?operation|offensive|battle|campaign)|"
            r"[\"“]?(?-i:Operation|Battle of)\s+[\"“]?(?-i:[A-Z])\w*))"
        ),
    ),
    TypeRule(
        "agreement",
        _rx(
            r"\b(?:agreements?|de-?escalation(?: zones?| deal| agreement)?|"
            r"cease-?fires?|truces?|accord|deal)\b"
        ),
        # Made, announced or in force: "a truce took effect", "announced a ceasefire".
        requires=_rx(
            r"\b(?:sign(?:ed|s|ing)?|reach(?:ed|es)?|struck|designated|"
            r"brokered|agreed|announced|declared|"
            r"(?:took|takes|came|comes|went|goes) (?:into )?(?:force|effect)|"
            r"(?:entered|enters) into force)\b"
        ),
    ),
    # A thrown grenade (ACLED's grenade sub-event); a rocket-propelled one is a weapon
    # of a clash.
    TypeRule(
        "grenade",
        _rx(r"\b(?<!propelled )(?<!propelled-)(?:hand[- ])?grenades?(?! launchers?)\b"),
    ),
    # "set up a temporary military checkpoint", "established a new base near X".
    TypeRule(
        "headquarters-or-base-established",
        _rx(
            r"\b(?:set(?:s|ting)? up|establish(?:ed|es|ing)?|erect(?:ed|s|ing)?|"
            r"install(?:ed|s|ing)?|built|build(?:s|ing)?)\s+(?:an?\s+|the\s+|new\s+|"
            r"their\s+|its\s+)?(?:(?:new|temporary|permanent|military|security|fixed|"
            r"observation|checkpoint)\s+){0,3}(?:checkpoints?|bases?|outposts?|"
            r"(?:military |observation )?posts?|(?:military )?points?)\b"
        ),
    ),
    TypeRule(
        "remote-explosive-landmine-ied",
        _rx(
            r"\b(?:explosive devices?|IEDs?|landmines?|land mines?|car bomb(?:s|ings?)?|"
            r"roadside bombs?|booby-trapped|bomb (?:went off|exploded)|"
            # "struck another explosive buried in the road"
            r"explosives? (?:buried|planted|hidden)|(?:buried|planted|hidden) explosives?|"
            r"explosion|blast|mine)\b"
        ),
    ),
    TypeRule("other", _rx(r"\b(?:ground )?incursions? into\b")),
    # "a mass grave was uncovered": ACLED codes the discovery (not the old killings)
    # as the strategic development "other", at its place and day.
    TypeRule(
        "other",
        _rx(r"\bmass graves?\b"),
        requires=_rx(
            r"\b(?:uncover(?:ed|s|ing)?|discover(?:ed|s|ing|y)?|found|unearth(?:ed|s|ing)?|"
            r"exhum(?:ed|es|ing)|dug up)\b"
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
        _rx(
            r"\b(?:killed|wounded|injured|bombardment|bombs|destroyed|casualties|"
            r"eliminated|"
            r"(?:was|were|been) targeted)\b"
        ),
    ),
    TypeRule(
        "arrests",
        _rx(
            r"\b(?:arrested|detained|apprehended|arrest campaign|rounded up|"
            r"arrests? of)\b"
        ),
    ),
    TypeRule(
        "violence-against-civilians",
        _rx(
            # "executed an attack on regime positions" carried it out: no execution
            r"\b(?:execut(?:ed|ing)(?! (?:an?|the|its|their) (?:[\w-]+ )?(?:attack|"
            r"operation|assault|raid|strike|ambush))|massacre[sd]?|"
            r"abduct(?:ed|ing)|kidnapp(?:ed|ing)|"
            r"tortured)\b"
        ),
    ),
    # Gunmen shooting someone: ACLED's "attack" (violence against civilians); fire
    # opened on troops or a checkpoint is a clash (the armed-clash rule, below).
    TypeRule(
        "attack",
        _rx(
            r"\b(?:shot (?:and killed )?(?:[\w'’-]+ ){0,5}?(?:dead|to death)|"
            r"gunned down|assassinat(?:ed|ion|ing)|"
            rf"{bladed.KILLING_BY_HAND}|"
            rf"opened fire on (?!(?:an? |the |their |its )?(?:[\w-]+ ){{0,2}}{_UNITS})|"
            r"(?:killed|shot) by (?:unknown |unidentified |masked |armed )*"
            r"(?:gunmen|assailants|attackers|men)|"
            r"(?:gunmen|assailants|attackers) (?:\w+ ){0,6}?shot (?:him|her|them)\b|"
            # "a terrorist group attacked the village of X", "the attack in X village":
            # armed men against a village (ACLED: an attack on civilians)
            r"attack(?:ed|s)? (?:on |against )?the (?:(?:villages?|hamlets?) of|"
            r"(?:[\w'’-]+ ){1,2}(?:village|hamlet)\b)|"
            r"attacks? (?:in|on) (?-i:[A-Z])[\w'’-]+ (?:village|hamlet)\b|"
            r"(?:shooting|shot|fir(?:ed|ing)) (?:at|on) (?:the )?(?:residents|civilians|"
            r"villagers|worshippers|passers-?by|people)\b)"
        ),
    ),
    TypeRule(
        "displacement",
        _rx(
            # "the Nuseirat refugee camp" names a place, not people displaced now
            r"\b(?:refugees?(?!\s+camps?\b)|refugee waves|displaced|displacement|evacuated|"
            r"fled|fleeing|exodus|swelled|(?:left|leaving|abandon(?:ed|ing)) their "
            r"(?:homes|houses|villages))\b"
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
            rf"\b(?:{_EXCHANGE}|"
            r"clash(?:es|ed)?|fighting|battles?|fought|ambush(?:ed)?|"
            r"shoot-?outs?|gun ?fights?|fire ?fights?|skirmish(?:es|ed)?|"
            r"(?:armed )?confrontations? (?:between|with)|"
            # "launched an assault on a joint junta and militia camp"
            r"(?:attack|assault|raid)(?:ed|s)? (?:on|against) (?:an? |the )?"
            r"(?:[\w'’-]+ ){0,6}?(?:military|militia|army) (?:camps?|bases?|posts?)|"
            r"counter-?attack(?:ed|s)?|"
            r"attack(?:ed|s)? (?:on |against )?(?:[\w-]+ |\(\w+\) ){0,4}"
            rf"{_UNITS}|opened fire on (?:an? |the |their |its )?(?:[\w-]+ ){{0,2}}"
            rf"{_UNITS}|{_UNITS} (?:was|were|had been|has been|have been) "
            r"(?:\w+ )?(?:attacked|ambushed|stormed)|"
            r"(?:thwarted|foiled|repelled|repulsed|fended off|countered) "
            r"(?:an? |the |all the |some )?(?:[\w'’-]+ ){0,3}"
            r"(?:attacks?|infiltrations?|assaults?|advances?))\b"
        ),
    ),
]
_HARM = _rx(r"\b(?:killed|wounded|injured)\b")
# Homes set on fire: the flight it causes is part of that attack ("Residents fled as
# the armed group set alight to homes").
_ARSON = _rx(
    r"\b(?:set (?:alight|fire|ablaze)|torch(?:ed|ing)|burn(?:ed|t|ing) (?:down )?"
    r"(?:[\w-]+ ){0,2}(?:homes|houses|huts|villages?|shops|buildings))\b"
)
# "No casualties", "there were no reports of any casualties in the raid"
_NO_HARM = _rx(
    r"\bno (?:(?:reports?|word|news) of (?:any )?)?(?:casualties|injuries|deaths)\b|"
    r"\bno one was (?:killed|hurt|injured)\b"
)
_GROUND_FIRE = _rx(r"\b(?:shell(?:ing|ed|s)?|artillery|mortars?|rocket launchers?)\b")
# "The victory comes three days after rebels seized X": X is the earlier news.
EARLIER = _rx(
    r"\b(?:comes?|came|coming) (?:just |only |nearly |almost |about |some |mere )?"
    r"(?:(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a few|few|"
    r"several) )?(?:hours?|days?|weeks?|months?|years?) )?(?:after|since)\b"
)
# "This came after regime forces clashed with rebels at X": the cause, told in this
# report as its own news (no time between them), not earlier news.
_CAUSE_TOLD = _rx(r"^\W*(?:this|that|it)\s+(?:comes?|came)\s+(?:after|since)$")


def earlier_news(text: str, end: int | None = None) -> re.Match[str] | None:
    """The first "comes three days after" before ``end`` that introduces earlier
    news (see EARLIER)."""
    for match in EARLIER.finditer(text, 0, len(text) if end is None else end):
        if not _CAUSE_TOLD.match(text, 0, match.end()):
            return match
    return None


# A toll of fighters with no weapon named is the fighting's toll (ACLED: a clash).
_COMBATANTS = _rx(
    r"\b(?:soldiers?|troops|fighters?|militants?|rebels?|terrorists|militiamen|"
    r"members of|(?:[A-Z]{2,5}|army|military|security) (?:members|personnel)|"
    r"gunmen|servicemen|insurgents|jihadists)\b"
)
_BY_GUNMEN = _rx(
    r"\b(?:killed|shot(?: dead)?|assassinated) by (?:\w+ ){0,2}(?:gunmen|assailants|"
    r"armed men)\b"
)
_CIVILIAN = _rx(r"\b(?:civilians?|children|child|women|residents|people|family)\b")
_REMOTE_CUE = _rx(
    r"\b(?:targeted|targeting|explosions?|blasts?|bomb\w*|shell\w*|strikes?|raids?|"
    r"mines?|IEDs?|drones?|missiles?|rockets?|mortars?|artillery)\b"
)
_AS_ADJECTIVE = _rx(
    r"\s+(?:men|women|people|persons|civilians|families|children|residents|syrians|"
    r"man|woman|child|person|populations?|households|communities|camps?)\b"
)
# The setting an agreement made, restated: "X is/falls within the de-escalation zone".
_DESCRIBED = _rx(
    r"\b(?:is|are|was|were|falls?|fell|lies|lie|lying|remains?|located)\s+"
    r"(?:with)?in\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:zone|area|agreement|deal)\b"
)
_EXCHANGE_RX = _rx(rf"\b(?:{_EXCHANGE})\b")
# An aircraft that "shelled" or "bombarded": the verb of an air strike, no ground fire.
_AIR_SUBJECT = _rx(
    r"\b(?:warplanes?|jets?|aircraft|helicopters?|drones?|planes?)\s+(?:\w+\s+){0,2}$"
)
# A deal named as the setting, not made now: "a U.N.-brokered ceasefire" (participle
# as adjective), "breaking a four-month truce", "violations of the ceasefire".
_DEAL_BROKEN = _rx(
    r"\b(?:break(?:s|ing)?|broke(?:n)?|breach(?:es|ed|ing)?|violat(?:e|es|ed|ing|ions?)|"
    r"splinter(?:s|ed|ing)?|shatter(?:s|ed|ing)?|collaps(?:e|es|ed|ing)|undermin\w+|"
    r"despite|in spite of|\w+-(?:day|week|month|year)-old|"
    # an existing deal described: "the ceasefire agreed then had managed to hold"
    r"(?:managed to |continues? to |failed to )?(?:hold|held|holding)|fragile|shaky|"
    r"existing|previous|agreed (?:then|earlier|last))\b"
)
# Fighting told as its own happening beside a strike: "rockets killed 14 as fighting
# intensified for the city" (a clash and a shelling).
_CLASH_OF_ITS_OWN = _rx(
    r"\b(?:fighting|clashes|battles?) (?:intensified|erupted|broke out|raged|"
    r"escalated|flared|resumed)\b|"
    # "The shelling followed clashes between the RSF and the army on Sunday": the
    # two sides named, a fight of its own (ACLED: its own event)
    r"\b(?:clashes|fighting|battles?) between\b"
)
_SHOOTING = _rx(r"^(?:shot|killed|gunned)\b")
_KILLING = _rx(r"^(?:shot|gunned down|assassinat)")
_SHOT_BEFORE = _rx(
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


GENERIC_TOLL = "explosions-remote-violence"
# "the airstrikes which were executed by US jets": strikes carried out, no execution.
_STRIKE_CARRIED_OUT = _rx(
    r"\b(?:air ?strikes?|strikes?|raids?|attacks?|operations?|assaults?|bombardments?|"
    r"shelling)\s+(?:(?:which|that)\s+)?(?:were|was|(?:had|have|has)\s+been)\s+$"
)


_BY_AIRCRAFT = _rx(
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
_INCURSION = _rx(r"\bincursions?\b")
_PATROL_BEFORE = _rx(
    r"\b(?:patrols?|(?:\w+-)?vehicles?|humvees?|convoys?|incursions?)\b"
    r"(?:(?!\b(?:and|but|while|as)\b)[^.;])*$"
)
# Troops who enter a town to search it raid it (ACLED's strategic development), they
# take no ground: "troops entered the town around midnight, searched several homes".
_RAID_AFTER = _rx(
    r"\b(?:search(?:ed|ing)|raid(?:ed|ing)|ransack(?:ed|ing)|"
    r"inspect(?:ed|ing)|comb(?:ed|ing))\b"
)
# "the rebels backed by Turkish tanks advanced into them": fighters who take ground.
_BACKED_BY = _rx(r"\b(?:backed|supported|covered|escorted) by\b")
_ENTERING = _rx(r"^(?:advanced into|entered the (?:town|village|city))$")


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


# "the safe return of Syrian refugees": people coming back, no one displaced now.
_RETURN = _rx(r"\breturn(?:s|ed|ing)?\b(?:\s+of)?(?:\s+[\w-]+){0,3}\s*$")
_TERRITORY = set(hedges.TERRITORY)
_VIOLENCE = _TERRITORY | {
    "air-drone-strike", "shelling-artillery-missile-attack", "armed-clash",
    "remote-explosive-landmine-ied", "explosions-remote-violence",
    "violence-against-civilians", "attack",
}  # fmt: skip
# Fighters who fled withdrew; no civilians were displaced ("the enemy ... fled").
_COMBATANTS_FLED = _rx(
    r"\b(?:enemy|fighters|militants|troops|soldiers|gunmen|terrorists|militiamen)\b"
)
TERRITORY = hedges.TERRITORY
_FOREIGN_KINDS = {"foreign_forces"}


@dataclass(frozen=True, slots=True)
class TypeMatch:
    slug: str
    start: int  # trigger position in the clause
    end: int


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
    if len(found) > 1 and not _CLASH_OF_ITS_OWN.search(clause):
        found = [m for m in found if m.slug != "armed-clash"]
    return found


_BY = re.compile(r"\s+by\s+")


def _weapon_named(clause: str, earlier: re.Match[str] | None) -> list["TypeMatch"]:
    """A strike told through its weapon (ingest/kinds/weaponcues.py), when reported."""
    named = weaponcues.struck_by(clause)
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
_STATE_SUBJECT = _rx(
    r"\b(?:the\s+)?(?:government|regime|army|military)(?:\s+(?:forces|troops|units))?"
    r"\s+(?:(?:had|has|have|had also|has also)\s+)?$"
)
