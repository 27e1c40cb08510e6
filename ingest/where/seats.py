"""A place that names who spoke or acted, not where the event happened (issue 13,
ingplace2).

- An institution's seat: "Gaza's civil defence agency said …", "Shan state's junta
  spokesperson": the place owns the speaker (labelling guide, places in other roles:
  where a group is based). The sentence's other place is the event's, and the seat is
  no context for the sentences after it; alone, the seat stays the event's place
  ("Aleppo's police chief was killed when a car bomb exploded").
- The speaker's own words, the content read whole around them: "activists in Wad
  Madani, the capital of Al Jazirah state, said that the RSF attacked the village of
  X" (issue 13, ingwhere7): a place named from the speaker's name to its verb of
  saying describes who spoke, never the event's place, even alone (a speaker read
  before its content, "activists in Idlib said that …", leaves it out of the content
  already); as for a seat, it is no context for the sentences after it.
- A capital standing for its state: "Kyiv had retaken Andriivka", "as Kyiv said five
  civilians were killed …", "Moscow claimed the capture of …": a place as the subject
  of a verb of saying or of taking ground names a side. It is never the event's place,
  even alone ("Damascus retook the town": the town is named elsewhere).
"""

import re
from typing import TYPE_CHECKING

from ingest.where.mention import PlaceMention

if TYPE_CHECKING:
    from ingest.statements.speakers import Statement

_INSTITUTION = (
    r"(?:(?:health|interior|defen[cs]e|foreign|information)\s+)?"
    r"(?:ministry|ministries|civil\s+defen[cs]e|agency|authorit(?:y|ies)|government|"
    r"governor(?:ate)?|spokes(?:man|woman|person)|media\s+office|police|officials?|"
    r"prosecutors?|junta|administration|directorate|emergency\s+services|rescuers|"
    r"general\s+staff)"
)
# "Gaza's civil defence agency", "Shan state's junta spokesperson", "Gaza's Hamas-run
# health ministry": up to two words between the possessive and the institution.
_OWNS = re.compile(
    rf"['’]s\s+(?:[\w-]+\s+){{0,2}}?{_INSTITUTION}\b",
    re.I,
)
_PRONOUN = re.compile(r"(?:he|she|it|they|we|i)", re.I)
_QUOTE = re.compile(r"[\"“”]")
_SIDE_VERB = (
    r"(?:said|says|claimed|claims|announced|announces|accused|accuses|denied|denies|"
    r"confirmed|insisted|warned|blamed|retook|retaken|recaptured|captured|liberated|"
    r"seized|launched)"
)
# "Kyiv had retaken", "Moscow says", "Kyiv has also claimed".
_ACTS_AFTER = re.compile(
    rf"\s+(?:(?:has|had|have|also|now|later|then)\s+){{0,2}}{_SIDE_VERB}\b", re.I
)
# The name starts a clause: sentence start, a comma, or a conjunction before it.
_CLAUSE_START = re.compile(
    r"(?:^|[,;:(\"“—–]\s*|\b(?:that|as|and|while|but|when|after|because|since|"
    r"where|whereas)\s+)$",
    re.I,
)


def is_seat(sentence: str, mention: PlaceMention) -> bool:
    """True when ``mention`` owns the speaking institution ("Gaza's civil defence
    agency said"). "Prosecutors in the Donetsk region said …" is left alone: there the
    speaker's region is where the event was, when the sentence names no other."""
    return bool(_OWNS.match(sentence, mention.end))


def in_speakers_words(
    sentence: str, mention: PlaceMention, statement: "Statement"
) -> bool:
    """True when ``mention`` lies between where the sentence names the speaker and
    the verb of saying ("The Emergency Lawyers group in Wad Madani, the capital of
    Al Jazirah, said …"): a speaker read a second time (speakerforms.py) leaves the
    sentence's content whole, so its places are read with the event's."""
    speaker, verb_span = statement.speaker.split(" (via ")[0], statement.verb_span
    if (
        not speaker
        or _PRONOUN.fullmatch(speaker)
        or verb_span is None
        or mention.end > verb_span[0]
    ):
        return False
    named = re.search(rf"(?<!\w){re.escape(speaker)}(?!\w)", sentence)
    # '"… in X," he said': a quotation between them is what was said, not who said it
    return (
        named is not None
        and named.start() <= mention.start
        and not _QUOTE.search(sentence, named.start(), verb_span[0])
    )


def of_speaker(sentence: str, mention: PlaceMention, statement: "Statement") -> bool:
    """A seat or a place in the speaker's words: who spoke, not where it happened."""
    return is_seat(sentence, mention) or in_speakers_words(sentence, mention, statement)


def names_a_side(sentence: str, mention: PlaceMention) -> bool:
    """True when ``mention`` (a city) is the subject of a verb of saying or taking
    ground: "Kyiv had retaken Andriivka", "as Kyiv said …"."""
    if mention.is_region or not _ACTS_AFTER.match(sentence, mention.end):
        return False
    return bool(
        _CLAUSE_START.search(sentence[max(0, mention.start - 12) : mention.start])
    )
