"""Who claimed the attack did it: "al-Shabab claimed responsibility for the attack",
"the group said it was behind the bombing" (ACLED codes the claimant as the event's
actor). The claim's speaker becomes the initiator of an event that names no known doer."""

from ingest.actors import roles
from ingest.actors.actors import ActorMatcher
from ingest.proposal import ProposedActor
from ingest.reading import cues

_CLAIMED = cues.compiled(
    r"\b(?:claim(?:ed|s|ing)?\s+(?:the\s+)?responsibility|"
    r"(?:said|says|announced|admitted)\s+(?:that\s+)?(?:it|they)\s+(?:was|were|is|are)\s+"
    r"behind|claim(?:ed|s)?\s+(?:the|this|that)\s+(?:attack|bombing|blast|"
    r"assault|raid|strike|ambush|killing))\b"
)


def claimed_by(events: list, texts: list[str], matcher: ActorMatcher) -> None:
    """Give each event with no known doer the known party whose statement on it
    claims the attack, as its initiator; its rule says so."""
    for event in events:
        if any(a.role in roles.DOERS for a in event.actors):
            continue
        for statement in event.statements:
            if not 0 <= statement.sentence < len(texts):
                continue
            if not _CLAIMED.search(texts[statement.sentence]):
                continue
            found = [
                m for m in matcher.find(statement.speaker) if m.kind != "civilians"
            ]
            if not found:
                continue
            party = found[0]
            event.actors.append(
                ProposedActor(party.actor_id, party.name, "initiator", party.text)
            )
            event.new_actors = []  # the claimant is who "unknown gunmen" were
            event.rule += f"; who did it: “{party.text}” claimed it"
            break
