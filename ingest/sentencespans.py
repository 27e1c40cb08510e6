"""A sentence's spans for the article pipeline (ingest/propose.py): those the place
matcher skips (actor names, seats of government, the names of groups, people the article
titles) and those the editor sees marked (places, dates, the speaker). Split from
ingest/propose.py."""

import re

from ingest.reading import credits
from ingest.statements import speakers
from ingest.when import dates
from ingest.where import (
    countrynames,
    orgnames,
)
from ingest.where import names as name_checks
from ingest.where.mention import PlaceMention
from places.geocoding import memo

_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|inside|to|from|of|across)\s+(?:the\s+)?$", re.I
)


def _blocked(
    actors: list, sentence: str = "", people: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """Actor names are no places; "people in Idlib" names civilians and a place, and
    a country after "in/to/from/of" ("brought to hospitals in Turkey") is a place.
    ``people``: surnames of the people the article names with a title ("loyal to
    Hadi", after "President Abd-Rabbu Mansour Hadi")."""
    return (
        [
            (a.start, a.end)
            for a in actors
            if " in " not in a.text.lower()
            and not (
                countrynames.is_country_abroad(a.text)
                and _PLACE_BEFORE.search(sentence[max(0, a.start - 20) : a.start])
            )
        ]
        + list(_seats(sentence))
        + list(_group_names(sentence))
        + credits.person_spans(sentence, people)
    )


# Once per sentence an article: its places are read twice (alone, then near the
# story's others), each time past the same names of parties.
_seats = memo.per_scope(name_checks.seats_of_government)
_group_names = memo.per_scope(orgnames.group_name_spans)


def _spans(
    sentence: str,
    statement: speakers.Statement,
    places: list[PlaceMention],
    found: list[dates.DateMention],
) -> list[tuple[int, int, str]]:
    result = [(p.start, p.end, "place") for p in places]
    result += [(d.start, d.end, "date") for d in found]
    speaker = statement.speaker.split(" (via ")[0]
    at = sentence.find(speaker) if speaker else -1
    if at >= 0:
        result.append((at, at + len(speaker), "speaker"))
    return result
