"""Attributed statements: who the article says said what, and the stance it takes.

The speaker cues (verbs, "according to", "X, citing Y", "was reported by X", quotes,
"via") are read here; which stance a speaker takes (party, reporter, aid service,
outlet) is in ingest/statements/stances.py; event-type and actor-role rules are in ingest/kinds/rules.py
and ingest/actors/roles.py. Over 400 lines on purpose: the attribution patterns are tried in
one order in ``attribute`` and read best side by side."""

import dataclasses
import re
from dataclasses import dataclass

from ingest.reading import cues, wireshapes
from ingest.statements import stances


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


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
# "told Enab Baladi via WhatsApp": how it was said, no part of what.
_CHANNEL = (
    r"(?:\s+(?:via|by|over|on|in)\s+(?:a\s+)?(?:phone|telephone|WhatsApp|Skype|"
    r"Telegram|Twitter|X|Facebook|e-?mail|text message|(?:tele)?phone call|"
    r"voice message)s?)?"
)
# "in a statement on its Telegram channel", "via WhatsApp", "on X": how it was said.
_CHANNEL_WORDS = (
    r"(?:(?:a|an|its|their|his|her|the)\s+)?(?:joint |official |brief |short |"
    r"televised |video |written |separate )?(?:statements?|tweets?|posts?|videos?|"
    r"interviews?|press conference|briefing|speech|(?:tele)?phone(?: call)?|WhatsApp|"
    r"Telegram|Twitter|(?-i:X)|Facebook|social media|e-?mail|(?:text |voice )?"
    r"messages?)\b"
)
# Adverbs between a speaker and its verb ("Australia later explicitly accepted"); a
# list, not any "-ly" word: "the family said", "the Daily said" are speakers.
_ADVERB = (
    r"(?:reportedly|allegedly|officially|publicly|initially|subsequently|recently|"
    r"explicitly|formally|flatly|categorically|firmly|strongly|swiftly|quickly|"
    r"immediately|falsely|openly|additionally|jointly|privately|directly)"
)
_SAY = (
    # The outlet told is capitalised: "told Enab Baladi", never "told reporters that
    # the bomb" (the patterns using this are case-insensitive).
    r"(?:said|says|say|added|adds|wrote|posted|tweeted|"
    r"told (?-i:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})"
    + _WHEN
    + _CHANNEL
    + r"|told [\w ]{1,40}?|stated|claimed|claims|announced|insisted|"
    # "Human Rights Watch has accused the army of killing …": what it says happened
    r"accused|accuses|"
    # "The SDF condemned the car bombing": a party speaking of the event
    r"condemned|condemns)"
)
_QUOTE_OPEN = '"“'
_QUOTE_THEN_SPEAKER = re.compile(
    rf"^[\"“](?P<quote>.+?)[\"”],?\s+(?P<verb>{_SAY}|{stances.DENY}|{stances.CONFIRM}|reported)\s+"
    rf"(?P<speaker>[^\"“]+?)[.!]?$",
    re.I,
)
_QUOTE_SPEAKER_SAID = re.compile(
    rf"^[\"“](?P<quote>.+?)[\"”],?\s+(?P<speaker>[^\"“]{{1,160}}?)\s+"
    rf"(?P<verb>{_SAY}|{stances.DENY}|{stances.CONFIRM}|reported)\b(?P<rest>[^\"“]*)$",
    re.I,
)
_NAME_WORDS = r"(?-i:[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})"
# "in a video statement on Monday", "on its Telegram channel": how and when.
_IN_STATEMENT = (
    rf"(?:\s+(?:in|on|via|over|through)\s+{_CHANNEL_WORDS}"
    r"(?:\s+(?:on|to)\s+(?:its\s+|their\s+)?[\w-]+(?:\s+(?:channel|account|page))?)?"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today))?)?"
)
_SPEAKER_VERB = re.compile(
    rf"(?P<speaker>[^\"“,]{{2,120}}?)"
    # "The SDF, in a statement on Telegram, said": an aside on how, not who
    # "The Observatory, which relies on sources inside Syria, said": a clause on who
    rf"(?:,\s*(?:meanwhile|however|also|too|(?:in|on|via|through)\s+[^\"“,]{{2,60}}?|"
    rf"(?:which|who|whose)\s+[^\"“,]{{2,90}}?),)?\s+"
    # "Hezbollah on Sunday morning said", "the army late on Friday said"
    rf"(?:(?:yesterday|today|(?:(?:late|early)\s+)?on \w+(?:\s+(?:morning|"
    rf"afternoon|evening|night))?|also|later|again|repeatedly|earlier|similarly|"
    rf"{_ADVERB}|"
    rf"separately|previously|has|have|had)\s+){{0,2}}(?P<verb>{stances.SHOWN}|{stances.DENY}|{stances.CONFIRM}|{_SAY}|"
    rf"(?:are|is|were|was) (?:saying|claiming|denying|disputing|reporting)|reported)"
    rf"(?:\s+to\s+{_NAME_WORDS})?"  # "reported to Enab Baladi"
    rf"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    rf"yesterday|today))?{_CHANNEL}{_IN_STATEMENT}[:,]?\s+"
    rf"(?:that\s+)?(?P<rest>.+)$",
    re.I,
)
# "Abu Nabout, a commander in Liwa Tawheed, said …", "A local activist and former
# correspondent, Muntasir Abu Nabut, said that …": a name and its description.
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:al|el|ad|ar|as|an|ash|at|bin|ibn)-[\w'’.-]+)"
_NAME = rf"(?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD}"
# "Pavlo Kyrylenko, Donetsk regional governor, said": a title with no article.
_TITLE_AHEAD = (
    r"(?=[^\"“,]{0,60}\b(?:governor|minister|spokes(?:man|woman|person)|official|"
    r"commander|mayor|leader|secretary)\b)"
)
# "X, governor of the Bandiagara region, said …": the place a title names is read
# with the content (where the event is), though the title belongs to the speaker.
_TITLE_OF_PLACE = re.compile(r",\s+(?:[\w-]+\s+){0,3}?of\s+(?:the\s+)?[A-Z]")
_APPOSED_SPEAKER_VERB = re.compile(
    # "The observatory, a Britain-based war monitoring group, said": a body named
    # by its common noun after "the" is set off the same way
    rf"(?P<speaker>(?:(?:{_NAME}|[Tt]he\s+[a-z][\w-]*),\s+"
    rf"(?:(?:an?|the|one|another)\s+|{_TITLE_AHEAD})"
    # "X, a spokesman for the Monitoring Mission, a group of cease-fire monitors,
    # said": a second apposition says what the first one's body is
    rf"[^\"“,]{{2,90}}?(?:,\s+(?:an?|the)\s+[^\"“,]{{2,90}}?)?|"
    rf"[^\"“,]{{2,90}}?,\s+{_NAME}),?)\s+"
    rf"(?:(?:later|also|earlier|{_ADVERB})\s+)?"  # "X, the head of Y, later denied"
    rf"(?P<verb>{stances.DENY}|{stances.CONFIRM}|{_SAY}|reported):?\s+"
    rf"(?:that\s+)?(?P<rest>.+)$"
)
# "Syrian Observatory for Human Rights said." alone.
_BARE_ATTRIBUTION = re.compile(
    rf"^(?:the\s+)?(?P<speaker>[^\"“,]{{2,80}}?)\s+(?:also\s+)?"
    rf"(?P<verb>{stances.DENY}|{stances.CONFIRM}|said|says|reported)\.?$",
    re.I,
)
# "For October 17th-18th, the Coalition reported: …": the lead-in is no speaker.
_INTRO = re.compile(
    r"^(?:(?:for|on|in|at|during|after|by|earlier|later|as of)\b[^,\"“]{1,60}|"
    # "Speaking to Enab Baladi, a resident said", "Two weeks ago, the army said",
    # "Fifteen months later in May 2020, the United States accepted …"
    r"(?:speaking|talking|writing|asked|quoted)\b[^,\"“]{1,60}|"
    r"[^,\"“]{1,40}\b(?:ago|later|earlier|afterwards)\b[^,\"“]{0,30}),\s*",
    re.I,
)
# "Syria News Desk reported that …", "Muslim said …": a name speaks.
_PROPER_NAME = re.compile(
    r"(?:the\s+)?(?:[A-Z][\w'’.&-]*|al-\w+)(?:\s+(?:[A-Z][\w'’.&-]*|al-\w+|of|for|and)){0,4}"
)
# "Local civil society representative Bravo Muhindo": a description, then a name.
_TITLED_NAME = re.compile(
    r"(?:[A-Za-z][\w'’-]*\s+){1,6}?(?-i:[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)"
)
_NAME_START = re.compile(r"(?:[A-Z]|(?:al|el|ad|ar|as|an|ash|at)-\w)")
# A lower-case word no name holds ("of", "al-" and "bin" do): "March 30 in an
# escalation of air strikes" is a clause, "Ahmed al-Jasim" or "Bank of Syria" a name.
_CLAUSE_WORD = re.compile(
    r"(?<![\w'’-])(?!(?:of|for|and|the|al|el|ad|ar|as|an|ash|at|bin|ibn|de|la|du|"
    r"van|von)\b)[a-z][\w'’]*"
)


_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Gen|Col|Sheikh)\.?\s+(?=[A-Z])")


