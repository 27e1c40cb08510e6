"""The event-type cue table (TYPE_RULES: each event type's cues, ACLED's sub-event types,
and the words that cancel a cue), a cue's match in a clause (TypeMatch), and the types a
state itself does rather than its forces (_STATE_ACTS). The rules that apply the table,
in the order classify resolves them, are in ingest/kinds/rules.py. Split from
ingest/kinds/rules.py."""

import re
from dataclasses import dataclass

from ingest.kinds import bladed
from ingest.reading import cues


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
        cues.compiled(
            r"\b(?:regain(?:ed|s)?|recaptur(?:ed|es?)|retook|retaken|retake|won back|"
            r"took back|back under (?:government|regime) control|"
            # "The villages of A and B came under regime control"
            r"(?:came|come|comes|fell|returned) under (?:the )?(?:full |complete )?"
            r"(?:government|regime|army|state)(?:'s)? control)\b"
        ),
    ),
    TypeRule(
        "non-state-actor-overtakes-territory",
        cues.compiled(
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
        cues.compiled(
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
        cues.compiled(
            r"\b(?:shelling|shelled|shells|shellfire|artillery|rockets?|missiles?|"
            # "regime forces bombarded Kansafra village": ground fire unless an
            # aircraft bombards (rules._AIR_SUBJECT)
            r"mortars?|bombard(?:ed|ing|s)?)\b"
        ),
    ),
    TypeRule(
        "offensive-launched",
        cues.compiled(
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
        cues.compiled(
            r"\b(?:agreements?|de-?escalation(?: zones?| deal| agreement)?|"
            r"cease-?fires?|truces?|accord|deal)\b"
        ),
        # Made, announced or in force: "a truce took effect", "announced a ceasefire".
        requires=cues.compiled(
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
        cues.compiled(
            r"\b(?<!propelled )(?<!propelled-)(?:hand[- ])?grenades?(?! launchers?)\b"
        ),
    ),
    # "set up a temporary military checkpoint", "established a new base near X".
    TypeRule(
        "headquarters-or-base-established",
        cues.compiled(
            r"\b(?:set(?:s|ting)? up|establish(?:ed|es|ing)?|erect(?:ed|s|ing)?|"
            r"install(?:ed|s|ing)?|built|build(?:s|ing)?)\s+(?:an?\s+|the\s+|new\s+|"
            r"their\s+|its\s+)?(?:(?:new|temporary|permanent|military|security|fixed|"
            r"observation|checkpoint)\s+){0,3}(?:checkpoints?|bases?|outposts?|"
            r"(?:military |observation )?posts?|(?:military )?points?)\b"
        ),
    ),
    TypeRule(
        "remote-explosive-landmine-ied",
        cues.compiled(
            r"\b(?:explosive devices?|IEDs?|landmines?|land mines?|car bomb(?:s|ings?)?|"
            r"roadside bombs?|booby-trapped|bomb (?:went off|exploded)|"
            # "struck another explosive buried in the road"
            r"explosives? (?:buried|planted|hidden)|(?:buried|planted|hidden) explosives?|"
            r"explosion|blast|mine)\b"
        ),
    ),
    TypeRule("other", cues.compiled(r"\b(?:ground )?incursions? into\b")),
    # "a mass grave was uncovered": ACLED codes the discovery (not the old killings)
    # as the strategic development "other", at its place and day.
    TypeRule(
        "other",
        cues.compiled(r"\bmass graves?\b"),
        requires=cues.compiled(
            r"\b(?:uncover(?:ed|s|ing)?|discover(?:ed|s|ing|y)?|found|unearth(?:ed|s|ing)?|"
            r"exhum(?:ed|es|ing)|dug up)\b"
        ),
    ),
    TypeRule(
        "peaceful-protest",
        cues.compiled(
            r"\b(?:protests?|protested|protesters|demonstrations?|demonstrators|"
            r"demonstrated|took to the streets?|rall(?:y|ies|ied)|sit-in)\b"
        ),
    ),
    TypeRule(
        "explosions-remote-violence",
        cues.compiled(
            r"\b(?:killed|wounded|injured|bombardment|bombs|destroyed|casualties|"
            r"eliminated|"
            r"(?:was|were|been) targeted|"
            # the toll as a participle or a phrase: "…, killing 15 people", "five
            # people lost their lives" (not "the killing of")
            r"(?<=, )killing(?!\s+of\b)|lost (?:their|his|her) lives?)\b"
        ),
    ),
    TypeRule(
        "arrests",
        cues.compiled(
            r"\b(?:arrested|detained|apprehended|arrest campaign|rounded up|"
            r"arrests? of)\b"
        ),
    ),
    TypeRule(
        "violence-against-civilians",
        cues.compiled(
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
        cues.compiled(
            r"\b(?:shot (?:and killed )?(?:[\w'’-]+ ){0,5}?(?:dead|to death)|"
            r"gunned down|assassinat(?:ed|ion|ing)|"
            rf"{bladed.KILLING_BY_HAND}|"
            rf"opened fire on (?!(?:an? |the |their |its )?(?:[\w-]+ ){{0,2}}{_UNITS})|"
            # "a man was shot by a settler", "died after being shot", "died of
            # gunshot wounds": a person shot (a drone is "shot down", hedges)
            # (the match starts at "shot", so retyping reads "soldiers were shot")
            r"(?:(?<=\bwas )|(?<=\bwere )|(?<=\bbeen )|(?<=\bbeing )|(?<=\bgot ))"
            r"shot\b(?! down)|"
            r"died (?:of|from) (?:his |her |their )?(?:gunshot|bullet) wounds|"
            r"(?:killed|shot) by (?:unknown |unidentified |masked |armed )*"
            r"(?:gunmen|assailants|attackers|men)|"
            r"(?:gunmen|assailants|attackers) (?:\w+ ){0,6}?shot (?:him|her|them)\b|"
            # "a terrorist group attacked the village of X", "the attack in X village":
            # armed men against a village (ACLED: an attack on civilians)
            # "insurgents attacked Mukolo village", "raided a village in the north"
            r"(?:attack(?:ed|s)?|raided) (?:on |against )?(?:the |an? )?(?:(?:villages?|"
            r"hamlets?) of|(?:(?!(?:near|around|outside|close|in|at|of|from|to|the) )"
            r"[\w'’-]+ ){0,2}(?:village|hamlet)\b)|"
            r"attacks? (?:in|on) (?-i:[A-Z])[\w'’-]+ (?:village|hamlet)\b|"
            r"(?:shooting|shot|fir(?:ed|ing)) (?:at|on) (?:the )?(?:residents|civilians|"
            r"villagers|worshippers|passers-?by|people)\b)"
        ),
    ),
    TypeRule(
        "displacement",
        cues.compiled(
            # "the Nuseirat refugee camp" names a place, not people displaced now
            r"\b(?:refugees?(?!\s+camps?\b)|refugee waves|displaced|displacement|evacuated|"
            r"fled|fleeing|exodus|swelled|(?:left|leaving|abandon(?:ed|ing)) their "
            r"(?:homes|houses|villages))\b"
        ),
    ),
    TypeRule(
        "change-to-group-activity",
        cues.compiled(
            r"\b(?:deploy(?:ed|ing|s|ment)?|involved|involvement|intervening|"
            r"intervened|present|active|on the battlefield|there (?:are|were|is|"
            r"have been|has been) no)\b"
        ),
        needs_foreign_actor=True,
    ),
    TypeRule(
        "armed-clash",
        cues.compiled(
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


@dataclass(frozen=True, slots=True)
class TypeMatch:
    slug: str
    start: int  # trigger position in the clause
    end: int


# What a state itself does, not its forces: signs, hands over, changes course.
_STATE_ACTS = frozenset(
    {"agreement", "non-violent-transfer-of-territory", "change-to-group-activity",
     "other", "peaceful-protest", "protest-with-intervention", "violent-demonstration",
     "displacement"}
)  # fmt: skip
