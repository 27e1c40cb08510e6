"""A drone or a shell named as what hit (issue 13: drone and missile strikes on cities,
shelling of front-line villages in the Russia-Ukraine and Israel-Lebanon wars).

The type rules read a strike from its verb ("shelled", "drone strike", "air raids"); a
report that names the weapon as the doer or the means passes them by:
- "an attack by Ukrainian UAVs in Kursk's Central District", "a car hit by a Russian
  drone", "A Turkish drone attacked a vehicle", "attacked a civilian by a drone",
  "another drone had fallen in Kursk district, damaging windows" are air/drone strikes
  (LABELLING_GUIDE, series R: a drone that hits, damages or burns something at a named
  place is a strike there, debris included);
- "A shell fired by Russian-led forces hit a house", "the shell struck a tent", "hit by
  an artillery shell" are shelling (the rules know "shells" and "shelling", not one
  shell).
Read only where no type rule fired on the clause; a drone's crash by malfunction is no
attack (series U)."""

import re

from ingest.reading import cues

_DRONE = r"(?:drones?|UAVs?|unmanned aerial vehicles?)"
_STRUCK = r"(?:attacked|hit|struck|targeted|bombed|slammed into|crashed into)"
_FEW = r"(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}"
_AIR = cues.compiled(
    # "A Turkish drone attacked a vehicle", "a second drone hit an area"
    rf"\b{_DRONE}\s+(?:\w+ly\s+)?{_STRUCK}\b|"
    # "a car hit by a Russian drone", "attacked a civilian by a drone"
    rf"\b(?:{_STRUCK}|attacks?|strikes?|raids?)\s+(?:\w+\s+){{0,3}}?by\s+{_FEW}{_DRONE}\b|"
    # "a UAV attack", "unmanned aerial vehicle strikes"
    rf"\b(?:UAVs?|unmanned aerial vehicles?)\s+(?:attacks?|strikes?)\b|"
    # "another drone had fallen in Kursk district, damaging windows"
    rf"\b{_DRONE}\s+(?:had\s+|has\s+)?(?:fell|fallen|crashed)\b"
    r"(?=[^.;]{0,80}\b(?:damag|destroy|injur|kill|wound|burn|set fire|fire))"
)
_SHELL = cues.compiled(
    # "A shell fired by Russian-led forces hit a house", "the shell struck a tent"
    r"\b(?:an?|the|one)\s+(?:(?:artillery|tank|mortar|naval|heavy|[\w-]+mm)\s+)?shell\s+"
    r"(?:[\w'’-]+\s+){0,5}?(?:hit|struck|fell|landed|exploded|slammed)\b|"
    # "hit by an artillery shell"
    r"\b(?:hit|struck)\s+by\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}shells?\b"
)
_MALFUNCTION = cues.compiled(r"\b(?:malfunction|technical (?:fault|failure|problem))")


def struck_by(clause: str) -> tuple[str, re.Match[str]] | None:
    """The type and cue of a strike told through its weapon (a drone, a shell), or
    None when the clause names none as what hit."""
    air = _AIR.search(clause)
    if air and not _MALFUNCTION.search(clause):
        return "air-drone-strike", air
    shell = _SHELL.search(clause)
    if shell:
        return "shelling-artillery-missile-attack", shell
    return None
