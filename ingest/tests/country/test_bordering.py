"""A country named as a border or a neighbour is not where the story is
(ingest/country/bordering.py). The sentences are made up, in the shapes of dev reports (AB09,
J09, T10, X12) and of an unseen wire story of a drone strike in Pakistan read in
Afghanistan's gazetteer because it named "a district bordering Afghanistan"."""

import pytest

from ingest.country import pointedcountry
from ingest.where import countrynames


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The strike hit a village in a tribal district bordering Afghanistan", "AF"),
        ("Bombs fell on a village of Chin State, bordering India", "IN"),
        ("The strike occurred near Nabatieh, 10km from the border with Israel", "IL"),
        ("More than 30,000 civilians fled into neighbouring Uganda", "UG"),
        ("A town in Rakhine state near the border with Bangladesh was shelled", "BD"),
        ("Rebels crossed the frontier with Chad overnight", "TD"),
    ],
)
def test_a_country_named_as_a_border_is_no_cue(text: str, absent: str) -> None:
    assert absent not in countrynames.country_mentions(text)
    assert absent not in pointedcountry.pointed(text)


def test_the_same_country_named_plainly_still_counts() -> None:
    text = (
        "Shells from Afghanistan hit a district bordering Afghanistan. "
        "Afghanistan denied it."
    )
    assert countrynames.country_mentions(text)["AF"] == 2
    assert pointedcountry.pointed("Troops in Afghanistan fired")["AF"] == "name"
