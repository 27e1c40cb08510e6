"""Stances by who speaks (LABELLING_GUIDE): the words that make a speaker a party
to the fighting, a reporter, an aid or rescue service or an outlet, and the stance
(reports / claims / confirms / denies) a verb and a speaker take. Who is speaking is
read from the sentence in ingest/statements/speakers.py."""

import re

from ingest.reading import cues

DENY = (
    r"(?:denied|denies|deny|dismissed|dismisses|rejected|rejects|refuted|refutes|"
    # "U.S. forces are disputing reports that …"
    r"disputed|disputes|disputing|denying)"
)
# "Australia accepted responsibility", "the military admitted …": the side admits it.
CONFIRM = (
    r"(?:confirmed|confirms|acknowledged|acknowledges|admitted|admits|conceded|"
    r"concedes|(?:accepted|accepts|took|takes) responsibility)"
)
# "posted a video showing …": the poster's own evidence confirms it.
SHOWN = (
    r"(?:posted|published|released|shared|circulated)\s+(?:(?:a|an|several|new)\s+)?"
    r"(?:videos?|footage|photos|photographs|images|pictures)\s+(?:showing|of)"
)


PARTY_WORDS = cues.compiled(
    r"\b(?:opposition|commanders?|spokes(?:man|woman|person)|official|officials|ministry|"
    r"minister|army|military|forces|rebels?|regime|government|head of|leader|"
    r"militants?|groups?|factions?|coalition|fighters?|president|general|colonel|capt|"
    r"commander|officer|resistance|militias?|troops|police|governor|mayor|"
    # "the Joint Operations Command", "US Central Command"
    r"(?-i:Command)|"
    r"authorities|administration|battalions?|brigades?|regiments?|divisions?|"
    # "two security sources", "the air force said", "Ukraine's General Staff"
    r"security|air force|navy|general staff|defen[cs]e (?:forces|ministry)|"
    r"(?:armed|military) wing|soldiers?|servicem[ae]n|"
    # "Another SDF member told SMART …": a member of a group named by its acronym
    r"(?-i:[A-Z]{2,6})\s+members?)\b"
)
# Aid groups and hospitals count the dead; they are no party to the fighting. Nor
# are health and rescue services, the UN and NGOs, neighbourhood committees, former
# officials and witnesses, though "official", "ministry" or "head of" name them
# (guide: monitors, civil defence, medical services, humanitarian agencies report).
AID_WORDS = cues.compiled(
    r"\b(?:aid (?:group|agency|organi[sz]ation|worker)s?|charit(?:y|ies)|humanitarian|"
    r"red cross|red crescent|m[ée]decins sans fronti[èe]res|msf|doctors without "
    r"borders|hospitals?|emergency services?|ambulance(?: services?)?|"
    r"health (?:ministry|department|directorate|authorit(?:y|ies)|officials?|"
    r"services?|office)|ministry of health|medical|paramedics?|rescue services?|"
    r"u\.?n\.?|united nations|unicef|unhcr|ocha|wfp|iom|(?-i:WHO)|ngos?|"
    r"world health organi[sz]ation|"
    r"non-?governmental|civil society|rights (?:group|office|organi[sz]ation)s?|"
    r"resistance committees?|neighbou?rhood committees?|former|"
    r"(?:eye)?witness(?:es)?|doctors(?:['’]s?)? (?:network|syndicate|union)|"
    # Civil defence and rescuers count and pull out the dead: "a civil defence
    # official", "a volunteer rescuer", "the White Helmets" (guide: they report).
    r"civil defen[cs]e|white helmets|rescuers?|rescue (?:workers?|teams?)|"
    r"first responders|"
    # Civil groups and village notables, whatever their title: "president of the
    # regional youth organisation", "head of the local council", "a local leader
    # in the village", "a tribal chief" (guide: residents, local sources report).
    r"youth|local councils?|(?:local|village|tribal|community) (?:leaders?|chiefs?|"
    r"elders?|heads?))\b"
)
REPORTER_WORDS = cues.compiled(
    r"\b(?:reuters|afp|associated press|ap|tass|sana|anadolu|news agency|correspondent|"
    r"observatory|monitor|ocha|united nations|un|amnesty|human rights watch|"
    r"journalists?|reporters?|activists?|media|monitor|sohr|white helmets|"
    # "a Britain-based war monitoring group", "the Sri Lanka Monitoring Mission"
    r"monitoring (?:group|mission|body|organi[sz]ation|network)s?|"
    r"civil defen[cs]e|medics?|doctors?|rescuers?|airwars|local (?:sources|council)|"
    # Residents, witnesses and unnamed sources are no party: they report.
    r"sources?|residents?|witness(?:es)?|"
    # "said the man", "villagers told AFP": people there, no party ("armed men" are)
    r"(?<!armed )(?:m[ae]n|wom[ae]n)|villagers?|survivors?|relatives?|locals|"
    r"inhabitants?|passers?-by)\b"
)
# "There was no attack", "there have been no Russian ground forces" deny the event;
# "there are no military targets in the area" or "there were no casualties" say
# something else about it.
_NEGATION = cues.compiled(
    r"\b(?:there (?:have been|has been|had been|are|is|were|was) no (?!(?:[\w-]+ )?"
    r"(?:targets?|casualties|injuries|deaths|victims|fatalities|damage|immediate|"
    r"reports?|comment|fighting|clashes|battles?|combat|warning)\b)|there are none|"
    r"no truth|"
    # "reports of the attack were 'fake news'", "does not correspond to reality"
    r"fake(?: news)?|untrue|(?:does|do|did) not correspond to reality|"
    r"not true|baseless|fabricat\w+|never (?:been|happened)|false|"
    # "rebels' statements saying they had taken X were exaggerated", "describing
    # reports on the fall of the town as 'lies' and 'propaganda'"
    r"(?:were|was|is|are|been) (?:\w+ )?exaggerated|"
    r"(?:as|were|was|is|are) [\"“‘']?(?:lies|(?:\w+ )?propaganda))\b"
)


