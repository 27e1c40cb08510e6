"""One night across two days (LABELLING_GUIDE, "one overnight action"): "the night
of Monday to Tuesday", "Monday night into Tuesday", "overnight Monday into Tuesday"
are one period of two days, and "at dawn on Tuesday", "overnight Monday" the day
named, not the publication day as well."""

import dataclasses
import datetime as dt
import re

# A time of day that means the publication day only when no day is named with it.
_BARE_TIME = re.compile(
    r"^(?:(?:at|before|after)\s+dawn|overnight|tonight|this\s+(?:morning|evening)|"
    r"in\s+the\s+early\s+morning(?:\s+hours)?|early\s+in\s+the\s+morning|"
    r"at\s+(?:daybreak|first\s+light))$",
    re.I,
)
_BETWEEN_TIME_AND_DAY = re.compile(r"^\s*(?:on|of|,)?\s*$", re.I)
# Between the two days: "to", "and", "into", "night into" ("Monday night into").
_JOIN = re.compile(
    r"^\s*(?:night\s+)?(?:and|to|into|until|till|through|-|–)\s+(?:early\s+)?"
    r"(?:on\s+)?$",
    re.I,
)
_NIGHT_BEFORE = re.compile(r"\b(?:night|overnight)\b[\w\s]{0,12}$", re.I)
_NIGHT = re.compile(r"\bnight\b", re.I)
_EVENING = re.compile(r"\b(?:evening|night)$", re.I)
_MORNING = re.compile(r"\b(?:early|morning|dawn)\b", re.I)


def merge(sentence: str, mentions: list) -> list:
    """``mentions`` (dates.DateMention, in order) with a bare time of day dropped
    beside a named day and two days a night joins read as one period."""
    kept = []
    for i, mention in enumerate(mentions):
        if _BARE_TIME.match(mention.text):
            after = mentions[i + 1] if i + 1 < len(mentions) else None
            before = mentions[i - 1] if i else None
            if (
                after is not None
                and after.precision == "day"
                and _BETWEEN_TIME_AND_DAY.match(sentence[mention.end : after.start])
            ) or (
                before is not None
                and before.precision == "day"
                and _BETWEEN_TIME_AND_DAY.match(sentence[before.end : mention.start])
            ):
                continue  # "at dawn on Tuesday": Tuesday's dawn
        kept.append(mention)
    result: list = []
    for mention in kept:
        last = result[-1] if result else None
        if (
            last is not None
            and last.precision == mention.precision == "day"
            and last.date_end is None
            and mention.date_end is None
            and mention.date_start - last.date_start == dt.timedelta(days=1)
            and _JOIN.match(sentence[last.end : mention.start])
            and (
                _NIGHT_BEFORE.search(sentence[max(0, last.start - 30) : last.start])
                or _NIGHT.search(sentence[last.start : mention.start])
                # "on Thursday evening and early Friday morning": one night
                or (
                    _EVENING.search(last.text)
                    and _MORNING.search(sentence[last.end : mention.end])
                )
            )
        ):
            result[-1] = dataclasses.replace(
                last,
                text=sentence[last.start : mention.end],
                end=mention.end,
                date_end=mention.date_start,
            )
            continue
        result.append(mention)
    return result
