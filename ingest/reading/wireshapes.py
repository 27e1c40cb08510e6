"""Wire-copy shapes around a speaker that hide it from ingest/statements/speakers.py: a carrier's
"…, Reuters reports." after the real source, an aside between a speaker and its verb
("A security source, requesting anonymity as …, said"), a speaker named inside a
relative clause ("…, which Klymenko said was struck 12 times") and the wrapping of a
speaker's name ("a statement from the Civil Defense … early on Saturday").

``blank`` keeps the sentence's length (asides become spaces), so offsets into it
(spans, places, dates) stay right."""

import re

_SAY = r"(?:said|says|told|confirmed|denied|added|reported|stated|announced)"
# "…, the Syrian army said, in the second such attack, Reuters reports.": the outlet
# that carries the story, after the source it quotes.
_CARRIER_TAIL = re.compile(
    r",\s+(?:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2})\s+(?:reports|reported)\.?\s*$"
)
_SOURCE_BEFORE = re.compile(rf",\s+(?:the\s+)?[^,]{{2,80}}?\s+{_SAY}\b")
# "A Lebanese security source, requesting anonymity as they were not authorised to
# speak to the media, confirmed …": how the source spoke, not who.
_ASIDE = re.compile(
    r"^(?P<who>[^,\"“]{2,80}),\s*(?P<aside>(?:requesting|speaking|asking|declining|"
    r"who (?:requested|asked|spoke|declined))\b[^,\"“]{2,120}?),\s+"
    rf"(?=(?:[a-z]+ly\s+)?{_SAY}\b)"
)
# "…, which Klymenko said was struck", "…, which the army says were hit": the speaker
# of what the clause tells.
_WHICH_SAID = re.compile(
    r"\b(?:which|who|where)\s+(?P<speaker>(?:the\s+)?(?:[A-Z][\w'’.-]*)"
    r"(?:\s+[A-Z][\w'’.-]*){0,3}|the\s+[a-z]+(?:\s+[a-z]+){0,2})\s+"
    r"(?P<verb>said|says|claimed|claims|reported)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:was|were|is|are|been|had|killed|hit|struck|shelled)\b"
)
# "a statement from the Gaza Civil Defense and WAFA early on Saturday": the sources.
_WRAPPED = re.compile(
    r"^(?:an?|the)\s+(?:joint\s+|written\s+|separate\s+)?(?:statements?|reports?|"
    r"posts?|tweets?|announcements?|tallies|tally|figures)\s+(?:from|by|of)\s+",
    re.I,
)
_WHEN_TAIL = re.compile(
    r"\s+(?:(?:early|late|earlier|later)\s+)?(?:on\s+)?(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|yesterday|today)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"
)


def _spaces(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


# "…, the Observatory said. [...]": an editor's mark of omitted text after the sentence.
_OMITTED_TAIL = re.compile(r"\s*[\[(](?:\.\.\.|…)[\])]\s*$")


def blank(text: str) -> str:
    """The sentence with an omission mark, a carrier's tail and a how-it-was-said
    aside blanked."""
    omitted = _OMITTED_TAIL.search(text)
    if omitted:
        text = _spaces(text, omitted.start(), omitted.end()).rstrip()
    tail = _CARRIER_TAIL.search(text)
    if tail and _SOURCE_BEFORE.search(text, 0, tail.start()):
        text = _spaces(text, tail.start(), tail.end())
    aside = _ASIDE.match(text)
    if aside:
        text = _spaces(text, aside.end("who"), aside.end())
    return text


def speaker_in_clause(text: str) -> tuple[str, str] | None:
    """(speaker, verb) of "…, which X said was hit", or None."""
    found = _WHICH_SAID.search(text)
    if not found or found.group("speaker").lower() in {"it", "they", "he", "she"}:
        return None
    return found.group("speaker"), found.group("verb")


def unwrapped(speaker: str) -> str:
    """ "a statement from X early on Saturday" -> "X"."""
    return _WHEN_TAIL.sub("", _WRAPPED.sub("", speaker)).strip()
