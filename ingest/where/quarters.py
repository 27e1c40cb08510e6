"""A quarter of a town, told apart from the town's proposal, folds into it (issue 13,
ingprec3).

"Houthi shelling killed 45 people in Aden on Sunday …. Sunday's shelling, which
targeted the city's Dar Saad neighbourhood, …": the quarter has no point of its own,
and the labelling guide (part B, sites inside a town) keeps such a site at its town.
A proposal placed at a name without a point that the text calls a part of a town
("X neighbourhood", "the city's X", "X roundabout in the city") is the same incident as
a proposal of its family and day placed at a point — one that tells the same sentence,
else one whose place the quarter's sentence names, else the last one told before it —
and folds into it: its sentences and statements become that proposal's. A list of
villages ("shelled A, B and C") names no quarter and stays one event per place.
"""

import re

from ingest.proposal import ProposedEvent

# A site word right after the name: "the Nasr neighbourhood", "al-Qarmouti roundabout".
_SITE_AFTER = re.compile(
    r"\s*(?:\(|,)?\s*(?:neighbou?rhoods?|quarters?|suburbs?|roundabout|square|"
    r"street|market)\b",
    re.I,
)
# "the city's X", "the town's X".
_OF_TOWN_BEFORE = re.compile(r"\b(?:city|town|capital)['’]s\s+(?:the\s+)?$", re.I)


def is_quarter(event: ProposedEvent, texts: list[str]) -> bool:
    """The event's place has no point and a sentence of it names the place as a part
    of a town."""
    place = event.place
    if place is None or place.lat is not None or place.origin != "unresolved":
        return False
    for number in event.sentences:
        sentence = texts[number] if number < len(texts) else ""
        at = sentence.find(place.text)
        while at >= 0:
            end = at + len(place.text)
            if _SITE_AFTER.match(sentence, end) or _OF_TOWN_BEFORE.search(
                sentence[max(0, at - 30) : at]
            ):
                return True
            at = sentence.find(place.text, end)
    return False


def _host(
    event: ProposedEvent,
    events: list[ProposedEvent],
    texts: list[str],
    family,
    gone: set[int],
) -> ProposedEvent | None:
    same = [
        other
        for other in events
        if other is not event
        and id(other) not in gone
        and not other.background
        and other.place is not None
        and other.place.lat is not None
        and family(other.event_type) == family(event.event_type)
        and other.date_start == event.date_start
    ]
    told = set(event.sentences)
    said = " ".join(texts[n] for n in event.sentences if n < len(texts))
    first = min(event.sentences, default=0)
    before = [o for o in same if o.sentences and min(o.sentences) <= first]
    return next(
        (o for o in same if told & set(o.sentences)),
        next(
            (o for o in same if o.place.text and o.place.text in said),
            max(before, key=lambda o: min(o.sentences), default=None),
        ),
    )


def fold_quarters(
    events: list[ProposedEvent], texts: list[str], family
) -> list[ProposedEvent]:
    """The events, each proposal at a town's quarter with no point folded into the
    same-day proposal of its family placed at the town."""
    gone: set[int] = set()
    for event in events:
        if event.background or not is_quarter(event, texts):
            continue
        host = _host(event, events, texts, family, gone)
        if host is not None:
            host.absorb(event)
            gone.add(id(event))
    return [e for e in events if id(e) not in gone]
