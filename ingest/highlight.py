"""What the editor sees of a proposal: its sentences with the spans that made it (the
place map's data is placing.py's).

Every piece of article text is escaped; only our own <mark> tags are markup."""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ingest.proposal import ArticleProposal, ProposedEvent

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
