"""The sides of an armed clash: "clashes between Druze fighters and Bedouin gunmen"
has no target, both fought (ACLED's battles code two actors, neither a victim); and an
identity militia (tribal or Druze fighters) the side table gives no role is a side."""

from ingest.actors.actors import ActorMention

CLASH = "armed-clash"
# Armed parties the side table (``roles._side``: "other") gives no role in a clash.
_SIDE_KINDS = frozenset({"identity_militia"})


def both_sides(
    slug: str, seen: list[ActorMention], chosen: list[tuple[ActorMention, str]]
) -> list[tuple[ActorMention, str]]:
    """``chosen`` (actor, role) pairs of an event of type ``slug``; in an armed clash,
    every armed party read as a target, even one the wording shows attacked ("a bus of
    soldiers was attacked"), is a side that fought (initiator: the labelling guide
    codes a clash's sides actor1 and actor2, never target), and an identity militia
    among ``seen`` that got no role is one too."""
    if slug != CLASH:
        return chosen
    result = [
        (m, "initiator" if role == "target" and m.kind != "civilians" else role)
        for m, role in chosen
    ]
    roled = {m.actor_id for m, _ in result}
    for mention in seen:
        if mention.kind in _SIDE_KINDS and mention.actor_id not in roled:
            roled.add(mention.actor_id)
            result.append((mention, "initiator"))
    return result
