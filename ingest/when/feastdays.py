"""Named days of the year read off a maintained calendar (python-holidays): "on
Valentine's Day", "on Eid al-Fitr", "on Easter Sunday", the most recent such day on or
before publication. The dates are the package's (moving feasts included; Islamic
feasts are its estimates, Egypt's calendar); the phrases are the ones wire copy writes."""

import datetime as dt
import functools
import re

# Each phrase (lower case, straight apostrophe) with the calendar and name the package
# gives its (first) day.
_DAYS = {
    "valentine's day": ("US", "Valentine's Day"),
    "halloween": ("US", "Halloween"),
    "saint patrick's day": ("US", "Saint Patrick's Day"),
    "st. patrick's day": ("US", "Saint Patrick's Day"),
    "mother's day": ("US", "Mother's Day"),
    "thanksgiving": ("US", "Thanksgiving Day"),
    "thanksgiving day": ("US", "Thanksgiving Day"),
    "good friday": ("US", "Good Friday"),
    "easter": ("US", "Easter Sunday"),
    "easter sunday": ("US", "Easter Sunday"),
    "eid al-fitr": ("EG", "Eid al-Fitr"),
    "eid al-adha": ("EG", "Eid al-Adha"),
    "the day of arafah": ("EG", "Day of Arafah"),
    "the islamic new year": ("EG", "Islamic New Year"),
    "the prophet's birthday": ("EG", "Prophet's Birthday"),
    "nowruz": ("IQ", "Nowruz"),
    "ashura": ("IQ", "Ashura"),
    "coptic christmas": ("EG", "Coptic Christmas Day"),
}
_NAMES = (
    r"(?:Valentine['’]?s\s+Day|Halloween|(?:Saint|St\.)\s+Patrick['’]s\s+Day|"
    r"Mother['’]s\s+Day|Thanksgiving(?:\s+Day)?|Good\s+Friday|Easter(?:\s+Sunday)?|"
    r"Eid\s+al-(?:Fitr|Adha)|the\s+Day\s+of\s+Arafah|the\s+Islamic\s+New\s+Year|"
    r"the\s+Prophet['’]s\s+Birthday|Nowruz|Ashura|Coptic\s+Christmas)"
)
# "on Valentine's Day", "on the first day of Eid al-Fitr": the day itself, not "during
# Ramadan" (a month) nor "ahead of Eid" (a day before it).
PATTERN = rf"\bon\s+(?:the\s+first\s+day\s+of\s+)?{_NAMES}(?![\w-])"
_RX = re.compile(rf"^on\s+(?:the\s+first\s+day\s+of\s+)?(?P<name>{_NAMES})$", re.I)


def resolve(phrase: str, published_on: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """(day, day, "day") of a named day, the last on or before publication; None for
    any other phrase, or a day the package does not know that year."""
    match = _RX.match(phrase)
    if not match:
        return None
    name = re.sub(r"\s+", " ", match.group("name").lower().replace("’", "'"))
    country, holiday = _DAYS[name]
    for year in (published_on.year, published_on.year - 1):
        day = _first_day(country, holiday, year)
        if day is not None and day <= published_on:
            return day, day, "day"
    return None


@functools.lru_cache(maxsize=64)
def _first_day(country: str, holiday: str, year: int) -> dt.date | None:
    import holidays  # only when a named day is written (the calendars cost ~0.5 s)

    calendar = holidays.country_holidays(
        country, years=year, categories=_CATEGORIES.get(country, ("public",))
    )
    days = [day for day, names in calendar.items() if holiday in names.split("; ")]
    return min(days) if days else None


_CATEGORIES = {"US": ("public", "unofficial")}
