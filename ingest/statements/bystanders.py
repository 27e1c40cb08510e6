"""Officials of a state not fighting in the story report (LABELLING_GUIDE, stance
rule: "Lebanon's NNA on an Israeli strike"). "Lebanon's state-run National News
Agency", "a Lebanese security source" or "the Turkish foreign ministry" speak for a
state, but when the story shows no forces of that state in the fight (no "Lebanese
army", no "Turkish jets", none among the event's actors), they speak for no side of
it, when another state's forces do the act ("Israeli aircraft"). A party's own
named agency (SANA, Saba, Amaq) still claims; so does the state at home when only
an armed group is named (it fights the insurgency)."""

import dataclasses
import re

from ingest.statements import ownnames, stances

# Adjective and name of the states the corpus' stories name as speakers.
_STATES = {
    "Afghan": "Afghanistan", "American": "America", "Burmese": "Myanmar",
    "Cameroonian": "Cameroon", "Congolese": "Congo", "Egyptian": "Egypt",
    "Emirati": "Emirates", "Ethiopian": "Ethiopia", "French": "France",
    "Iranian": "Iran", "Iraqi": "Iraq", "Israeli": "Israel", "Jordanian": "Jordan",
    "Kenyan": "Kenya", "Lebanese": "Lebanon", "Libyan": "Libya", "Malian": "Mali",
    "Nigerian": "Nigeria", "Nigerien": "Niger", "Pakistani": "Pakistan",
    "Palestinian": "Palestine", "Qatari": "Qatar", "Russian": "Russia",
    "Saudi": "Saudi Arabia", "Somali": "Somalia", "Sudanese": "Sudan",
    "Syrian": "Syria", "Turkish": "Turkey", "Ukrainian": "Ukraine",
    "Yemeni": "Yemen",
}  # fmt: skip
_BY_WORD = {w.lower(): a for a, n in _STATES.items() for w in (a, n)}
_STATE = "|".join(sorted(map(re.escape, [*_STATES, *_STATES.values()]), key=len)[::-1])
# "Lebanon's state-run …", "A Lebanese security source", "Official media in Lebanon"
_SPEAKER_STATE = re.compile(
    rf"^(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){{0,2}}?(?P<lead>{_STATE})(?:['’]s?)?\b"
    rf"|\b(?:in|of)\s+(?P<tail>{_STATE})$"
)
# A state's own forces in the fight: "the Lebanese army", "Russian warplanes",
# "Ukraine's military" (not "Lebanon's military sources", who speak).
_FORCES = (
    r"(?:[\w-]+\s+){0,2}?(?:army|armed forces|forces|troops|soldiers?|military|"
    r"air force|navy|air defen[cs]es?|warplanes|jets|aircraft|planes|drones|"
    r"artillery|police|border guards?|(?:air\s?)?strikes?|airstrikes?|raids?)\b"
    r"(?!\s+(?:sources?|spokes\w+|officials?)\b)"
)


def _state_of(speaker: str) -> str:
    """The adjective of the state a speaker names at its head or its end."""
    head = speaker.split(" (via ")[0].strip()
    found = _SPEAKER_STATE.search(head)
    if not found or found["lead"] and ownnames.names_a_body(head[found.end() :]):
        return ""  # "Lebanese Hezbollah group": Hezbollah speaks, not Lebanon
    return _BY_WORD[(found.group("lead") or found.group("tail")).lower()]


def _fighting(adjective: str) -> re.Pattern[str]:
    name = re.escape(_STATES[adjective])
    return re.compile(rf"\b(?:{adjective}|{name}['’]s?)\s+{_FORCES}", re.I)


def _fights(adjective: str, text: str, memo: dict[str, bool]) -> bool:
    if adjective not in memo:
        memo[adjective] = bool(_fighting(adjective).search(text))
    return memo[adjective]


def _state_in(adjective: str, text: str) -> bool:
    return bool(re.search(rf"\b(?:{adjective}|{re.escape(_STATES[adjective])})", text))


def report_bystanders(events: list, text: str) -> None:
    """A claim or confirmation by a state with no forces in the story, on another
    state's act, reports."""
    fighting: dict[str, bool] = {}
    for event in events:
        actors = " ".join(f"{a.name} {a.text}" for a in event.actors)
        for i, statement in enumerate(event.statements):
            if statement.stance not in ("claims", "confirms"):
                continue
            if stances.NAMED_AGENCY.search(statement.speaker):
                continue  # SANA, Saba: a party's own agency (guide)
            adjective = _state_of(statement.speaker)
            if not adjective:
                continue
            if _fights(adjective, text, fighting) or _state_in(adjective, actors):
                continue
            # another state acts ("Israeli aircraft", here or in the story); an
            # insurgency at home is fought by the speaker's state (Somalia claims)
            if not any(
                _state_in(a, actors) or _fights(a, text, fighting)
                for a in _STATES
                if a != adjective
            ):
                continue
            event.statements[i] = dataclasses.replace(statement, stance="reports")
