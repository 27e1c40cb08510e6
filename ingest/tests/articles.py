"""Reading a test sentence as an article published on a known day."""

import datetime as dt

from ingest import propose
from ingest.kinds import background, rules
from ingest.where.mention import PlaceMention

# Friday 15 November 2019, noon UTC: the publication time the place tests read under.
FRIDAY = dt.datetime(2019, 11, 15, 12, 0, tzinfo=dt.UTC)


def places_of(text: str) -> dict[str, PlaceMention]:
    """The proposal's place mentions of ``text`` (published on FRIDAY), by their text."""
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return {p.text: p for p in proposal.places}


def cue_types(clause: str) -> list[str]:
    """The event types the rules' cues read in ``clause``, in order."""
    return [m.slug for m in rules.classify(clause, [])]


def dated_events(text: str) -> list[tuple[str, str, dt.date]]:
    """(type, place text or "", first day) of each event proposed from ``text``
    published on FRIDAY."""
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [
        (e.event_type, e.place.text if e.place else "", e.date_start)
        for e in proposal.events
    ]


def cue_kept(sentence: str, slug: str) -> bool:
    """A cue of ``slug`` in the sentence (there is one) survives the background
    rules."""
    cues = [m for m in rules.classify(sentence, []) if m.slug == slug]
    assert cues, f"no cue of {slug}"
    return any(not background.restated(sentence, m.start, m.end, slug) for m in cues)


def no_cue_kept(sentence: str) -> bool:
    """No event cue of any type in the sentence survives the type cues and the
    background rules (whichever layer drops it)."""
    return not any(
        not background.restated(sentence, m.start, m.end, m.slug)
        for m in rules.classify(sentence, [])
    )
