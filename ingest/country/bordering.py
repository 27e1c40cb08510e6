"""A country named as a border or a neighbour is where the story is not: "a village in
Chin State, bordering India", "near the border with Israel", "fleeing into
neighbouring Uganda", "a Pakistani tribal district bordering Afghanistan".

The article's country (``countrynames.country_mentions``, read by ``ingest.country.country``) and a
sentence's (``ingest.country.pointedcountry``) leave such a name out of their count; a country
named elsewhere in the text still counts there.
"""

import re

# What stands right before the country's name: "bordering", "(on|near) the border with",
# "borders", "the frontier with", "neighbouring", "across the border from/in/into".
_BEFORE = re.compile(
    r"(?:\bbordering|\bborders?\s+with|\bborders|\bfrontier\s+with|\bboundary\s+with"
    r"|\bneighbou?ring|\bacross\s+the\s+border\s+(?:from|in|into|to))\s+(?:the\s+)?$",
    re.I,
)


def at(text: str, start: int) -> bool:
    """The country's name beginning at ``start`` follows a border phrase."""
    return bool(_BEFORE.search(text[max(0, start - 40) : start]))
