"""Issue 13: wire stories about other wars read in the wrong country's gazetteer. A
Gaza story naming Israel more often than Gaza, a Lebanese story naming only
"Hezbollah" and "the Lebanese army", a Congolese one naming "eastern Congo" and
"M23", a story datelined in a small town, a story naming only another country's
towns: each was read in Syria's gazetteer. The snippets are written for these tests
in the style of the wires."""

import datetime as dt

import pytest

from ingest import propose
from ingest.country import country, countrycues, datelines

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 11, 9, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _gazetteer(actors_and_gazetteer) -> None:
    """The demo actors and the bundled gazetteer (conftest)."""


def _read_in(text: str) -> str:
    return propose.article_propose(text_raw=text, published_at=WHEN).country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hezbollah said it fired rockets; the Lebanese army said two died.", "LB"),
        ("M23 rebels seized a town in eastern Congo on Sunday.", "CD"),
        ("Houthi fighters shelled the city, residents said.", "YE"),
        ("The RSF shelled a camp, medics said.", "SD"),
        ("JNIM claimed the attack on the army post.", "ML"),
    ],
)
def test_armed_groups_and_the_press_s_short_names_are_cues_of_their_country(text, code):
    assert code in countrycues.counts(text)


def test_a_group_named_again_and_again_counts_once_a_country_name_each_time():
    assert countrycues.counts("Hezbollah said. Hezbollah fired. Hezbollah added.") == {
        "LB": 1
    }
    assert countrycues.counts("in eastern Congo … across Congo") == {"CD": 2}
    # the longer names are counted by wire._PRESS_NAMES, not again here
    assert countrycues.counts("the Democratic Republic of the Congo, DR Congo") == {}
    assert countrycues.counts("Congo-Brazzaville and the Republic of Congo") == {}


def test_a_gaza_story_naming_israel_more_often_is_read_in_gaza():
    # Israel is named three times, the Gaza Strip once: the most named country's
    # gazetteer places none of the names, the next one's does.
    text = (
        "Several Palestinians were killed on Saturday in an Israeli airstrike on a "
        "house in the city of Rafah in the southern Gaza Strip, witnesses said. "
        "Israel insists on launching a ground offensive in Rafah. Israel says it "
        "targets militants. Israel has not commented on the strike."
    )
    assert _read_in(text) == "PS"


def test_a_story_naming_gaza_in_passing_is_not_read_in_gaza():
    # "the Gaza war" names a country (a cue), it is no town Gaza's gazetteer places.
    text = (
        "An Israeli strike on Tyre killed four people on Sunday, Lebanon's news "
        "agency said, in the latest cross-border violence since the Gaza war "
        "erupted. Hezbollah said it fired rockets in response."
    )
    assert _read_in(text) == "LB"


def test_a_lebanese_story_naming_only_hezbollah_and_the_lebanese_army_is_lebanese():
    text = (
        "An Israeli drone strike on a car near Nabatieh killed two men on Tuesday, "
        "the Lebanese army said. Hezbollah said one of its fighters was killed."
    )
    assert _read_in(text) == "LB"


def test_a_story_about_eastern_congo_is_read_in_congo():
    text = (
        "M23 rebels captured the town of Rutshuru in eastern Congo on Sunday after "
        "heavy fighting with the army, local officials said. Residents fled toward "
        "Goma, the provincial capital."
    )
    assert _read_in(text) == "CD"


def test_a_dateline_town_of_fifteen_thousand_names_its_country():
    assert datelines.filed_in("RUTSHURU (Reuters) - Rebels seized the town") == "CD"
    # a configured country's town that GeoNames' list of 15,000 spells otherwise
    assert datelines.filed_in("NABATIEH (Reuters) - An Israeli strike killed") == "LB"
    assert datelines.filed_in("UPDATE - An Israeli strike killed two") == ""


def test_a_story_naming_only_another_country_s_towns_is_read_there():
    assert country.towns_country("Rebels attacked Beni and then Butembo.", "SY") == "CD"
    assert country.towns_country("Rebels attacked Beni.", "SY") == ""


def test_a_syrian_story_naming_neighbours_in_passing_stays_syrian():
    # It never names Syria; Turkey, Iraq, Lebanon and Israel each once, and the
    # Lebanese adjective: each other gazetteer is read, none places the towns.
    text = (
        "Turkish drones struck a car near Qamishli and shelled villages around Tal "
        "Tamr on Friday, the Kurdish-led SDF said. Ankara says the fighters have ties "
        "to militants in Turkey and Iraq. Activists said Hezbollah fighters and "
        "Lebanese volunteers joined the battle for Deir ez-Zor, while Israel struck "
        "an arms depot near Homs. The Syrian Observatory said six people died in "
        "Qamishli."
    )
    assert _read_in(text) == "SY"
