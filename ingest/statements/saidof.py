"""A statement that names no event of its own and no place but the same doer as an
event just told ("YPG/PKK terrorists carried out 14 attacks in 36 hours, said the
ministry"): evidence for that event, not a lost sentence."""

import re

from ingest.actors.actors import ActorMention
from ingest.incidents import grouping

_TOLL = re.compile(r"\b(?:death |casualty )?toll\b", re.I)
WITHIN = 3  # sentences back, as located.said_of_place
_INCIDENT = re.compile(
    r"\b(?:attack\w*|strik\w*|struck|shell\w*|fire[ds]?|raid\w*|clash\w*|kill\w*|"
    r"wound\w*|bomb\w*|target\w*|assault\w*|ambush\w*)\b",
    re.I,
)


def said_of_doers(
    groups: list[grouping.Group],
    content: str,
    actors: list[ActorMention],
    index: int,
) -> list[grouping.Group]:
    """The recent groups (within ``WITHIN`` sentences) whose doer is among the
    ``actors`` the statement's ``content`` names doing something violent; for a toll
    ("put the toll at 13"), the events of the last event sentence."""
    if _TOLL.search(content):  # "SANA put the toll at 13": the incident just told
        recent = [
            g
            for g in groups
            if 0 < index - max(m.sentence for m in g.mentions) <= WITHIN
        ]
        last = max((max(m.sentence for m in g.mentions) for g in recent), default=-1)
        return [g for g in recent if max(m.sentence for m in g.mentions) == last]
    if not actors or not _INCIDENT.search(content):
        return []
    named = {a.actor_id for a in actors}
    found = []
    for group in groups:
        if not 0 < index - max(m.sentence for m in group.mentions) <= WITHIN:
            continue
        doers = {
            actor_id
            for m in group.mentions
            for actor_id, role in m.roles.items()
            if role == "initiator"
        }
        if doers & named:
            found.append(group)
    return found
