"""Human date labels that say no more than a date's precision allows (events, the map,
the reader's proposals)."""


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}"


def date_range_label(start, end, precision: str) -> str:
    """'26 April 2019', 'May 2017', 'week of 8 July 2019', '26 April – 18 July 2019'."""
    if precision == "year":
        label = str(start.year)
        return label if not end or end.year == start.year else f"{label}–{end.year}"
    if precision == "month":
        label = f"{start:%B %Y}"
        if not end or (end.year, end.month) == (start.year, start.month):
            return label
        return f"{label} – {end:%B %Y}"
    if end and end != start:
        return f"{_day(start)} – {_day(end)}"
    if precision == "week":
        return f"week of {_day(start)}"
    return _day(start)
