"""Keyword rules: event types, attributed statements and their stances, actor roles.

Over ~400 lines on purpose: the three rule tables are data an editor of the rules
reads together (a cue, the hedges that cancel it, the speakers that carry it)."""

import dataclasses
import re
from dataclasses import dataclass

from ingest.matching import ActorMention


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


# ----------------------------------------------------------------------- statements
@dataclass(frozen=True, slots=True)
class Statement:
    """Who the article says said what, and the stance that takes on the event."""

    stance: str  # reports / claims / confirms / denies
    speaker: str
    quote: str
    content: str  # the part of the sentence that describes events
    content_start: int  # offset of content in the sentence
    verb_span: tuple[int, int] | None = None


_WHEN = (
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today|last night))?"
)
_SAY = (
    r"(?:said|says|say|added|adds|told [A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}"
    + _WHEN
    + r"|told [\w ]{1,40}?|stated|claimed|claims|announced|insisted)"
)
_DENY = r"(?:denied|denies|deny|dismissed|dismisses|rejected|rejects|refuted|refutes)"
_CONFIRM = r"(?:confirmed|confirms|acknowledged|acknowledges)"
_QUOTE_OPEN = '"“'
_QUOTE_THEN_SPEAKER = re.compile(
    rf"^[\"“](?P<quote>.+?)[\"”],?\s+(?P<verb>{_SAY}|{_DENY}|{_CONFIRM})\s+"
    rf"(?P<speaker>[^\"“]+?)[.!]?$",
    re.I,
)
_QUOTE_SPEAKER_SAID = re.compile(
    rf"^[\"“](?P<quote>.+?)[\"”],?\s+(?P<speaker>[^\"“]{{1,160}}?)\s+"
    rf"(?P<verb>{_SAY}|{_DENY}|{_CONFIRM})\b(?P<rest>[^\"“]*)$",
    re.I,
)
_SPEAKER_VERB = re.compile(
    rf"(?P<speaker>[^\"“,]{{2,120}}?)(?:,\s*(?:meanwhile|however|also|too),)?\s+"
    rf"(?:(?:yesterday|today|on \w+|also|later|"
    rf"again|repeatedly|earlier)\s+)?(?P<verb>{_DENY}|{_CONFIRM}|{_SAY}|"
    rf"(?:are|is|were|was) (?:saying|claiming|denying|reporting)|reported)"
    rf"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    rf"yesterday|today))?\s+"
    rf"(?:that\s+)?(?P<rest>.+)$",
    re.I,
)
_TRAILING_ACCORDING = re.compile(
    r"^(?P<rest>.+?),?\s+(?:(?P<via>[A-Z][\w.&' ]{1,40}?)\s+reported\s+)?"
    r"according to (?P<speaker>[^,.]+?)\.?$"
)
_TRAILING_REPORTED = re.compile(
    r"^(?P<rest>.+?),\s+(?:the\s+)?(?P<via>[A-Za-z][\w.&'’ -]{1,60}?)\s+"
    r"(?:has |have )?(?:reported|said|says|added|announced|stated|claimed|"
    r"told (?:[A-Z][\w ]{1,30}|reporters|journalists))"
    r"(?:\s+(?:on|in|late|early|this)\s+[^.]{1,30}|\s+in a (?:statement|tweet))?\.?$"
)
# "…, said SANA, adding that …"
_TRAILING_SAID_BY = re.compile(
    r"^(?P<rest>.+?),\s+(?:said|says|reported|announced)\s+(?:the\s+)?"
    r"(?P<via>[A-Z][\w.&'’ -]{1,60}?)(?:,\s*(?:adding|citing)\b.*)?\.?$"
)
# "According to Al Araby, the Coalition launched …"
_LEADING_ACCORDING = re.compile(
    r"^(?:but\s+|and\s+)?according to (?P<speaker>[^,]{2,80}),\s*(?P<rest>.+)$", re.I
)
_LEADING_ADVERB = re.compile(
    r"^(?:meanwhile|however|separately|earlier|later|also|moreover|in addition),\s*",
    re.I,
)
_VIA = re.compile(
    r"\s+(?:in a statement|in an interview|on \w+)?\s*carried by (?:the )?(?:state )?"
    r"(?:news agency |media )?(?P<via>[A-Z][\w.&' ]{1,40})",
    re.I,
)
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,/'’-]{2,40}(?:,\s*\w+\.? \d{1,2})?\s*(?:\([^)]{2,40}\))?\s*[-–—]+\s*"
)
_PRONOUN = re.compile(r"^(?:he|she|they|it|the spokesman|the spokeswoman)$", re.I)
PARTY_WORDS = _rx(
    r"\b(?:opposition|commanders?|spokes(?:man|woman|person)|official|officials|ministry|"
    r"minister|army|military|forces|rebels?|regime|government|head of|leader|"
    r"militants?|groups?|factions?|coalition|fighters?|president|general|colonel|capt|"
    r"commander|officer)\b"
)
REPORTER_WORDS = _rx(
    r"\b(?:reuters|afp|associated press|ap|tass|sana|anadolu|news agency|correspondent|"
    r"observatory|monitor|ocha|united nations|un|amnesty|human rights watch|"
    r"journalists?|reporters?|activists?|media|monitor|sohr|white helmets|"
    r"civil defen[cs]e|medics?|doctors?|rescuers?|airwars|local (?:sources|council)|"
    # Residents, witnesses and unnamed sources are no party: they report.
    r"sources?|residents?|witness(?:es)?)\b"
)
_NEGATION = _rx(
    r"\b(?:there (?:have been|has been|are|is|were|was) no|there are none|no truth|"
    r"not true|baseless|fabricat\w+|never (?:been|happened)|false)\b"
)