def _surname_of(speaker: str, previous: str) -> bool:
    """ "Muslim" after "Anwar Muslim, co-chair of the Kobane canton"; "Mr Azazi"
    after "rescuer Mohammed Azazi"."""
    speaker = _HONORIFIC.sub("", speaker)
    if not previous or " " in speaker or not speaker[:1].isupper():
        return False
    name = previous.split(",")[0].split()
    return len(name) > 1 and name[-1] == speaker


# An outlet's credit before its lead: "Shafaq News/ On Tuesday, …".
_CREDIT = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*/\s+(?=\S)")
# "The source told …" after "a security source said …": the source just named.
_DEFINITE_SOURCE = re.compile(r"^the\s+(?:[\w-]+\s+)?sources?$", re.I)
_PLAIN_SOURCE = re.compile(r"(?:(?:a|an|the)\s+)?(?:local\s+)?sources?", re.I)


# "The statement also claimed …", "The ministry's statement added …" after "A statement
# by the Defence Ministry said …": the statement just quoted, so its speaker.
_STATEMENT_BACK = re.compile(
    r"^(?:the|this|that|its|their|the\s+same)\s+(?:(?:[\w-]+['’]s?|latest|new|joint|"
    r"written|brief|daily|military|ministry)\s+)?(?:statement|communiqu[ée]|"
    r"announcement|post|message|bulletin|briefing)$",
    re.I,
)


