"""Actor roles in a proposed event: who did it (initiator, supporting) and to whom
(target, victim), from the words around each actor, else from its side and the
event type."""

import dataclasses
import re

from ingest.actors.actors import ActorMention
from ingest.kinds.rules import is_foreign
from ingest.proposal import ProposedActor


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_ROLE_TABLE: dict[str, dict[str, str]] = {
    "non-state-actor-overtakes-territory": {
        "rebel": "initiator", "government": "target", "foreign": "target",
    },
    "government-regains-territory": {
        "government": "initiator", "foreign": "supporting", "rebel": "target",
    },
    "offensive-launched": {
        "government": "initiator", "foreign": "supporting", "rebel": "target",
    },
    "air-drone-strike": {
        "foreign": "initiator", "government": "initiator", "rebel": "target",
        "civilians": "victim",
    },
    "change-to-group-activity": {
        "foreign": "initiator", "government": "supporting", "rebel": "target",
    },
    "agreement": {"foreign": "party", "government": "party", "rebel": "party"},
    "displacement": {"civilians": "victim"},
    "peaceful-protest": {"civilians": "initiator", "government": "target"},
}  # fmt: skip
_DEFAULT_ROLES = {
    "government": "initiator",
    "foreign": "supporting",
    "rebel": "target",
    "civilians": "victim",
}


def _side(mention: ActorMention) -> str:
    if mention.kind == "civilians":
        return "civilians"
    if is_foreign(mention):
        return "foreign"
    if mention.kind in {"rebel_coalition", "rebel_group"}:
        return "rebel"
    if mention.kind in {"state_forces", "militia", "state"}:
        return "government"
    return "other"


# Who did it to whom, read from the words around each actor.
_UNPOSITIONED = {"agreement", "displacement", "peaceful-protest"}
_DET = r"(?:(?:the|an?|its|their|two|three|several|some|\d+)\s+)?"
_SUPPORT_BEFORE = _rx(
    r"\b(?:(?:backed|supported|aided|assisted|helped|joined|accompanied|escorted)"
    r"\s+by|with\s+the\s+(?:help|support|backing|participation)\s+of|"
    r"(?:along|together)\s+with|allied\s+(?:to|with)|loyal\s+to)\s+"
    + _DET
    + r"(?:[\w-]+\s+){0,2}$"
)
_AGENT_BEFORE = _rx(
    r"\b(?:by|belonging\s+to|affiliated\s+(?:with|to))\s+"
    + _DET
    + r"(?:[\w-]+\s+(?:and\s+)?){0,2}$"
)
_HARM_VERB = (
    r"(?:targeted|targeting|attacked|attacking|struck|striking|shelled|shelling|hit|"
    r"hitting|bombed|bombing|bombarded|pounded|killed|killing|wounded|injured|"
    r"ambushed|captured|seized|drove|expelled)"
)
_TARGET_BEFORE = _rx(
    r"\b(?:" + _HARM_VERB + r"|against|on|at|from|members\s+of|"
    # "targeted a position of the Syrian government forces"
    r"(?:positions?|posts?|checkpoints?|bases?|headquarters|convoys?|patrols?|"
    r"vehicles?)\s+of|"
    r"(?:fighters?|soldiers?|members?)\s+(?:of|from))\s+"
    + _DET
    + r"(?:(?!(?:in|by|with|during|after|amid)\b)[\w-]+\s+){0,2}$"
)
_PASSIVE_AFTER = _rx(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:was|were|(?:have|has|had)\s+been|got)\s+"
    r"(?:\w+ly\s+|also\s+)?" + _HARM_VERB + r"\b"
)
_ACTIVE_AFTER = _rx(
    r"^\s*(?:(?:also|have|has|had|reportedly|then|later|again|on\s+\w+|"
    r"continued\s+to|continue\s+to|began|started)\s+){0,3}"
    r"(?:struck|strike|shelled|shell|bombed|bombarded|bombard|targeted|target|"
    r"attacked|attack|captured|capture|seized|launched|carried\s+out|conducted|"
    r"fired|killed|dropped|pounded|hit|took|advanced|retook|recaptured|regained|"
    r"stormed|ambushed|raided|destroyed|overran|entered|opened\s+fire|expelled|"
    # "the SDF also arrested 13 people": who detains or abducts did it
    r"drove|widened|shot|arrested|detained|abducted|kidnapped)\b"
)
# "in an attack by the YPG/PKK", "the artillery shelling by the RSF": an attack noun
# right before "by" names who attacked, however far the event's cue ("killed") is.
_ATTACK_BY = _rx(
    r"\b(?:attacks?|assaults?|shelling|strikes?|air\s?strikes?|raids?|bombardment|"
    r"bombing|ambush|shooting|fire)\s+"
    # "in an attack claimed by the al-Qaeda-linked al-Shabab group": who did it
    r"(?:(?:(?:was|were)\s+)?(?:claimed|carried\s+out|perpetrated|staged|"
    r"conducted|launched)\s+)?by\s+" + _DET + r"(?:[\w-]+\s+){0,2}$"
)
_MODIFIES_ATTACK = _rx(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:shelling|air ?strikes?|raids?|bombardment|bombing|"
    r"attacks?|drones?|missiles?|rockets?|artillery|barrel bombs?|warplanes|jets|"
    r"helicopters|offensive|campaign|fire|assault)\b"
)
# "Israeli strikes", "Russian drones", "Houthi missiles": the mention names the
# side's own weapons, so it did the attacking whatever the words around say
# ("followed Israeli strikes on Beirut", "intercepted Russian drones").
_OWN_WEAPONS = _rx(
    r"\b(?:strikes|air\s?strikes|air raids|raids|shelling|bombardment|warplanes|"
    r"jets|fighter jets|drones?|artillery|missiles|rockets|helicopters|aircraft|"
    r"bombers|gunships|barrel bombs|mortars|attacks?|assaults?|offensive|fire|shells)$"
)
_BETWEEN = _rx(r"\bbetween\s+(?:the\s+)?$")
_CONJOINED = re.compile(r"^\)?\s*(?:[\w-]+\s+)?(?:,|and|,\s*and)\s+(?:the\s+)?$", re.I)
_RESTATED = re.compile(r"^\s*\(\s*$")


