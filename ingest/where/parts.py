"""A settlement's name used for a part of something else: no point of its own.

Two shapes in which a village or town the gazetteer holds is not the place meant:
- a landform named after it: "the mountains of X", "the X mountains" (read with or
  without its landform word), "the plain of X": the mountain range or plain, which
  the gazetteer may not hold, not the village that bears the name (often far from
  it: a Latakia village for "the mountains of al-Akrad" in a story on northern
  Latakia);
- a city's quarter: "the X neighbourhood in the city of Y": a quarter lies in its
  city, so a village of that name with no other place of the sentence near it is a
  namesake elsewhere (a village 25 km from the city the sentence names).
Such a name goes to the editor with its candidates (review), not on the map; a name
the article also uses plainly keeps its point.
"""

import re

from ingest.where.mention import PlaceMention, km_between

_SETTLEMENTS = frozenset({"city", "village"})
_LANDFORM = r"(?:mountains?|mounts?|hills?|heights|plains?|valley|range|massif)"
_LANDFORM_BEFORE = re.compile(
    rf"\b{_LANDFORM}\s+of\s+(?:the\s+)?(?:(?:al|el|ad|ar|as|ash|at|az|an)-\s*)?$",
    re.I,
)
_LANDFORM_AFTER = re.compile(rf"^\s+{_LANDFORM}\b", re.I)
# The name read with its landform word: "the Sinjar mountains" as "Sinjar mountains"
# (not a single hill or mount, which usually stands beside the village it is named for).
_LANDFORM_END = re.compile(
    r"\s(?:mountains|mountain\s+range|hills|heights|plains?|valley|range|massif)$",
    re.I,
)
_QUARTER_AFTER = re.compile(r"^\s+(?:neighbou?rhoods?|quarters?)\b", re.I)
# A quarter lies in its city: a place of the sentence this near may be that city.
QUARTER_KM = 10.0


def _landform_of(sentence: str, place: PlaceMention) -> bool:
    before, after = sentence[: place.start], sentence[place.end :]
    return bool(
        _LANDFORM_BEFORE.search(before)
        or _LANDFORM_AFTER.match(after)
        or _LANDFORM_END.search(place.text)
    )


def _stray_quarter(sentence: str, place: PlaceMention, places: list) -> bool:
    if place.feature_type != "village" or not _QUARTER_AFTER.match(
        sentence[place.end :]
    ):
        return False
    others = [
        o
        for o in places
        if o is not place and o.lat is not None and o.feature_type != "country"
    ]
    return bool(others) and all(km_between(place, o) > QUARTER_KM for o in others)


class NamedParts:
    """Keys of the settlements an article names as a part of something else, and of
    those it names plainly, sentence by sentence."""

    def __init__(self) -> None:
        self.parts: set[str] = set()
        self.plain: set[str] = set()

    def read(self, sentence: str, places: list) -> None:
        for place in places:
            if place.lat is None or place.feature_type not in _SETTLEMENTS:
                continue
            if place.origin == "place":  # a place fixed by hand stays where it is
                continue
            if _landform_of(sentence, place) or _stray_quarter(sentence, place, places):
                self.parts.add(place.key)
            else:
                self.plain.add(place.key)

    def without_point(self, places: list) -> dict:
        """The settlements named only as a part of something else, by key, without
        their point (origin "unresolved": the editor picks)."""
        return {
            p.key: p.without_point(
                f"the text names a mountain, plain or city quarter after the "
                f"gazetteer's {p.name}, not the {p.feature_type}: pick a candidate "
                "or place it by hand",
            )
            for p in places
            if p.key in self.parts and p.key not in self.plain and p.lat is not None
        }