def _names_back(speaker: str, previous: str) -> bool:
    """ "he", "the spokesman", a surname, "the source" after a source or "the
    statement" after any speaker: the speaker named just before."""
    return bool(
        _PRONOUN.match(speaker)
        or (previous and _STATEMENT_BACK.match(speaker))
        or _surname_of(speaker, previous)
        or (
            _DEFINITE_SOURCE.match(speaker)
            and stances.SOURCES.search(previous)
            and not _PLAIN_SOURCE.fullmatch(previous)
        )
    )


# "…, said the SDF, blaming Turkey …": what follows the speaker is no part of it.
_PARTICIPLE = (
    r"(?:adding|citing|blaming|referring|noting|accusing|saying|stressing|explaining|"
    r"pointing out|according)"
)
_TRAILING_ACCORDING = re.compile(
    r"^(?P<rest>.+?),?\s+(?:(?P<via>[A-Z][\w.&' ]{1,40}?)\s+reported\s+)?"
    r"according to (?P<speaker>[^,.]+?)\.?$"
)
_TRAILING_REPORTED = re.compile(
    # '…, while “the ward was destroyed,” WHO's director-general said': a quotation
    # may close on the comma
    r"^(?P<rest>.+?),[\"”]?\s+(?:the\s+)?"
    # "the Syria-based Rojava Information Centre (RIC) reported", "the Syrian Civil
    # Defence (White Helmets) said": its bracketed short name too
    # a long title runs to 80 ("World Health Organisation Director-General Tedros
    # Adhanom Ghebreyesus")
    r"(?:(?P<via>[A-Za-z][\w.&'’ -]{1,80}?(?:\s+\([A-Z][\w.&'’ -]{1,30}\))?)|"
    # "…, the Observatory, a Britain-based war monitor, said.": a name, then what
    # it is (tried only after a capitalised name, so "…, northern Syria, a civil
    # defence group said" still finds the group)
    r"(?P<named>[A-Z][\w.&'’ -]{1,60}?),\s+(?P<desc>an?\s+[^,.\"“]{2,60}?))"
    r"(?:,\s*|\s+)"  # "…, Arabic sister service, Al-Araby Al-Jadeed, reported."
    r"(?:has |have )?(?P<verb>reported|said|says|added|announced|stated|claimed|"
    r"confirmed|confirms|denied|denies|wrote|posted|tweeted|"
    # "told AFP", "told Enab Baladi's correspondent": capitalised words, never a clause
    r"told (?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"(?:\s+(?:correspondent|reporter|office|news agency))?|reporters|journalists))"
    # when it was said ("on Monday, 10 February", "late on Sunday") and how ("on
    # Telegram", "in a statement on its Telegram channel", "via WhatsApp"): never
    # part of the speaker, and no part of the event
    r"(?:\s+(?:on|in|late|early|this)\s+[^.]{1,30}?|"
    rf"\s+(?:in|on|via|over|through|by)\s+{_CHANNEL_WORDS}(?:(?!that\b)[^.,]){{0,40}}?|"
    r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|"
    r"\s+on condition of anonymity(?:\s+(?:for|because|as)\s+[^.]{1,60}?)?)"
    r"{0,2}"
    # "…, SANA reported, citing a military source": the cited source speaks
    # "…, state television said quoting a military source, in …": the same
    r"(?:(?:,\s*|\s+)(?:citing|quoting)\s+(?P<cited>[^,.]{2,80}?))?"
    # "…, medics said, splintering a truce": a participle clause after the speaker
    rf"(?:,\s*(?:{_PARTICIPLE}|[a-z]+ing|as|while|amid|after|but|though|although|"
    r"which|who|whose|in (?:the|a|an|what|their|its|his|her))\b.*)?\.?$"
)
# "…, said Sarhad Qader, a police official.": a name, then who the person is.
_TRAILING_SAID_NAMED = re.compile(
    rf"^(?P<rest>.+?),[\"”]?\s+(?:said|says|added|told (?:[A-Z][\w'’.-]*\s*){{1,3}})\s+"
    rf"(?P<speaker>{_NAME},\s+(?:(?:an?|the)\s+|{_TITLE_AHEAD})[^\"“,.]{{2,80}}?)\.?$"
)
# "…, Orient News learnt from local sources."
_TRAILING_LEARNT = re.compile(
    r"^(?P<rest>.+?),\s+(?P<via>[A-Z][\w.&'’ -]{1,60}?)\s+(?:learnt|learned|heard)\s+"
    r"from\s+(?P<speaker>[^,.]{2,60}?)\.?$"
)
# "Five were killed, according to the White Helmets, when warplanes struck …"
_MID_ACCORDING = re.compile(
    r"^(?P<rest>.+?),\s+according to (?P<speaker>[^,]{2,80}),\s+(?P<more>.+)$"
)
# "…, said SANA, adding that …", "…, reported pro-regime newspaper Al-Watan."
_TRAILING_SAID_BY = re.compile(
    r"^(?P<rest>.+?)(?:,[\"”]?|[\"”],?)\s+(?:said|says|reported|announced)\s+(?:the\s+)?"
    r"(?P<via>(?![^,]*\b(?:that|was|were|is|are|had|has|have)\b)"
    # "said a local health official", "says health ministry": lower case too, but
    # never a clause ("said the army shelled …")
    r"(?!(?:(?!\b(?:who|which|whose)\b)[^,])*(?<![\w-])[a-z]+ed\b)"
    r"(?:[a-z][\w-]*\s+){0,4}?[\w][\w.&'’ -]{1,60}?)"
    r"(?:,\s*citing\s+(?P<cited>[^,.]{2,80}?))?"
    rf"(?:,\s*{_PARTICIPLE}\b.*|,?\s+(?:which|who|whose)\b.*)?\.?$"
)
# "SANA, citing a military source, said the army …": the cited source speaks, the
# outlet carries it.
_CITING_LEAD = re.compile(
    rf"^(?:the\s+)?(?P<via>[^\"“,]{{2,60}}?),\s+citing\s+(?P<speaker>[^,]{{2,80}}),\s+"
    rf"(?P<verb>{_SAY}|{stances.DENY}|{stances.CONFIRM}|reported)\s+(?:that\s+)?(?P<rest>.+)$",
    re.I,
)
# "The shelling was reported by the Observatory", "The attack was claimed by JNIM":
# the speaker after "by", the event before the verb.
_PASSIVE_BY = re.compile(
    r"^(?P<rest>.+?)\s+(?:was|were|is|are|has been|have been|had been)\s+"
    r"(?:also\s+|first\s+|later\s+|initially\s+|separately\s+)?"
    r"(?P<verb>reported|claimed|confirmed|acknowledged|announced|documented|recorded|"
    r"denied)\s+by\s+(?:the\s+)?(?P<speaker>[^,.;\"“]{2,80}?)"
    rf"(?:,\s*(?:{_PARTICIPLE}|which|who)\b.*)?\.?$",
    re.I,
)
# "The SDF, in a statement on Telegram, said …": the speaker leads, set off by an
# aside on how it spoke (read by _SPEAKER_VERB, not as a trailing "…, said X").
_ASIDE_LEAD = re.compile(
    rf"^[^\"“,]{{2,80}},\s*(?:(?:in|on|via|through)\s+[^\"“,]{{2,60}}|"
    # "The Observatory, a Britain-based war monitor, said", "…, which relies on …,"
    rf"(?:an?|the|which|who|whose)\s+[^\"“,]{{2,90}}),\s+"
    rf"(?:{_ADVERB}\s+)?(?:{_SAY}|{stances.DENY}|{stances.CONFIRM}|reported)\b",
    re.I,
)
# A headline's source after a dash: "Russian shelling kills five in Kharkiv -governor".
_HEADLINE_SOURCE = re.compile(
    r"^(?P<rest>[^.]+?)\s+[-–—]\s?(?P<via>(?:[\w'’-]+\s+){0,3}[\w'’-]+)$"
)
# "According to Al Araby, the Coalition launched …"
# A person's role set off after the name: "Mustafa Bali, the head of the SDF press
# office, …" (the role is the speaker's, not the event's).
_ROLE = (
    r"(?:the|an?)\s+(?:[\w'’-]+\s+){0,3}?(?:head|spokes(?:man|woman|person)|director|"
    r"chief|commander|leader|official|officer|member|founder|deputy|co-?chair\w*|"
    r"chair(?:man|woman)?|president|minister|governor|mayor|activist|journalist|"
    r"correspondent|researcher|analyst|resident|witness|doctor|medic)\b[^,\"“]{0,60}"
)
_LEADING_ACCORDING = re.compile(
    r"^(?:but\s+|and\s+)?according to "
    rf"(?P<speaker>(?-i:{_NAME}),\s+{_ROLE}|[^,]{{2,80}}),\s*(?P<rest>.+)$",
    re.I,
)
# "The victim was also named by Euphrates Post, who said that he was killed in …"
_WHO_SAID = re.compile(
    r"(?P<speaker>(?:[A-Z][\w.&'’-]*|al-\w+)(?:\s+(?:[A-Z][\w.&'’-]*|al-\w+|of|for|and)){0,5}),"
    r"\s+who\s+(?:also\s+|later\s+)?(?P<verb>said|says|reported|added|"
    r"told\s+(?:[A-Z][\w.&'’-]*\s*){1,3})\s+(?:that\s+)?(?P<rest>.+)$"
)
_LEADING_ADVERB = re.compile(
    r"^(?:meanwhile|however|separately|earlier|later|also|moreover|in addition|"
    r"elsewhere|in another incident|in a separate incident),\s*",
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
_PRONOUN = re.compile(
    r"^(?:he|she|they|it|him|her|them|the spokesman|the spokeswoman)$", re.I
)
_NOT_A_NAME = re.compile(
    r"^(?:he|she|they|it|we|i|you|this|that|these|those|there|what|which|who|one)$",
    re.I,
)


def with_party_speaker(statement: Statement, kinds: set[str]) -> Statement:
    """A speaker the actor list knows as an armed or state party ("the SDF said")
    claims what it reports; an outlet or monitor named after one still reports."""
    speaker = statement.speaker.split(" (via ")[0]
    if (
        kinds & stances.PARTY_KINDS
        and statement.stance == "reports"
        and stances.OWN_CHANNEL.match(speaker)
    ):
        return dataclasses.replace(statement, stance="claims")  # "Houthis' Saba"
    if (
        kinds & stances.PARTY_KINDS
        and statement.stance == "reports"
        # "an SAF source", "rebel sources": a side's own sources speak for it
        and not stances.REPORTER_WORDS.search(stances.SOURCES.sub("", speaker))
        and not stances.OUTLET_WORDS.search(speaker)
        and not stances.AID_WORDS.search(speaker)
    ):
        return dataclasses.replace(statement, stance="claims")
    return statement


_FUTURE = _rx(
    r"\b(?:will|would|shall|going to|plans? to|planning to|intends? to|vow(?:s|ed)? to|"
    r"threaten(?:s|ed)? to|preparing to|prepares to|"
    r"seeks? to|aims? to|attempts? to|expects? to|is about to|are about to)\b"
)
# How far into what is said an intent word still governs it: "it will launch an
# offensive on X", not "12 were killed in X, and the toll would rise".
_INTENT_REACH = 60


def is_intent(statement: Statement) -> bool:
    """What the speaker says is to come ("the army said it will launch an offensive
    on X", "Russia plans to …"): no evidence of an event already told."""
    return bool(statement.speaker and _FUTURE.search(statement.content[:_INTENT_REACH]))


# "the Observatory said the toll had risen": the events before, named again.
_REFERS_BACK = _rx(
    r"\b(?:the|this|that|these|its|their)\s+(?:[\w-]+\s+)?(?:strikes?|attacks?|"
    r"raids?|shelling|bombardment|bombing|toll|victims|dead|casualties|clashes|"
    r"fighting|incident|explosion|blast|assault|capture|advance)\b"
)
# "the army said foreign troops had occupied the town": the place just told, not
# "the village of Qastoun", which names its own.
_PLACE_BACK = re.compile(
    r"\b[Tt]h(?:e|is|at)\s+(?:town|city|village|base|site|locality|settlement)\b"
    r"(?!\s+(?:of\s+)?[A-Z])"
)


# "The Israeli military said it targeted …": the party owning the strikes just told.
_OWNS_IT = _rx(
    r"^(?:that\s+)?(?:it|they|its (?:forces|jets|aircraft|troops))\s+(?:had\s+)?"
    r"(?:targeted|struck|hit|attacked|bombed|shelled|raided|carried out)\b"
)


def follows_up(
    statement: Statement, *, own_event: bool = False, verb: str = ""
) -> bool:
    """A statement about the events before it: "X confirmed/denied it" naming no
    event of its own (a reporter's "confirmed" too, which reports), or a bare "the
    Observatory said." (a sentence the wire's line breaks cut off)."""
    if not statement.speaker or own_event or _FUTURE.search(statement.content):
        return False  # "… said it will respond": intent, no evidence of the event
    return (
        statement.stance in ("confirms", "denies")
        or bool(stances.CONFIRM_VERB.fullmatch(verb))
        or not statement.content.strip()
        or bool(_REFERS_BACK.search(statement.content))
        or bool(_PLACE_BACK.search(statement.content))
        or bool(_OWNS_IT.match(statement.content.strip()))
    )


# Compiled once: re's own cache is emptied by the many patterns dateparser compiles.
_PARTICIPLE_TAIL = re.compile(rf",\s*{_PARTICIPLE}\b.*$")
# "various FSA factions in a statement Thursday", "a resident via WhatsApp": how and
# when it was said is no part of who said it.
_WEEKDAY = (
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today))"
)
_IN_A_STATEMENT_TAIL = _rx(
    rf"{_WEEKDAY}?\s+(?:in|on|via|over|through|by)\s+{_CHANNEL_WORDS}.*$|{_WEEKDAY}$"
)


