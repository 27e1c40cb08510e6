"""The day of a report's undated news (issue 13, helper ingdates7).

A sentence that gives no day of its own, in a report that is not same-day wire
copy, was dated the week of publication up to the day before. The corpus's
labelling guide dates such news by windows that all end on the publication day: a
same-day lead is that day, a dated page's undated operations the day before and the
day itself, strikes reported without their days the week up to it. The publication
day is the one day every such window holds, so the undated event takes it (precision
day, its note saying no day was given). A report published in the small hours (a
time given, before ``SMALL_HOURS_END``) cannot tell of that day yet: its undated news
keeps the week up to the day before.
"""

import datetime as dt

from ingest.proposal import ProposedEvent

WEEK_NOTE = "no date given: the week of publication"  # timing.group_dates's default
NOTE = "no date given: the publication day (the last day the news can be of)"
SMALL_HOURS_END = dt.time(6, 0)


def _in_small_hours(published_at: dt.datetime) -> bool:
    """Published after midnight and before dawn (a bare date, midnight, says no time)."""
    clock = published_at.timetz().replace(tzinfo=None)
    return dt.time(0, 0) < clock < SMALL_HOURS_END


def publication_day(events: list[ProposedEvent], published_at: dt.datetime) -> None:
    """Re-date, in place, the ``events`` dated only by the week default to the
    publication day."""
    if _in_small_hours(published_at):
        return
    for event in events:
        if event.date_note.startswith(WEEK_NOTE):
            event.date_start, event.date_end = published_at.date(), None
            event.date_precision = "day"
            event.date_note = NOTE + event.date_note[len(WEEK_NOTE) :]
