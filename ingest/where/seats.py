"""A place that names who spoke or acted, not where the event happened (issue 13,
ingplace2).

- An institution's seat: "Gaza's civil defence agency said …", "Shan state's junta
  spokesperson": the place owns the speaker (labelling guide, places in other roles:
  where a group is based). The sentence's other place is the event's, and the seat is
  no context for the sentences after it; alone, the seat stays the event's place
  ("Aleppo's police chief was killed when a car bomb exploded").
- A capital standing for its state: "Kyiv had retaken Andriivka", "as Kyiv said five
  civilians were killed …", "Moscow claimed the capture of …": a place as the subject
  of a verb of saying or of taking ground names a side. It is never the event's place,
  even alone ("Damascus retook the town": the town is named elsewhere).
"""

import re

from ingest.where.mention import PlaceMention

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


def names_a_side(sentence: str, mention: PlaceMention) -> bool:
    """True when ``mention`` (a city) is the subject of a verb of saying or taking
    ground: "Kyiv had retaken Andriivka", "as Kyiv said …"."""
    if mention.is_region or not _ACTS_AFTER.match(sentence, mention.end):
        return False
    return bool(
        _CLAUSE_START.search(sentence[max(0, mention.start - 12) : mention.start])
    )
