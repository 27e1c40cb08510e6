"""The shape of the sentence a labelled event is told in, for the type cause scripts.

``shape`` puts a label's evidence under one shape, first that fits:
- "casualty-led": the victims open the sentence ("Two civilians were killed in X",
  "At least 12 people died when ...");
- "passive": the place or target is the subject of a passive ("the village was hit",
  "X came under fire", "a convoy was targeted");
- "movement/control verb": an advance or a hold ("entered", "stormed", "advanced
  into", "took control of", "withdrew from", "seized");
- "event noun": the incident named by a noun ("clashes erupted", "an explosion in X",
  "a drone strike on X killed");
- "attack verb": an act verb in the active ("attacked", "targeted", "hit", "struck",
  "shelled", "bombed", "fired");
- "other".
"""

import re

_NUMBER = (
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens|scores|hundreds|several|many|some|a number of|at least \S+|more than \S+)"
)
_CASUALTY_LED = re.compile(
    rf"^\W*(?:(?:on|in|at|late|early|yesterday|today|overnight)\b[^,]{{0,40}},\s*)?"
    rf"(?:the\s+)?(?:{_NUMBER}\s+)?(?:[\w'’-]+\s+){{0,4}}?"
    r"(?:civilians?|people|persons|children|women|men|soldiers|fighters|members|"
    r"residents|villagers|troops|militants|rebels|policemen|officers|personnel|"
    r"killed|dead|bodies|casualties)\b[^.]{0,60}?\b(?:were|was|have been|had been|"
    r"died|killed|wounded|injured|perished)\b",
    re.I,
)
_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?(?:hit|struck|targeted|"
    r"attacked|shelled|bombed|bombarded|stormed|raided|ambushed|seized|captured|"
    r"taken|overrun|retaken|recaptured|destroyed|blown up|set on fire|burned|"
    r"torched|looted|surrounded|besieged|fired (?:on|upon|at)|pounded|rocked|"
    r"killed|wounded|injured|shot|arrested|detained|abducted|kidnapped)\b|"
    r"\bcame under\b|\bcomes under\b|\bunder (?:heavy )?(?:fire|attack|shelling)\b",
    re.I,
)
_MOVEMENT = re.compile(
    r"\b(?:enter(?:ed|ing|s)?|storm(?:ed|ing|s)?|advanc(?:ed|ing|es?)|"
    r"push(?:ed|ing)? (?:into|towards?)|mov(?:ed|ing) (?:into|towards?)|"
    r"(?:took|taken|taking|take|seized?|gained|won|regained|assumed) (?:full |"
    r"complete |total )?control|seiz(?:ed|ing)|captur(?:ed|ing)|overr?an|"
    r"withdr(?:ew|awn|awing)|pulled out|retreat(?:ed|ing)|deploy(?:ed|ing)|"
    r"infiltrat(?:ed|ing)|incursion|raid(?:ed|ing)|"
    r"(?:fell|falls|fallen) (?:in)?to|(?:re)?took|liberat(?:ed|ing))\b",
    re.I,
)
_EVENT_NOUN = re.compile(
    r"\b(?:clashes|fighting|battles?|explosions?|blasts?|(?:air|drone|missile|"
    r"rocket|artillery) ?strikes?|airstrikes?|air raids?|attacks?|assaults?|"
    r"offensive|bombardment|shelling|ambush|massacre|bombing|shootings?|"
    r"skirmish(?:es)?|operation|raid|protests?|demonstrations?)\b",
    re.I,
)
_ATTACK_VERB = re.compile(
    r"\b(?:attack(?:ed|ing|s)|target(?:ed|ing|s)|hit(?:ting|s)?|str(?:uck|ike|ikes|iking)|"
    r"shell(?:ed|ing|s)|bomb(?:ed|ing|s)|fir(?:ed|ing)|pound(?:ed|ing)|kill(?:ed|ing)|"
    r"shot|ambush(?:ed|ing)|destroy(?:ed|ing)|blew up|detonat(?:ed|ing))\b",
    re.I,
)
SHAPES = (
    "casualty-led",
    "passive",
    "movement/control verb",
    "event noun",
    "attack verb",
    "other",
)


def shape(evidence: str) -> str:
    """One shape of the sentence(s) a label is told in (see the module's docstring)."""
    first = re.split(r"(?<=[.!?])\s+", evidence.strip(), maxsplit=1)[0]
    if _CASUALTY_LED.search(first):
        return "casualty-led"
    for name, pattern in (
        ("passive", _PASSIVE),
        ("movement/control verb", _MOVEMENT),
        ("event noun", _EVENT_NOUN),
        ("attack verb", _ATTACK_VERB),
    ):
        if pattern.search(evidence):
            return name
    return "other"