_RELATIVE_TAIL = re.compile(r"\s+(?:who|which|whose)\b.*$")
_COMMA_RELATIVE_TAIL = re.compile(r",\s*(?:who|whose)\b.*$")
# A clause saying someone did not speak, joined to the one who did.
_NO_WORD_THEN = _rx(
    r"^there\s+(?:was|were|has been|had been)\s+no\b.*?\s+and\s+"
    r"(?P<who>(?:the|an?)\s+.+)$"
)


# "But several media are reporting …": a conjunction opens the clause, not the name.
_CONJUNCTION = re.compile(r"^(?:but|and|yet|so)\s+(?=\S)", re.I)
# "several media are reporting the army as saying they repelled …": the army speaks,
# the media relay it.
_AS_SAYING = re.compile(
    r"^(?P<who>[^,\"“]{2,80}?)\s+as\s+(?P<verb>saying|claiming|denying)\s+"
    r"(?:that\s+)?(?P<rest>.+)$"
)


def _tidy_speaker(speaker: str) -> tuple[str, str]:
    """(speaker, relaying outlet) with "in a statement carried by TASS" moved out."""
    speaker = _CONJUNCTION.sub("", _DATELINE.sub("", speaker.strip()))
    speaker = _LEADING_ADVERB.sub("", speaker).strip(" ,.")
    via = ""
    match = _VIA.search(speaker)
    if match:
        via = match.group("via").strip(" .")
        speaker = speaker[: match.start()].strip(" ,.")
    speaker = _PARTICIPLE_TAIL.sub("", speaker)
    speaker = _IN_A_STATEMENT_TAIL.sub("", speaker)
    speaker = _COMMA_RELATIVE_TAIL.sub("", speaker)  # "the man, who said he saw …"
    no_word = _NO_WORD_THEN.match(speaker)
    if no_word:  # "There was no comment from X and a local official denied …"
        speaker = no_word.group("who")
    return speaker, via


