"""Wire-story structure: sentences glued without a space, cues that open another
incident, the lead's speaker carried into the sentences after it, and the area a
story's dateline and lead give its events when nothing finer is named.

- ".Wafa added" (a page's lost line break) is two sentences: ``unglue``.
- "In a separate incident, …", "Elsewhere, …" open another incident: it keeps no
  place of the one before (``opens_other_incident``).
- "Gunmen killed five in X, officials said. The attack also wounded ten.": the lead's
  speaker says the unattributed sentences right after it too (``LeadVoice``).
- "KHARTOUM, Oct 22 (Reuters) -", "in northern Mali": the story's country or region,
  the place of an event that names none (``Area``); never a point.
"""

import dataclasses
import re

from ingest.country import countrycues, datelines, demonyms
from ingest.statements import speakers, stances
from ingest.where import countrynames
from ingest.where.mention import PlaceMention
from places import gazetteer_world

# "…, the ministry said.Wafa added": a sentence end glued to the next sentence's
# capital. Two lower-case letters before the stop keep "U.S.Army", "Mr.Smith" and
# initials whole; a lower-case letter after it keeps "Sabanews.net".
_GLUED = re.compile(
    r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z]{2}[.!?][\"”])(?=[A-Z])"
)


def unglue(text: str) -> str:
    """The text with a space after each sentence end glued to the next sentence."""
    return _GLUED.sub(" ", text)


# A sentence that opens on another incident; its events keep no place of the ones
# before ("Elsewhere, gunmen killed two soldiers" is not in the village just named).
_OTHER_INCIDENT = re.compile(
    r"^\W*(?:in\s+(?:a|another)\s+(?:separate\s+|similar\s+|second\s+)?"
    r"(?:incident|attack|development|strike|raid|clash(?:es)?|assault)|"
    r"separately|elsewhere|meanwhile|in\s+other\s+(?:news|developments))\b",
    re.I,
)


def opens_other_incident(sentence: str) -> bool:
    return bool(_OTHER_INCIDENT.match(sentence))


def within(found: list, span: tuple[int, int] | None) -> list:
    """The dates of ``found`` inside ``span`` (a dateline's): when the story was filed."""
    if span is None:
        return []
    return [d for d in found if span[0] <= d.start and d.end <= span[1]]


# "close to the Niger border", "near the border with Niger": the country names where
# the border is, not where the event happened.
_BORDER_AFTER = re.compile(r"(?:'s)?\s+(?:border|frontier)\b", re.I)
_BORDER_BEFORE = re.compile(
    r"\b(?:border|frontier)s?\s+(?:with|of)\s+(?:the\s+)?$|\bborders?\s+between\s+"
    r"(?:\w+\s+){0,3}(?:and\s+)?$",
    re.I,
)


def names_a_border(sentence: str, place: PlaceMention) -> bool:
    """The place names a border ("the Niger border"): a reference, no event's place."""
    return bool(
        _BORDER_AFTER.match(sentence, place.end)
        or _BORDER_BEFORE.search(sentence[max(0, place.start - 40) : place.start])
    )


# Names the press uses for a country that GeoNames' English name is not ("Palestinian
# Territory", "Democratic Republic of the Congo"), and the people's adjectives of the
# countries whose wars the corpus covers beyond Syria's neighbours; each counts as
# naming the country when the article's country is detected.
_PRESS_NAMES = {
    "PS": r"West Bank",  # "Gaza", "Palestine": countrynames.NEWS_NAMES (counted there)
    "CD": r"DRC|DR Congo|Democratic Republic of (?:the )?Congo|Congolese",
    "SO": r"Somali",
    "BF": r"Burkinabe|Burkinab[eè]",
    "ML": r"Malian",
    "SD": r"Sudanese",
    "YE": r"Yemeni",
    "UA": r"Ukrainian",
    "MM": r"Burmese|Myanmar's",
    "LY": r"Libyan",
}
# One \b before the alternatives, not one in each: the same matches, without trying
# every country's group at each character (~4x faster over a whole article).
_PRESS = re.compile(
    r"\b(?:"
    + "|".join(rf"(?P<{code}>(?:{names})\b)" for code, names in _PRESS_NAMES.items())
    + ")"
)
_PRESS_CODES = frozenset(_PRESS_NAMES)
DATELINE_WEIGHT = 2  # a dateline names where the story was filed: its country

# A first-level area of a country named as one ("Donetsk region", "Gezira State",
# "the Mopti region", "Kharkiv Oblast"), or by a name with a compass or position word
# ("North Darfur", "Middle Shabelle"): a story naming it is about that country even
# when it never names the country ("Russians shell Donetsk region"). Only a name that
# one country's admin-1 areas bear counts ("Red Sea" is Sudan's and Egypt's).
_ADMIN_WORD = (
    r"(?:[Rr]egion|[Oo]blast|[Pp]rovince|[Ss]tate|[Gg]overnorate|[Pp]refecture)"
)
_NAME = r"[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){0,2}"
_AREA_NAMED = re.compile(rf"\b({_NAME})\s+{_ADMIN_WORD}\b")
# "the province of Daraa", "the Mopti region"'s other shape ("state of" is left out:
# "the Islamic State of Iraq").
_AREA_OF = re.compile(
    rf"\b(?:[Pp]rovince|[Rr]egion|[Gg]overnorate|[Oo]blast|[Pp]refecture)\s+of\s+"
    rf"(?:the\s+)?({_NAME})"
)
_AREA_PLACED = re.compile(
    r"\b((?:North|South|East|West|Central|Upper|Lower|Middle)(?:ern)?[ -][A-Z][\w'’]*)"
)
# Names that are only a position or a common word ("Centre", "Est", "Northern"): not
# a cue on their own.
_PLAIN = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "est",
        "centre",
        "center",
        "central",
        "capital",
        "upper",
        "lower",
        "middle",
        "northern",
        "southern",
        "eastern",
        "western",
        "coast",
        "islands",
        "the",
        "of",
    ]
)


