"""Sub-shapes of two stance causes of bench/stancecauses.py (issue 13): an
"outlet's voice" miss and an "unnamed vs named" miss, read from the event's
sentences and the labelled and proposed speakers. Aggregate counts only on held-out.

The outlet's voice (the proposal has no speaker, the label names one):
- "pronoun carry-over": an event sentence's verb of saying has a pronoun or an
  anaphoric subject ("it added", "he said", "the group added", "the source said");
- "quote paragraph": an event sentence is (or opens) a quotation;
- "same source": "according to the same source(s)", "the same source said";
- else where the labelled speaker is written (stancecauses.voice_where).

Unnamed vs named (statements by others, one speaker a name, the other not):
- "label is the outlet": the label names the publisher (its own report beside others);
- "named label, generic proposed" ("SOHR" labelled, "the war monitor" proposed);
- "generic label, named proposed" (the reverse).
"""

import re

from bench import agreement

_ANAPHOR = (
    r"(?:he|she|it|they|the\s+(?:same\s+)?(?:group|source|sources|spokesman|"
    r"spokeswoman|official|statement|ministry|army|military|monitor|observatory|"
    r"agency|organi[sz]ation|movement|militia|police|command))"
)
_SAYING = (
    r"(?:said|says|added|adds|noted|stated|reported|claimed|announced|continued|"
    r"explained|confirmed|went on|pointed out|indicated|wrote|told)"
)
PRONOUN_SAID = re.compile(
    rf"(?:^|[,.;:\"“”]\s*|\b(?:and|but)\s+){_ANAPHOR}\s+(?:also\s+|further\s+|later\s+)?"
    rf"{_SAYING}\b",
    re.I,
)
SAME_SOURCE = re.compile(r"\bthe\s+same\s+(?:sources?|official|spokes\w+)\b", re.I)
QUOTED = re.compile(r"^\W{0,3}[\"“]|[\"“][^\"”]{20,}[\"”]")


def voice_shape(event, texts: list[str]) -> str | None:
    """The outlet's-voice sub-shape read from the event's sentences, or None."""
    told = [texts[i] for i in event.sentences if 0 <= i < len(texts)]
    if any(SAME_SOURCE.search(t) for t in told):
        return "voice shape: same source"
    if any(PRONOUN_SAID.search(t) for t in told):
        return "voice shape: pronoun carry-over"
    if any(QUOTED.search(t) for t in told):
        return "voice shape: quote paragraph"
    return None


def named_shape(label: dict, event, publisher: str, speaker_shape) -> str:
    """The unnamed-vs-named sub-shape; ``speaker_shape`` is stancecauses'."""
    wanted = label.get("speaker", "")
    if agreement._speaker_agrees(wanted, "", publisher):
        return "named shape: label is the outlet"
    if speaker_shape(wanted) == "named":
        return "named shape: named label, generic proposed"
    return "named shape: generic label, named proposed"
