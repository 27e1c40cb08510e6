"""Where fire came from is not where the event happened (labelling guide rule 4).

- "forces based in A and B shelled C", "shells fired from A fell on C", "shelled C
  from their positions near A", "from the direction of A": A (and B) are origins;
- "Turkish artillery in A fired at C", "regime forces at A shelled C": a place in the
  subject of an active fire verb that names another place after it is the origin;
- "A-based activists", "the UK-based Observatory": where someone is based;
- "fired rockets from A towards C": C is the target (locators.py keeps "advanced
  towards A" a direction only).

"expelled ISIS from A", "withdrew from A", "recaptured A from": there "from" says where
the event was, so A is no origin. An origin is kept as the event's context
(ProposedEvent.origins), never as its place.
"""

import re

from ingest.where.mention import PlaceMention

_LEAD = (
    r"(?:from(?:\s+(?:within|inside|behind))?|"
    r"(?:based|stationed|positioned|deployed|garrisoned|entrenched|massed)\s+"
    r"(?:in|at|inside|near)|"
    r"emanating\s+from|coming\s+from|originating\s+from)"
)
# Words between the lead and the name: "from the regime's", "from Turkish-held".
_FILLER = (
    r"(?:the|their|its|his|her|a|an|nearby|neighbou?ring|regime(?:['’]s)?|"
    r"government(?:['’]s)?|army(?:['’]s)?|military|rebel|opposition|militia|enemy|"
    r"artillery|rocket|missile|launch|firing|occupied|annexed|besieged|"
    r"\w+-(?:held|controlled|occupied|run)|"
    r"(?-i:[A-Z])[\w'’-]*)"
)
_SPOT = (
    r"(?:positions?|bases?|posts?|outposts?|points?|areas?|outskirts|direction|"
    r"vicinity|headquarters|barracks|airport|air\s?base|camps?|towns?|city|"
    r"villages?|hills?|hilltops?|sites?|pads?|territory|region|countryside|suburbs|"
    r"batteries|platforms?|farms?)"
)
_ORIGIN = re.compile(
    rf"\b{_LEAD}\s+(?:{_FILLER}\s+){{0,3}}"
    rf"(?:{_SPOT}\s+(?:of|in|near|around|inside|at|outside|close\s+to)\s+"
    rf"(?:{_FILLER}\s+){{0,2}}(?:(?:town|city|village)\s+of\s+)?)?$",
    re.I,
)
# "expelled IS from", "withdrew from", "recaptured the town from": the event's place.
_OUT_OF = re.compile(
    r"\b(?:expel(?:led|s|ling)?|withdr[ae]w(?:n|s)?|withdrawing|driv(?:en|e|ing)|"
    r"drove|push(?:ed|ing)|pull(?:ed|ing)|retreat(?:ed|ing)|oust(?:ed|ing)|"
    r"clear(?:ed|ing)|evict(?:ed|ing)|flush(?:ed|ing)|recaptur\w+|retook|retaken|"
    r"captur\w+|seiz\w+|wrest(?:ed)?|liberat\w+|freed|took|taken)\b"
    r"[^,.;:]{0,40}$",
    re.I,
)
_ARMED = (
    r"(?:forces|troops|artillery|army|militias?|militiamen|fighters|units|batteries|"
    r"tanks|soldiers|gunners|(?:rocket\s+)?launchers|howitzers|gunboats|warships)"
)
# "Turkish artillery in Afrin", "regime forces at the Jurin camp" …
_SUBJECT = re.compile(
    rf"\b{_ARMED}\s+(?:in|at|inside|near)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|area|camp|base)\s+of\s+)?$",
    re.I,
)
# … "shelled C", "fired shells at C": an active fire verb (not "were shelled").
_FIRE_AFTER = re.compile(
    r"[^.;:]{0,80}?(?<!was )(?<!were )(?<!been )(?<!being )(?<!is )(?<!are )"
    r"\b(?:shell(?:ed|s)?|fir(?:ed|es|e)|launch(?:ed|es)?|target(?:ed|s)?|"
    r"struck|strikes?|hit|hits|bombard(?:ed|s)?|pound(?:ed|s)?|rain(?:ed|s)?)\b",
    re.I,
)
_BASED = re.compile(r"-?(?:based|headquartered)\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and|&)\s*", re.I)


def _fire_origin(sentence: str, mention: PlaceMention) -> bool:
    before = sentence[max(0, mention.start - 70) : mention.start]
    found = _ORIGIN.search(before)
    if found is None:
        return False
    lead_at = max(0, mention.start - 70) + found.start()
    return not _OUT_OF.search(sentence[max(0, lead_at - 60) : lead_at])


def _subject_origin(sentence: str, mention: PlaceMention, places: list) -> bool:
    if not _SUBJECT.search(sentence[max(0, mention.start - 40) : mention.start]):
        return False
    fire = _FIRE_AFTER.match(sentence, mention.end)
    return fire is not None and any(p.start >= fire.end() for p in places)


def fired_from(
    sentence: str, mention: PlaceMention, places: list[PlaceMention]
) -> bool:
    """True when the text says fire came from ``mention``; a name listed right after
    an origin ("based in A and B") is one too."""
    previous = [p for p in places if p.end <= mention.start]
    while True:  # a loop, not recursion: a long list of names cannot overflow the stack
        if _fire_origin(sentence, mention) or _subject_origin(
            sentence, mention, places
        ):
            return True
        if not previous or not _LIST_GAP.fullmatch(
            sentence[previous[-1].end : mention.start]
        ):
            return False
        mention = previous[-1]
        previous = [p for p in previous if p.end <= mention.start]


def is_origin(sentence: str, mention: PlaceMention, places: list[PlaceMention]) -> bool:
    """True when ``mention`` is where fire came from or where someone is based
    ("Quneitra-based activists"), not where something happened."""
    return bool(_BASED.match(sentence, mention.end)) or fired_from(
        sentence, mention, places
    )
