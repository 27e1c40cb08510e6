"""One incident proposed twice (a strike "near Qaaqaait al-Jisr in the Wadi al-Hujayr
area" read at both places, each from its own sentences): a voice whose sentence names
the place of another proposal of the same type and day speaks of that one too, so
each proposal carries every source that told it (LABELLING_GUIDE, stance rule: one
event, several stances)."""

import dataclasses
import re

from ingest.statements import voices


def _names(sentence: str, written: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(written)}(?!\w)", sentence))


def share_voices(events: list, sentences: list[str]) -> None:
    """Adds to each proposal the named statements of its same-type, same-day siblings
    whose own sentence names the proposal's place as written."""
    kept = [e for e in events if e.place is not None and e.place.text]
    for event in kept:
        have = {(s.stance, s.speaker) for s in event.statements}
        added = False
        for other in kept:
            if (
                other is event
                or other.event_type != event.event_type
                or other.date_start != event.date_start
            ):
                continue
            for statement in other.statements:
                if (
                    statement.speaker
                    and (statement.stance, statement.speaker) not in have
                    and 0 <= statement.sentence < len(sentences)
                    and _names(sentences[statement.sentence], event.place.text)
                ):
                    event.statements.append(dataclasses.replace(statement))
                    have.add((statement.stance, statement.speaker))
                    added = True
        if added:  # a party's word on its own act now told by another source too
            event.statements = voices.acknowledged(event.statements)