STATE_MEDIA = _rx(r"\b(?:sana|state (?:news agency|media|television|tv)|state-run)\b")
# Outlets and monitors report even when their name holds a party word
# ("pro-opposition news agency Smart News", "Rojava Information Centre").
_OUTLET_WORDS = _rx(
    r"\b(?:news agency|network|media (?:cent(?:er|re)|office)|information cent(?:er|re)|"
    r"observatory|monitor|newspaper|facebook page|channel|outlet|website)\b"
)


def _speaker_stance(verb: str, speaker: str, quote: str) -> str:
    verb = verb.lower()
    if re.fullmatch(_DENY, verb, re.I) or _NEGATION.search(quote):
        return "denies"
    if re.fullmatch(_CONFIRM, verb, re.I):
        return "confirms"
    if STATE_MEDIA.search(speaker):
        return "claims"  # a government's own media speak for it
    if _OUTLET_WORDS.search(speaker):
        return "reports"
    if PARTY_WORDS.search(speaker):
        return "claims"
    if REPORTER_WORDS.search(speaker) or verb == "reported":
        return "reports"
    return "claims"


def _tidy_speaker(speaker: str) -> tuple[str, str]:
    """(speaker, relaying outlet) with "in a statement carried by TASS" moved out."""
    speaker = _DATELINE.sub("", speaker.strip())
    speaker = _LEADING_ADVERB.sub("", speaker).strip(" ,.")
    via = ""
    match = _VIA.search(speaker)
    if match:
        via = match.group("via").strip(" .")
        speaker = speaker[: match.start()].strip(" ,.")
    speaker = re.sub(r"\s+in a statement$", "", speaker)
    return speaker, via


def _with_via(speaker: str, via: str) -> str:
    if via and via.lower() not in speaker.lower():
        return f"{speaker} (via {via})" if speaker else via
    return speaker


def attribute(sentence: str, *, previous_speaker: str = "") -> Statement:
    """The statement a sentence makes; unattributed sentences are the article's report."""
    text = sentence.strip()
    match = _QUOTE_THEN_SPEAKER.match(text) or _QUOTE_SPEAKER_SAID.match(text)
    if match:
        quote = match.group("quote").strip().rstrip(",")
        speaker, via = _tidy_speaker(match.group("speaker"))
        rest = match.groupdict().get("rest") or ""
        if not via:
            via_match = _VIA.search(rest)
            via = via_match.group("via").strip(" .") if via_match else ""
        if _PRONOUN.match(speaker) and previous_speaker:
            speaker = previous_speaker
        stance = _speaker_stance(match.group("verb"), speaker, quote)
        return Statement(
            stance, _with_via(speaker, via), quote, quote, text.find(quote),
            match.span("verb"),
        )  # fmt: skip
    match = (
        _TRAILING_ACCORDING.match(text)
        or _TRAILING_REPORTED.match(text)
        or _TRAILING_SAID_BY.match(text)
        or _LEADING_ACCORDING.match(text)
    )
    if match and not text.startswith(tuple(_QUOTE_OPEN)):
        rest = match.group("rest").strip()
        speaker = (match.groupdict().get("speaker") or "").strip()
        via = (match.groupdict().get("via") or "").strip()
        who = speaker or via
        if not speaker and not (
            PARTY_WORDS.search(via) or REPORTER_WORDS.search(via) or via[0].isupper()
        ):
            return Statement("reports", "", text, text, 0, None)
        stance = _speaker_stance("said" if speaker else "reported", who, rest)
        if not speaker and (PARTY_WORDS.search(via) and not REPORTER_WORDS.search(via)):
            stance = "claims"  # ", two rebel officials told Reuters."
        return Statement(stance, _with_via(speaker, via), rest, rest, 0, None)
    lead = _LEADING_ADVERB.match(text)
    skip = lead.end() if lead else 0
    match = _SPEAKER_VERB.match(text, skip)
    if match and len(match.group("speaker").split()) <= 14:
        speaker, via = _tidy_speaker(match.group("speaker"))
        if _PRONOUN.match(speaker) and previous_speaker:
            speaker = previous_speaker
        rest = match.group("rest").strip()
        stance = _speaker_stance(match.group("verb"), speaker, rest)
        if speaker and (PARTY_WORDS.search(speaker) or REPORTER_WORDS.search(speaker)):
            return Statement(
                stance, _with_via(speaker, via), rest.rstrip("."), rest,
                match.start("rest"), match.span("verb"),
            )  # fmt: skip
    return Statement("reports", "", text, text, 0, None)


