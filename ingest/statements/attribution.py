"""The attribution patterns speakers.attribute (ingest/statements/speakers.py) reads a
statement's speaker with: the verbs of saying and their channels, quotes, names and titles,
trailing, leading and mid-sentence attributions ("according to", "said", "reported",
"cited by"), a dateline, a pronoun, what is no name. Split from
ingest/statements/speakers.py."""

import re

from ingest.statements import stances


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


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
    rf"^(?:the\s+)?(?P<speaker>[^\"“,]{{2,80}}?)"
    # "No casualties were reported.": a passive names no speaker
    rf"(?<!\bwere)(?<!\bwas)(?<!\bbeen)(?<!\bare)(?<!\bis)"
    rf"\s+(?:also\s+|has\s+|have\s+)?"
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
    r"furthermore|accordingly|elsewhere|in another incident|in a separate incident|"
    # "Yesterday, SOHR activists reported that …": when, not who
    r"yesterday|today|tonight|last night|earlier today|"
    r"this (?:morning|afternoon|evening)),\s*",
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
