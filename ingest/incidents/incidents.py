"""One incident told twice is one proposal: a clash where a place changed hands that
day is the capture's fighting, and a syndicated page that repeats its lead tells the
lead's incident again (issue 13: duplicate proposals)."""

import re
from collections.abc import Callable

from ingest.incidents import grouping
from ingest.where.mention import PlaceMention

# ACLED codes a battle that changes who holds a place as the territory change alone
# (its "Government regains territory" / "Non-state actor overtakes territory"
# sub-events are battles); the clash there that day is that event's fighting.
TERRITORY = frozenset(
    {"government-regains-territory", "non-state-actor-overtakes-territory"}
)
CLASH = "armed-clash"


def fold_fighting(
    groups: list[grouping.Group],
    place_of: Callable[[grouping.Group], PlaceMention | None],
) -> list[grouping.Group]:
    """Fold each armed clash into a capture or regain of the same place (a point,
    not a region) on the same day; its sentences become the capture's evidence."""
    captures = [g for g in groups if g.slug in TERRITORY]
    if not captures:
        return groups
    folded: set[int] = set()
    for group in groups:
        if group.slug != CLASH:
            continue
        place = place_of(group)
        if place is None or place.is_region:
            continue
        host = next(
            (
                c
                for c in captures
                if (where := place_of(c)) is not None
                and where.key == place.key
                and _same_day(c.day, group.day)
            ),
            None,
        )
        if host is None:
            continue
        host.mentions.extend(group.mentions)
        host.mentions.sort(key=lambda m: m.sentence)
        folded.add(id(group))
    return [g for g in groups if id(g) not in folded]


def _same_day(capture, clash) -> bool:
    """The clash is undated, or dated to a day the capture's date holds ("this
    week's fighting" is more than the day a town fell)."""
    if clash is None:
        return True
    return clash.precision == "day" and grouping.dates_compatible(capture, clash)


_WORD = re.compile(r"\w+")
REPEAT_WORDS = 8  # shorter sentences ("Two were killed.") recur by chance


def repeats(texts: list[str]) -> set[int]:
    """Indexes of sentences that repeat an earlier sentence of eight words or more
    whole, as a syndicated page does under its own header ("Gaza Strip, (APP - 25th
    Oct, 2024) Gaza's civil defence said …" after "Gaza's civil defence said …")."""
    seen: list[str] = []
    found: set[int] = set()
    for number, sentence in enumerate(texts):
        words = " " + " ".join(_WORD.findall(sentence.lower())) + " "
        if any(earlier in words for earlier in seen):
            found.add(number)
            continue
        if len(words.split()) >= REPEAT_WORDS:
            seen.append(words)
    return found