_ACRONYM_DEFINED = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+|(?:of|for|and|the)\s+){1,7})\(([A-Z]{2,6})\)"
)


def acronyms(text: str) -> dict[str, str]:
    """ "Rojava Information Centre (RIC)": {"RIC": "Rojava Information Centre"}."""
    found = {}
    for match in _ACRONYM_DEFINED.finditer(text):
        full = re.sub(r"^(?:the|of|for|and)\s+", "", match.group(1).strip(), flags=re.I)
        found.setdefault(match.group(2), full)
    return found


def with_full_speaker(statement: Statement, names: dict[str, str]) -> Statement:
    """ "the RIC said" where the article defined the RIC: the full name, its stance."""
    speaker, _, via = statement.speaker.partition(" (via ")
    short = re.sub(r"^the\s+", "", speaker, flags=re.I)
    if short not in names:
        return statement
    full = f"{names[short]} ({short})"
    stance = statement.stance
    if stance in ("claims", "reports"):
        stance = _speaker_stance("said", full, statement.quote)
    speaker = f"{full} (via {via}" if via else full
    return dataclasses.replace(statement, stance=stance, speaker=speaker)


# ----------------------------------------------------------------------------- roles
_ROLE_TABLE: dict[str, dict[str, str]] = {
    "non-state-actor-overtakes-territory": {
        "rebel": "initiator", "government": "target", "foreign": "target",
    },
    "government-regains-territory": {
        "government": "initiator", "foreign": "supporting", "rebel": "target",
    },
    "offensive-launched": {
        "government": "initiator", "foreign": "supporting", "rebel": "target",
    },
    "air-drone-strike": {
        "foreign": "initiator", "government": "initiator", "rebel": "target",
        "civilians": "victim",
    },
    "change-to-group-activity": {
        "foreign": "initiator", "government": "supporting", "rebel": "target",
    },
    "agreement": {"foreign": "party", "government": "party", "rebel": "party"},
    "displacement": {"civilians": "victim"},
    "peaceful-protest": {"civilians": "initiator", "government": "target"},
}  # fmt: skip
_DEFAULT_ROLES = {
    "government": "initiator",
    "foreign": "supporting",
    "rebel": "target",
    "civilians": "victim",
}


def _side(mention: ActorMention) -> str:
    if mention.kind == "civilians":
        return "civilians"
    if is_foreign(mention):
        return "foreign"
    if mention.kind in {"rebel_coalition", "rebel_group"}:
        return "rebel"
    if mention.kind in {"state_forces", "militia", "state"}:
        return "government"
    return "other"


def actor_roles(
    slug: str, actors: list[ActorMention]
) -> list[tuple[ActorMention, str]]:
    """(actor, role) for an event type: sides from actor kinds, sub-units supporting."""
    table = _ROLE_TABLE.get(slug, _DEFAULT_ROLES)
    chosen: dict[int, tuple[ActorMention, str]] = {}
    for mention in actors:
        role = table.get(_side(mention))
        if role is None or mention.actor_id in chosen:
            continue
        chosen[mention.actor_id] = (mention, role)
    result = []
    for mention, role in chosen.values():
        parent = chosen.get(mention.parent_id) if mention.parent_id else None
        if (
            role == "initiator"
            and parent
            and parent[1] == "initiator"
            and _side(mention) == "government"
        ):
            role = "supporting"  # Tiger Forces support the government forces
        result.append((mention, role))
    if slug == "air-drone-strike" and any(
        r == "initiator" and _side(m) == "foreign" for m, r in result
    ):
        result = [
            (m, "supporting" if r == "initiator" and _side(m) == "government" else r)
            for m, r in result
        ]
    return result
