"""UCDP GED's sources: the source_article, source_office, source_date and
source_headline cells of a row into SourceRecords, and a source back into GED's form."""

import re

from events.models import Source
from interchange.records import RowChecker, SourceRecord, parse_datetime

# GED writes each source as one quoted "publisher,date,headline" entry in
# source_article (entries joined by ';'), the publishers again in source_office, the
# dates in source_date and the headlines in source_headline.
_GED_ENTRY = re.compile(r"^(.*?),(\d{4}-\d{2}-\d{2}|),(.*)$", re.DOTALL)


def _articles(value: str) -> list[str]:
    """The entries of a source_article cell: GED's quoted entries or bare publishers."""
    value = value.strip()
    if value.startswith('"') and value.endswith('"'):
        return [f'"{entry}"' for entry in value[1:-1].split('";"')]
    return [entry.strip() for entry in value.split(";")]


def _entry(text: str) -> tuple[str, str, str] | None:
    """(publisher, date, headline) of one quoted GED entry; None for a bare publisher."""
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        return None
    match = _GED_ENTRY.match(text[1:-1])
    if not match or not match.group(1).strip():
        return None
    return match.group(1).strip(), match.group(2), match.group(3).strip()


def sources(check: RowChecker, cells: dict) -> list[SourceRecord]:
    """The sources of one GED row (CSV or GeoJSON properties)."""
    articles = _articles(cells.get("source_article", ""))
    offices = [o.strip() for o in cells.get("source_office", "").split(";")]
    headlines = [h.strip() for h in cells.get("source_headline", "").split(";")]
    dates = [d.strip() for d in cells.get("source_date", "").split(";")]
    aligned = len(offices) == len(articles)
    found = []
    for index, text in enumerate(articles):
        if not text:
            continue
        title = headlines[index] if index < len(headlines) else ""
        raw_date = dates[index] if index < len(dates) else ""
        publisher = text
        entry = _entry(text)
        if entry:  # GED's own form: the entry names its publisher, date and headline
            publisher, raw_date, title = entry[0], entry[1] or raw_date, entry[2]
        elif text.startswith('"') and aligned and offices[index]:
            publisher = offices[index]
        published_at = parse_datetime(raw_date)
        if raw_date and published_at is None:
            check.error("source_date", f"{raw_date[:50]!r} is not a valid date")
        # UCDP's article references can be long; the model keeps 200 characters.
        found.append(
            SourceRecord(
                publisher=publisher[:200], title=title[:500], published_at=published_at
            )
        )
    return found


def article(source: Source) -> str:
    """One source as GED writes it in source_article: "publisher,date,headline"."""
    date = source.published_at.date().isoformat() if source.published_at else ""
    parts = (source.publisher, date, source.title)
    return '"' + ",".join(part.replace(";", ",") for part in parts) + '"'