def _with_via(speaker: str, via: str) -> str:
    if via and via.lower() not in speaker.lower():
        return f"{speaker} (via {via})" if speaker else via
    return speaker


def attribute(sentence: str, *, previous_speaker: str = "") -> Statement:
    """The statement a sentence makes; unattributed sentences are the article's report."""
    # A wire's hard line breaks ("the\nSyrian Observatory … said."): spaces, same
    # offsets.
    text = wireshapes.blank(sentence.strip().replace("\n", " "))
    credit = _CREDIT.match(text)
    if credit:  # "Shafaq News/ On Tuesday, a security source said …"
        inner = attribute(text[credit.end() :], previous_speaker=previous_speaker)
        if inner.speaker:
            verb = inner.verb_span
            return dataclasses.replace(
                inner,
                content_start=inner.content_start + credit.end(),
                verb_span=verb and (verb[0] + credit.end(), verb[1] + credit.end()),
            )
    lowered = cues.lowered(text)  # a pattern none of whose words is here is not tried
    match = cues.tried(_QUOTE_THEN_SPEAKER, text, lowered) or cues.tried(
        _QUOTE_SPEAKER_SAID, text, lowered
    )
    if match:
        quote = match.group("quote").strip().rstrip(",")
        speaker, via = _tidy_speaker(match.group("speaker"))
        rest = match.groupdict().get("rest") or ""
        if not via:
            via_match = _VIA.search(rest)
            via = via_match.group("via").strip(" .") if via_match else ""
        if previous_speaker and _names_back(speaker, previous_speaker):
            speaker = previous_speaker
        stance = stances.stance_of(match.group("verb"), speaker, quote)
        return Statement(
            stance, _with_via(speaker, via), quote, quote, text.find(quote),
            match.span("verb"),
        )  # fmt: skip
    cited = cues.tried(_CITING_LEAD, text, lowered)
    if cited:
        speaker = cited.group("speaker").strip()
        via = _tidy_speaker(cited.group("via"))[0]
        rest = cited.group("rest").strip()
        stance = stances.stance_of(cited.group("verb"), speaker, rest)
        return Statement(
            stance, _with_via(speaker, via), rest.rstrip("."), rest,
            cited.start("rest"), cited.span("verb"),
        )  # fmt: skip
    passive = cues.tried(_PASSIVE_BY, text, lowered)
    if passive and not _NOT_A_NAME.match(passive.group("speaker")):
        speaker, via = _tidy_speaker(passive.group("speaker"))
        rest = passive.group("rest").strip()
        stance = stances.stance_of(passive.group("verb"), speaker, rest)
        if passive.end("speaker") < len(text.rstrip(". ")):
            rest = text  # "…, which said that five were killed in X": X is told too
        return Statement(
            stance, _with_via(speaker, via), rest, rest, 0, passive.span("verb")
        )
    match = (
        cues.tried(_TRAILING_ACCORDING, text, lowered)
        or cues.tried(_MID_ACCORDING, text, lowered)
        or cues.tried(_TRAILING_LEARNT, text, lowered)
        or cues.tried(_TRAILING_REPORTED, text, lowered)
        or cues.tried(_TRAILING_SAID_NAMED, text, lowered)
        or cues.tried(_TRAILING_SAID_BY, text, lowered)
        or cues.tried(_LEADING_ACCORDING, text, lowered)
        or _HEADLINE_SOURCE.match(text)
    )
    if (
        match
        and not text.startswith(tuple(_QUOTE_OPEN))
        and not _ASIDE_LEAD.match(text)
        # a headline's dash names a source only with a source's word ("-governor"),
        # never a place ("Clashes in Tripoli – Tajoura")
        and not (
            match.re is _HEADLINE_SOURCE and not stances.names_a_source(match["via"])
        )
    ):
        rest = match.group("rest").strip()
        # Where the content starts: "According to X, five were killed" opens at
        # "five" (offsets into the sentence place its cues, dates and places).
        at = (
            match.start("rest")
            + len(match.group("rest"))
            - len(match.group("rest").lstrip())
        )
        if match.groupdict().get("more"):
            rest, at = text, 0  # the speaker stands in the middle
        desc = match.groupdict().get("desc")
        if (
            desc
            and _CLAUSE_WORD.search(match.group("named"))
            and stances.names_a_source(desc)
        ):
            # "…on Thursday, March 30 in an escalation of air strikes, a rebel
            # official and a monitor said": the words before the speaker are the
            # event's, not a name the speaker describes ("Ahmed Jasim, a resident")
            rest = text[: match.end("named")]
            clause_speaker = desc
        else:
            clause_speaker = ""
        speaker = (
            match.groupdict().get("speaker") or match.groupdict().get("cited") or ""
        ).strip()
        # "according to an SAF source who spoke to Radio Dabanga": who, not what
        speaker = wireshapes.unwrapped(_RELATIVE_TAIL.sub("", speaker))
        if speaker and previous_speaker and _PRONOUN.match(speaker):
            speaker = previous_speaker  # "According to him, …": the one just named
        via = (
            clause_speaker
            or match.groupdict().get("via")
            or match.groupdict().get("named")
            or ""
        )
        via = _tidy_speaker(via)[0]
        if not speaker and previous_speaker and _names_back(via, previous_speaker):
            via = previous_speaker  # "…, it said.", "…, Muhindo said.": just named
        who = speaker or via
        if not speaker and not (
            stances.PARTY_WORDS.search(via)
            or stances.REPORTER_WORDS.search(via)
            or stances.AID_WORDS.search(via)
            or stances.OUTLET_WORDS.search(via)
            or _NAME_START.match(via)
        ):
            return Statement("reports", "", text, text, 0, None)
        verb = match.groupdict().get("verb") or ("said" if speaker else "reported")
        stance = stances.stance_of(verb, who, rest)
        if (
            stance == "claims"
            and match.re in (_LEADING_ACCORDING, _TRAILING_ACCORDING)
            and _PROPER_NAME.fullmatch(speaker)
            and not stances.PARTY_WORDS.search(speaker)
        ):
            # "According to Al Araby, …": a name cited as a source, an outlet's way;
            # a party the actor list knows claims again (with_party_speaker).
            stance = "reports"
        if stance == "reports" and not speaker and stances.is_party(via):
            stance = "claims"  # ", two rebel officials told Reuters."
        return Statement(stance, _with_via(speaker, via), rest, rest, at, None)
    bare = cues.tried(_BARE_ATTRIBUTION, text, lowered)
    if bare and not _PRONOUN.match(bare.group("speaker")):
        speaker = bare.group("speaker").strip()
        stance = stances.stance_of(bare.group("verb"), speaker, "")
        return Statement(stance, speaker, "", "", len(text), bare.span("verb"))
    who = cues.tried(_WHO_SAID, text, lowered, search=True)
    if who and not _NOT_A_NAME.match(who.group("speaker")):
        speaker = who.group("speaker").strip()
        rest = who.group("rest").strip()
        stance = stances.stance_of(who.group("verb"), speaker, rest)
        return Statement(
            stance, speaker, rest.rstrip("."), rest, who.start("rest"), who.span("verb")
        )
    lead = _LEADING_ADVERB.match(text) or _INTRO.match(text)
    skip = lead.end() if lead else 0
    match = cues.tried(_APPOSED_SPEAKER_VERB, text, lowered, skip) or cues.tried(
        _SPEAKER_VERB, text, lowered, skip
    )
    # a name with two appositions runs longer than a bare speaker
    most = 20 if match and match.re is _APPOSED_SPEAKER_VERB else 16
    if match and len(match.group("speaker").split()) <= most:
        speaker, via = _tidy_speaker(match.group("speaker"))
        if previous_speaker and _names_back(speaker, previous_speaker):
            speaker = previous_speaker  # "Muslim said" after "Anwar Muslim, …, said"
        rest = match.group("rest").strip()
        verb = match.group("verb")
        relayed = _AS_SAYING.match(rest)
        if relayed and stances.names_a_source(relayed.group("who")):
            via = via or speaker
            speaker, rest = relayed.group("who"), relayed.group("rest")
            verb = {"saying": "said", "claiming": "claimed"}.get(
                relayed.group("verb"), "denied"
            )
        stance = stances.stance_of(verb, speaker, rest)
        if speaker and (
            speaker == previous_speaker
            or stances.PARTY_WORDS.search(speaker)
            or stances.REPORTER_WORDS.search(speaker)
            or stances.OUTLET_WORDS.search(speaker)
            or stances.AID_WORDS.search(speaker)
            or (_PROPER_NAME.fullmatch(speaker) and not _NOT_A_NAME.match(speaker))
            or _TITLED_NAME.fullmatch(speaker)
        ):
            titled = (
                _TITLE_OF_PLACE.search(match.group("speaker"))
                if match.re is _APPOSED_SPEAKER_VERB
                else None
            )
            if titled:  # content from the title on: its place is read too
                at = match.start("speaker") + titled.start()
                return Statement(
                    stance, _with_via(speaker, via), rest.rstrip("."), text[at:],
                    at, match.span("verb"),
                )  # fmt: skip
            return Statement(
                stance, _with_via(speaker, via), rest.rstrip("."), rest,
                match.start("rest"), match.span("verb"),
            )  # fmt: skip
    clause = wireshapes.speaker_in_clause(text)
    if clause:  # "…, which Klymenko said was struck 12 times"
        speaker = clause[0]
        if _surname_of(speaker, previous_speaker):
            speaker = previous_speaker
        return Statement(
            stances.stance_of(clause[1], speaker, text), speaker, text, text, 0, None
        )
    return Statement("reports", "", text, text, 0, None)