def _collapsed(sentence: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Mentions in order, "the Islamic State (ISIS)" as one."""
    result: list[ActorMention] = []
    for actor in sorted(actors, key=lambda a: a.start):
        last = result[-1] if result else None
        if (
            last is not None
            and last.actor_id == actor.actor_id
            and _RESTATED.match(sentence[last.end : actor.start])
        ):
            result[-1] = dataclasses.replace(last, end=actor.end + 1)
            continue
        result.append(actor)
    return result


def position_roles(
    slug: str, sentence: str, trigger: tuple[int, int], actors: list[ActorMention]
) -> dict[int, str]:
    """Roles the wording gives: "X struck", "killed by X", "X shelling" and the cue's
    own words ("Russian warplanes") initiate; "backed by X" supports; "struck X",
    "X were killed", "attacks on/against X" are targets; "X and Y struck" share a
    role. Actors with none of these get none (the side table decides)."""
    if slug in _UNPOSITIONED:
        return {}
    start, end = trigger
    found: dict[int, str] = {}
    ordered = _collapsed(sentence, actors)
    for first, second in zip(ordered, ordered[1:], strict=False):
        # "clashes between X and Y": X one side (initiator), Y the other.
        before = sentence[max(0, first.start - 40) : first.start]
        if _BETWEEN.search(before) and _CONJOINED.match(
            sentence[first.end : second.start]
        ):
            found.setdefault(first.actor_id, "initiator")
            found.setdefault(second.actor_id, "target")
    for i in range(len(ordered) - 1, -1, -1):
        actor = ordered[i]
        if actor.kind == "civilians" or actor.actor_id in found:
            continue
        before = sentence[max(0, actor.start - 60) : actor.start]
        after = sentence[actor.end : actor.end + 60]
        role = None
        if _SUPPORT_BEFORE.search(before):
            role = "supporting"
        elif _OWN_WEAPONS.search(actor.text):
            role = "initiator"
        elif agent := _AGENT_BEFORE.search(before):
            # "captured by X" names who captured, not who made the air strike.
            by_at = actor.start - len(before) + agent.start()
            near = 0 <= by_at - end <= 30 or 0 <= start - actor.end <= 25
            if not near and not _ATTACK_BY.search(before):
                continue
            role = "initiator"
        elif _PASSIVE_AFTER.search(after):
            role = "target"
        elif _ACTIVE_AFTER.search(after):
            role = "initiator"
        elif _TARGET_BEFORE.search(before):
            role = "target"
        elif (noun := _MODIFIES_ATTACK.search(after)) and (
            actor.end <= start <= actor.end + noun.end()
        ):
            role = "initiator"  # "Houthi shelling" where the shelling is the cue
        elif actor.start <= end and actor.end >= start:
            role = "initiator"  # the cue names the actor: "Russian warplanes"
        elif i + 1 < len(ordered) and _CONJOINED.match(
            sentence[actor.end : ordered[i + 1].start]
        ):
            role = found.get(ordered[i + 1].actor_id)
        if role is not None:
            found.setdefault(actor.actor_id, role)
    return found


def actor_roles(
    slug: str, actors: list[ActorMention], hints: dict[int, str] | None = None
) -> list[tuple[ActorMention, str]]:
    """(actor, role) for an event type: the wording's roles (``position_roles``) or
    the sides from actor kinds, sub-units supporting."""
    table = _ROLE_TABLE.get(slug, _DEFAULT_ROLES)
    hints = hints or {}
    chosen: dict[int, tuple[ActorMention, str]] = {}
    for mention in actors:
        role = hints.get(mention.actor_id) or table.get(_side(mention))
        if role is None or mention.actor_id in chosen:
            continue
        chosen[mention.actor_id] = (mention, role)
    result = []
    for mention, role in chosen.values():
        parent = chosen.get(mention.parent_id) if mention.parent_id else None
        if (
            role == "initiator"
            and parent
            and parent[1] == "initiator"
            and _side(mention) == "government"
        ):
            role = "supporting"  # Tiger Forces support the government forces
        result.append((mention, role))
    if slug == "air-drone-strike" and any(
        r == "initiator" and _side(m) == "foreign" for m, r in result
    ):
        result = [
            (
                m,
                "supporting"
                if r == "initiator"
                and _side(m) == "government"
                and m.actor_id not in hints
                else r,
            )
            for m, r in result
        ]
    return result


CARRY_SENTENCES = 3  # how far back an event's perpetrators are carried
DOERS = ("initiator", "supporting")  # the roles of who did it
CARRIED = "; who did it carried over from the sentences before"


def carry_framed(events: list, framed: tuple[int, str, list[ActorMention]]) -> None:
    """Events of the type an opening sentence framed without reporting one event
    ("Turkish-backed forces continue to bombard areas near A and B", then "the
    villages of C, D and E were shelled") that name nobody who did it take the
    framing sentence's perpetrators; their rule says so."""
    at, slug, doers = framed
    for event in events:
        if (
            event.event_type != slug
            or not event.sentences
            or not 0 < min(event.sentences) - at <= CARRY_SENTENCES
            or any(a.role in DOERS for a in event.actors)
        ):
            continue
        known = {a.actor_id for a in event.actors}
        event.actors += [
            ProposedActor(a.actor_id, a.name, "initiator", a.text)
            for a in {d.actor_id: d for d in doers}.values()
            if a.actor_id not in known
        ]
        event.rule += "; who did it named in the story's opening sentence"


def carry_perpetrators(events: list) -> None:
    """An event whose sentences name nobody who did it ("the villages of A and B were
    shelled") takes the perpetrators of the same type's event just before it
    ("Turkish-backed forces continue to bombard the area"); its rule says so."""
    for i, event in enumerate(events):
        if not event.sentences or any(a.role in DOERS for a in event.actors):
            continue
        first = min(event.sentences)
        for earlier in reversed(events[:i]):
            before = [s for s in earlier.sentences if s < first]
            if earlier.event_type != event.event_type or not before:
                continue
            if first - max(before) > CARRY_SENTENCES:
                continue
            doers = [a for a in earlier.actors if a.role in DOERS]
            if doers:
                known = {a.actor_id for a in event.actors}
                event.actors += [
                    dataclasses.replace(a) for a in doers if a.actor_id not in known
                ]
                event.rule += CARRIED
                break


# "The IDF said it struck …", "the army said they shelled …": the speaker is who
# did it. The pronoun opens what was said; a few words may come before the cue
# ("it had carried out air strikes").
_SPEAKER_DID = re.compile(
    r"^(?:that\s+)?(?:it|they|we)\s+(?:(?:had|has|have|also|then|later)\s+)?"
    r"(?P<gap>(?:[\w-]+\s+){0,2}?)$",
    re.I,
)


def speaker_did(content_before_cue: str) -> bool:
    """True when what a speaker said opens "it/they/we (…) <the event's cue>": the
    speaker speaks of its own act, so it is the event's initiator."""
    return bool(_SPEAKER_DID.match(content_before_cue))
