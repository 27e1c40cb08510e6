"""Attributed statements: who the article says said what, and the stance it takes.

The speaker cues (verbs, "according to", "X, citing Y", "was reported by X", quotes,
"via") are tried here in one order in ``attribute``; the patterns themselves are in
ingest/statements/attribution.py, a statement's intent and follow-ups in
ingest/statements/followups.py, acronyms written out in ingest/statements/fullnames.py.
Which stance a speaker takes (party, reporter, aid service, outlet) is in
ingest/statements/stances.py; event-type and actor-role rules are in
ingest/kinds/rules.py and ingest/actors/roles.py."""

import dataclasses
import re
from dataclasses import dataclass

from ingest.reading import cues, wireshapes
from ingest.statements import stances
from ingest.statements.attribution import (
    _APPOSED_SPEAKER_VERB,
    _ASIDE_LEAD,
    _BARE_ATTRIBUTION,
    _CHANNEL_WORDS,
    _CITING_LEAD,
    _CLAUSE_WORD,
    _CREDIT,
    _DATELINE,
    _DEFINITE_SOURCE,
    _HEADLINE_SOURCE,
    _HONORIFIC,
    _INTRO,
    _LEADING_ACCORDING,
    _LEADING_ADVERB,
    _MID_ACCORDING,
    _NAME_START,
    _NOT_A_NAME,
    _PARTICIPLE,
    _PASSIVE_BY,
    _PLAIN_SOURCE,
    _PRONOUN,
    _PROPER_NAME,
    _QUOTE_OPEN,
    _QUOTE_SPEAKER_SAID,
    _QUOTE_THEN_SPEAKER,
    _SPEAKER_VERB,
    _STATEMENT_BACK,
    _TITLE_OF_PLACE,
    _TITLED_NAME,
    _TRAILING_ACCORDING,
    _TRAILING_LEARNT,
    _TRAILING_REPORTED,
    _TRAILING_SAID_BY,
    _TRAILING_SAID_NAMED,
    _VIA,
    _WHO_SAID,
    _rx,
)


@dataclass(frozen=True, slots=True)
class Statement:
    """Who the article says said what, and the stance that takes on the event."""

    stance: str  # reports / claims / confirms / denies
    speaker: str
    quote: str
    content: str  # the part of the sentence that describes events
    content_start: int  # offset of content in the sentence
    verb_span: tuple[int, int] | None = None
    governed: bool = False  # said in another sentence (plaincarry): no own evidence


def _surname_of(speaker: str, previous: str) -> bool:
    """ "Muslim" after "Anwar Muslim, co-chair of the Kobane canton"; "Mr Azazi"
    after "rescuer Mohammed Azazi"."""
    speaker = _HONORIFIC.sub("", speaker)
    if not previous or " " in speaker or not speaker[:1].isupper():
        return False
    name = previous.split(",")[0].split()
    return len(name) > 1 and name[-1] == speaker


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