def area_cues(text: str) -> dict[str, int]:
    """How often the text names an admin-1 area of each country (see _AREA_NAMED)."""
    known = gazetteer_world.admin1_countries()
    counts: dict[str, int] = {}
    taken: set[int] = set()  # "Lower Shabelle region" counts once
    for pattern in (_AREA_NAMED, _AREA_OF, _AREA_PLACED):
        for match in pattern.finditer(text):
            key = gazetteer_world.admin1_key(match.group(1))
            if not key or set(key.split()) <= _PLAIN or match.start(1) in taken:
                continue
            taken.update(range(*match.span(1)))
            countries = known.get(key, ())
            if len(countries) == 1:
                (code,) = countries
                counts[code] = counts.get(code, 0) + 1
    return counts


def filed_from(first_sentences: list[str]) -> str:
    """The country code of the story's dateline ("" when it has none we know)."""
    for sentence in first_sentences:
        if datelines.dateline_span(sentence) is not None:
            return datelines.filed_in(sentence)
    return ""


def country_cues(text: str, first_sentences: list[str]) -> dict[str, int]:
    """How often the text names each country beyond its GeoNames name: its admin-1
    areas, the press's names and adjectives, one country's armed groups
    (``countrycues``), and a dateline's country (counted twice)."""
    counts = area_cues(text)
    for code, n in countrycues.counts(text).items():  # "Hezbollah", "M23", "Congo"
        counts[code] = counts.get(code, 0) + n
    for match in _PRESS.finditer(text):
        counts[match.lastgroup] = counts.get(match.lastgroup, 0) + 1
    for code, n in demonyms.counts(text, skip=_PRESS_CODES).items():  # "Colombian"
        counts[code] = counts.get(code, 0) + n
    code = filed_from(first_sentences)
    if code:
        counts[code] = counts.get(code, 0) + DATELINE_WEIGHT
    return counts


# How many sentences after the lead its speaker still covers, and how far into the
# article a lead may stand (a title, a byline and a dateline may come first).
VOICE_SPAN = 2
LEAD_WITHIN = 4
_QUOTED = re.compile(r"[\"“”]")


@dataclasses.dataclass
class LeadVoice:
    """The speaker of the story's lead and the sentences it still covers."""

    speaker: str = ""
    stance: str = ""
    left: int = 0
    seen: bool = False  # the lead has been read (it has events)

    def carry(
        self, sentence_index: int, statement: speakers.Statement, has_events: bool
    ) -> speakers.Statement:
        """``statement``, said by the lead's speaker when it is the story's own
        unattributed telling right after an attributed lead; updates the state."""
        if statement.speaker:
            if has_events and not self.seen and sentence_index < LEAD_WITHIN:
                self.speaker = statement.speaker.split(" (via ")[0]
                self.stance, self.left = statement.stance, VOICE_SPAN
            elif self.left and stances.same_voice(self.speaker, statement.speaker):
                # "…, said SANA": the lead's voice runs on, as last named
                self.speaker = statement.speaker.split(" (via ")[0]
                self.stance, self.left = statement.stance, VOICE_SPAN
            else:
                self.left = 0  # another voice: the lead's no longer runs on
            self.seen = self.seen or has_events
            return statement
        if not has_events:
            self.left -= 1 if self.left else 0
            return statement
        self.seen = True
        if self.left <= 0 or _QUOTED.search(statement.content):
            self.left = 0
            return statement
        self.left -= 1
        return dataclasses.replace(statement, speaker=self.speaker, stance=self.stance)


@dataclasses.dataclass
class Area:
    """Where a story's events are when a sentence names no place: the region or
    country its lead names ("in northern Mali"), else its dateline's country."""

    places: list[PlaceMention] = dataclasses.field(default_factory=list)
    from_lead: bool = False

    def read_dateline(self, place_matcher, first_sentences: list[str]) -> None:
        """The country a wire dateline names or stands in ("KHARTOUM, Sudan (AP) —",
        "KYIV (Reuters) -"), when the article is read in that country."""
        for text in first_sentences:
            span = datelines.dateline_span(text)
            if span is None:
                continue
            code = datelines.filed_in(text)
            if code != place_matcher.country:
                return
            name = countrynames.country_name(code)
            self.places = [
                PlaceMention(
                    name,
                    0,
                    0,
                    name,
                    "",
                    "country",
                    code,
                    None,
                    None,
                    3,
                    None,
                    None,
                    "region",
                    note="the dateline's country: no finer place is named",
                )
            ]
            return

    def read_lead(
        self, sentence_index: int, places: list[PlaceMention], sentence: str = ""
    ) -> None:
        """A lead naming only regions of the article's country ("in northern Mali")
        sets the area; a country abroad or a border named for reference does not."""
        if self.from_lead or sentence_index >= LEAD_WITHIN:
            return
        places = [
            p
            for p in places
            if p.origin != "abroad" and not names_a_border(sentence, p)
        ]
        if places and all(p.is_region for p in places):  # the finest region named
            self.places = [min(places, key=lambda p: p.rank)]
            self.from_lead = True