# "Houthi-run", "Hamas-controlled", "SDF-affiliated": owned by a side ("state-run" is
# STATE_MEDIA; "Turkey-based" or "UK-based" say where, not whose).
_RUN_BY = cues.compiled(r"\b[\w.]+-(?:run|controlled|owned|operated|affiliated)\b")
# A government's or armed group's own news agency speaks for it (guide: SANA, Saba).
STATE_MEDIA = cues.compiled(
    r"\b(?:sana|saba|tass|ria novosti|amaq|al-masirah|al-manar|"
    r"state (?:news agency|media|television|tv)|"
    r"state-run)\b"
)
# A party's own agency by name (not "state-run" of any state: ingest/statements/bystanders.py).
NAMED_AGENCY = cues.compiled(
    r"\b(?:sana|saba|tass|ria novosti|amaq|al-masirah|al-manar)\b"
)
# Outlets and monitors report even when their name holds a party word
# ("pro-opposition news agency Smart News", "Rojava Information Centre").
OUTLET_WORDS = cues.compiled(
    # plurals too: "local networks including Suwayda 24 reported"
    r"\b(?:news agenc(?:y|ies)|networks?|media (?:cent(?:er|re)|office)s?|"
    r"information cent(?:er|re)s?|observator(?:y|ies)|monitors?|newspapers?|"
    r"facebook pages?|channels?|outlets?|websites?|"
    # "the Houthi-run Al Masirah TV station", "Lebanese broadcaster LBC"
    r"tv|television|radio|broadcasters?|"
    # a newspaper's or site's name: "Euphrates Post", "The Libya Observer"
    r"post|times|news|gazette|tribune|herald|observer|journal|chronicle)\b"
)


_JOINT = re.compile(r"\s*(?:,\s*|\s+and\s+)(?=(?:the\s+|an?\s+)?[\w-]+)", re.I)
# "Thorfinnur Omarsson, a spokesman for the Monitoring Mission", "The Observatory, a
# Britain-based war monitor": "a ..." after a name says who the name is (one
# speaker), whereas "a resident, a medic and the army" lists three.
_APPOSITION = re.compile(r"an?\s", re.I)


def _joint_parts(speaker: str) -> list[str]:
    parts: list[str] = []
    for part in _JOINT.split(speaker):
        if parts and parts[-1][:1].isupper() and _APPOSITION.match(part):
            parts[-1] = f"{parts[-1]}, {part}"
        else:
            parts.append(part)
    return parts


def is_party(speaker: str) -> bool:
    """ "rebels", "rebel sources", not "pro-government media" nor "a war monitor"."""
    return bool(
        PARTY_WORDS.search(speaker)
        and not REPORTER_WORDS.search(SOURCES.sub("", speaker))
        and not OUTLET_WORDS.search(speaker)
        and not AID_WORDS.search(speaker)
    )


PARTY_KINDS = frozenset(
    {"state_forces", "foreign_forces", "rebel_coalition", "rebel_group", "militia",
     "identity_militia", "state"}
)  # fmt: skip


