"""A quotation telling again an incident the report has told: no second event."""

import re

from ingest.incidents import grouping
from ingest.statements import speakers

# A quotation: "“…”", or "\"…\"" (straight marks pair up in order).
_QUOTATION = re.compile(r"“[^”]+”|\"[^\"]+\"")


def retold(
    sentence: str, statement: speakers.Statement, mention: grouping.Mention
) -> bool:
    """The mention's cue lies inside a quotation someone is credited with, which
    names no place nor day of its own nor another incident ("another", "earlier"):
    the witness tells the incident the report has told (LABELLING_GUIDE: one
    incident told again in a quote is one event)."""
    if not statement.speaker or mention.date:
        return False
    clause = mention.clause.strip()
    at = sentence.find(clause) if clause else -1
    if at < 0 or grouping.separate(clause):
        return False
    quote = next(
        (
            q
            for q in _QUOTATION.finditer(sentence)
            if q.start() <= at + len(clause) and at <= q.end()
        ),
        None,
    )
    # its own place may only be the speaker's ("told Reuters from Wazir Tangi")
    return quote is not None and (
        mention.places_inherited
        or not any(quote.start() <= p.start < quote.end() for p in mention.places)
    )
