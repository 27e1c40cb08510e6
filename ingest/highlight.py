"""What the editor sees of a proposal: its sentences with the spans that made it, and
the gazetteer's candidates for the place names it could not resolve.

Every piece of article text is escaped; only our own <mark> tags are markup."""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ingest.propose import ArticleProposal, ProposedEvent
from places import gazetteer

KINDS = {"place": "Place", "date": "Date", "actor": "Actor", "speaker": "Speaker"}


def _marked(text: str, spans: list[tuple[int, int, str]]) -> SafeString:
    """The sentence, escaped, with non-overlapping spans wrapped in <mark>."""
    parts: list[str] = []
    position = 0
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start < position or kind not in KINDS or end <= start:
            continue  # overlaps a span already marked
        parts.append(escape(text[position:start]))
        parts.append(
            format_html(
                '<mark class="ingest-{}" title="{}">{}</mark>',
                kind,
                KINDS[kind],
                text[start:end],
            )
        )
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part escaped


def passages(proposal: ArticleProposal, event: ProposedEvent) -> list[SafeString]:
    return [
        _marked(proposal.texts[i], proposal.spans.get(i, []))
        for i in event.sentences
        if 0 <= i < len(proposal.texts)
    ]


def unresolved_candidates(proposal: ArticleProposal, *, country: str = "SY") -> list:
    """(name in the text, [candidate dicts]) for each place left without a point."""
    index = gazetteer.gazetteer_index()
    result = []
    seen = set()
    for place in proposal.places:
        if place.lat is not None or place.text in seen:
            continue
        seen.add(place.text)
        found = index.candidates(place.text, country=country, limit=3)
        result.append(
            (
                place,
                [
                    {
                        "name": c.entry.name,
                        "admin1": c.entry.admin1,
                        "lat": c.entry.lat,
                        "lon": c.entry.lon,
                        "score": round(c.score, 2),
                    }
                    for c in found
                ],
            )
        )
    return result