# "A bomber struck a base on Tuesday, and al-Shabab claimed responsibility for
# the attack": the story's own telling, then a second voice on the same event.
_SECOND_VOICE = re.compile(
    r",\s+and\s+(?P<speaker>(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+)\s+"
    r"(?P<verb>claimed|said|says|denied|denies|confirmed|admitted|reported)\s+"
    r"(?!to\s)(?P<rest>\S.*)$"  # "forces said to be loyal to …": no voice
)


def second_voice(sentence: str) -> Statement | None:
    """The voice of a sentence's last clause joined by ", and", when the sentence
    opens in the story's own voice."""
    found = _SECOND_VOICE.search(sentence)
    if not found:
        return None
    speaker, rest = found.group("speaker"), found.group("rest")
    if not (stances.names_a_source(speaker) or _PROPER_NAME.fullmatch(speaker)):
        return None
    if _PRONOUN.match(speaker) or _NOT_A_NAME.match(speaker):
        return None
    stance = stances.stance_of(found.group("verb"), speaker, rest)
    return Statement(
        stance, speaker, rest.rstrip("."), rest, found.start("rest"),
        found.span("verb"),
    )  # fmt: skip


_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")
# The capitalised name just before "(RIC)"; tried on a short window before each
# acronym, not at every position of the article (that took ~10 ms an article).
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+|(?:of|for|and|the)\s+){1,7})$")