_DENY_RX = cues.compiled(DENY)
SOURCES = cues.compiled(r"\bsources?\b")
_CONFIRM_RX = cues.compiled(rf"{CONFIRM}|{SHOWN}")
CONFIRM_VERB = cues.compiled(CONFIRM)  # a confirming verb alone (followups.follows_up)
_MONITOR = cues.compiled(
    r"\b(?:observatory|monitor(?:ing group)?|sohr|civil defen[cs]e|white helmets|"
    r"rescuers?|medics?|hospitals?|health (?:ministry|department|directorate)|"
    r"u\.?n\.?|united nations|ocha)\b"
)
# "the battalions' Facebook page", "the group's Telegram channel": a party's own.
OWN_CHANNEL = cues.compiled(
    r"^(?:the\s+)?(?P<owner>[\w\s-]{2,60}?)['’]s?\s+(?:official\s+)?"
    # "the group's Amaq news agency", "the Houthis' Saba news agency"
    r"(?:(?:[\w-]+\s+){0,2}(?:news agency|agency|tv|television|radio|newspaper|media)|"
    r"facebook pages?|telegram channels?|channels?|accounts?|websites?|media offices?|"
    r"media cent(?:er|re)s?|statements?)$"
)
# "the media office of the Joint Operations Command", "the press office of the army".
_OFFICE_OF = cues.compiled(
    r"^(?:the\s+)?(?:official\s+)?(?:media|press|information)\s+(?:office|cent(?:er|re)|"
    r"department|unit)\s+of\s+(?P<owner>.{2,80})$"
)
# "opposition activists", "pro-government media": reporters, whatever their side
# ("a reporter with an opposition brigade" is the brigade's and still claims).
_REPORTER_HEAD = cues.compiled(
    r"(?:activists?|journalists?|media|reporters?|correspondents?|monitors?|"
    r"witness(?:es)?|residents?|bloggers?)$"
)


_PROGRESSIVE = cues.compiled(r"^(?:are|is|were|was)\s+")


def stance_of(verb: str, speaker: str, quote: str) -> str:
    verb = _PROGRESSIVE.sub("", verb.lower())  # "are denying": a denial
    if _DENY_RX.fullmatch(verb) or _NEGATION.search(quote):
        return "denies"
    if _CONFIRM_RX.fullmatch(verb):
        # A monitor, a rescue service or a reporter confirming casualties or posting
        # a video of them reports them; a confirmation is a party's own admission
        # (guide: stances by who speaks).
        if (
            _MONITOR.search(speaker)
            or AID_WORDS.search(speaker)
            or (
                REPORTER_WORDS.search(speaker)
                and not is_party(speaker)
                and not STATE_MEDIA.search(speaker)
            )
        ):
            return "reports"
        return "confirms"
    owner = OWN_CHANNEL.match(speaker) or _OFFICE_OF.match(speaker)
    if owner and is_party(owner.group("owner")):
        return "claims"  # "the battalions' Facebook page": the party speaking
    if STATE_MEDIA.search(speaker):
        return "claims"  # a government's own media speak for it
    if _RUN_BY.search(speaker) and not AID_WORDS.search(speaker):
        return "claims"  # "Houthi-run Al-Masirah TV": a party's own outlet
    parts = _joint_parts(speaker)
    if any(is_party(part) for part in parts[1:]) or (
        len(parts) > 1 and is_party(parts[0])
    ):
        return "claims"  # "the Observatory and rebels said": a party joins in
    if OUTLET_WORDS.search(speaker) or AID_WORDS.search(speaker):
        return "reports"
    if PARTY_WORDS.search(speaker) and not _REPORTER_HEAD.search(speaker):
        return "claims"
    if REPORTER_WORDS.search(speaker) or verb == "reported":
        return "reports"
    return "claims"


def names_a_source(text: str) -> bool:
    return bool(
        PARTY_WORDS.search(text)
        or REPORTER_WORDS.search(text)
        or AID_WORDS.search(text)
        or OUTLET_WORDS.search(text)
    )


# Words any two voices may share: "the state-run SANA news agency" and "SANA" are one
# voice, "the state news agency" and "a news agency" need not be.
_GENERIC = frozenset(
    {"the", "a", "an", "of", "in", "on", "and", "for", "to", "from", "with", "news",
     "agency", "agencies", "state", "run", "official", "officials", "media", "local",
     "sources", "source", "said"}
)  # fmt: skip


def same_voice(one: str, other: str) -> bool:
    """ "SANA" again after "the state-run SANA news agency", "the residents" after
    "local residents": one speaker named twice (a word beyond the generic ones)."""
    words = {w for w in re.findall(r"[\w’']+", one.lower()) if w not in _GENERIC}
    return bool(words & set(re.findall(r"[\w’']+", other.lower())))
