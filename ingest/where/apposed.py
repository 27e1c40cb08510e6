"""A town that says where a named admin unit lies: "Amran governorate, north of the
capital Sanaa".

locators.py reads a town after a direction as only locating the place named before it
when that place is a town or a distance is given ("Zawiya, 40 km west of Tripoli"). A
province, governorate or district named just before, with only a comma between, is
the same shape: the wire describes where the unit lies ("strikes targeted Amran
governorate, north of the rebel-held capital of Sanaa"; "al-Mahawit province, northeast
of the capital Sanaa"; "a power station in Dibis District, northwest of Kirkuk"), and
the town is no event's place (LABELLING_GUIDE rule 4, series AJ). A vague region
("northern Syria, north of Aleppo") names no unit and keeps the town as the place."""

import re

from ingest.where.mention import PlaceMention

# The unit's own word ends its name: the text says it is an admin area.
_UNIT = re.compile(
    r"\b(?:governorates?|provinces?|districts?|sub-?districts?|states?|oblasts?|"
    r"regions?|counties|county|prefectures?|departments?|raions?|rayons?)$",
    re.I,
)
_APPOSITION = re.compile(r",\s*")


def unit_located(
    sentence: str, direction_start: int, places: list[PlaceMention]
) -> bool:
    """True when the phrase "<direction> of ..." at ``direction_start`` follows a
    named admin unit and a comma."""
    before = [p for p in places if p.end <= direction_start]
    if not before:
        return False
    unit = max(before, key=lambda p: p.end)
    return (
        unit.is_region
        and bool(_UNIT.search(unit.text))
        and bool(_APPOSITION.fullmatch(sentence, unit.end, direction_start))
    )