class Acronyms(dict):
    """Short names the article defines ("Rojava Information Centre (RIC)"), and, asked
    for one it does not define, the capitalised name whose initials spell it ("the
    communist New People's Army", later "the NPA"), looked up once per short name."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.tried: set[str] = set()

    def full(self, short: str) -> str | None:
        if short in self:
            return self[short]
        if short in self.tried or not _SHORT.fullmatch(short):
            return None
        self.tried.add(short)
        # the initials as capitalised words, "of"/"for"/"the"/"and" allowed between
        words = r"\s+(?:(?:of|for|the|and)\s+)?".join(
            rf"{letter}[\w'’.-]*" for letter in short
        )
        named = re.search(rf"(?<![\w'’-])(?-i:{words})(?![\w'’-])", self.text)
        if named and not named.group(0).isupper():
            self[short] = named.group(0)
            return self[short]
        return None


_SHORT = re.compile(r"[A-Z]{3,6}")


def acronyms(text: str) -> Acronyms:
    """ "Rojava Information Centre (RIC)": {"RIC": "Rojava Information Centre"}."""
    found = Acronyms(text)
    for acronym in _ACRONYM.finditer(text):
        name = _NAME_BEFORE.search(text, max(0, acronym.start() - 200), acronym.start())
        if name is None:
            continue
        full = re.sub(r"^(?:the|of|for|and)\s+", "", name.group(1).strip(), flags=re.I)
        found.setdefault(acronym.group(1), full)
    return found


def with_full_speaker(statement: Statement, names: dict[str, str]) -> Statement:
    """ "the RIC said" where the article defined the RIC: the full name, its stance."""
    speaker, _, via = statement.speaker.partition(" (via ")
    short = re.sub(r"^the\s+", "", speaker, flags=re.I)
    name = names.full(short) if isinstance(names, Acronyms) else names.get(short)
    if not name:
        return statement
    full = f"{name} ({short})"
    stance = statement.stance
    if stance in ("claims", "reports"):
        stance = stances.stance_of("said", full, statement.quote)
    speaker = f"{full} (via {via}" if via else full
    return dataclasses.replace(statement, stance=stance, speaker=speaker)
