"""Issues 13/14 (helper ingnopoint, bench/placemisses.py): names the extractor left
without a point that are people or times, and the country a story is read in, which it
never listed among the story's places. Made-up snippets in the wires' style, read with
the bundled gazetteer.

- a wire credit's people ("(Reporting by Tom Perry; Editing by ...)", "Photo:
  REUTERS/Ivan X") and the month of fasting ("during Ramadan") are no places;
- "Yemen" in a story read in Yemen is one of its places: listed without a point, never
  an event's place;
- a suburb "in Damascus" that the gazetteer puts in Rif Dimashq, beside the capital,
  keeps its point (a village the text puts in a far governorate still has none);
- a town of 20,000 people or more, spelt exactly as the gazetteer's one place of that
  name, keeps its point however far from the story's other places.
"""

import datetime as dt

import pytest

from ingest import propose
from ingest.country import owncountry
from ingest.reading import credits

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 8, 23, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _gazetteer(actors_and_gazetteer) -> None:
    """The demo actors and the bundled gazetteer (conftest)."""


def _texts(proposal) -> set[str]:
    return {p.text for p in proposal.places} | {
        e.place.text for e in proposal.events if e.place is not None
    }


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("(Reporting by Tom Perry; Editing by Louise Ireland)", "Tom", True),
        ("(Reporting by Tom Perry; Editing by Louise Ireland)", "Louise", True),
        ("Writing by Dmitry Solovyov/Andrew Osborn)", "Andrew", True),
        ("Photo: REUTERS/Ivan Antypenko Three civilians died in Kherson", "Ivan", True),
        ("Photo: REUTERS/Ivan Antypenko Three civilians died in Kherson", "Kherson", False),
        ("Local reporting by activists in Idlib said so.", "Idlib", False),
        ("The assault targeted civilians during Ramadan, adding to fears.", "Ramadan", True),
        ("It began on the second day of Ramadan.", "Ramadan", True),
        ("Shells fell on Ramadan village on Monday.", "Ramadan", False),
    ],
)  # fmt: skip
def test_a_credits_people_and_the_month_of_fasting_are_no_places(
    sentence, name, expected
):
    start = sentence.index(name)
    assert credits.not_a_place(sentence, start, start + len(name)) is expected


def test_the_journalists_of_a_wire_credit_are_no_places_of_the_story():
    text = (
        "Rebels captured the town of Jarablus on Sunday, a monitor said. "
        "(Reporting by Tom Perry; Writing by Maria Kiselyova; Editing by Ivan Ireland)"
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN, country="SY")
    texts = _texts(proposal)
    assert "Jarablus" in texts
    assert not texts & {"Tom", "Maria", "Ivan", "Tom Perry", "Maria Kiselyova"}


def test_the_country_a_story_is_read_in_is_listed_without_a_point():
    text = (
        "Houthi rebels shelled the city of Taiz on Monday, killing two civilians, "
        "Yemen's government said."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    assert proposal.country == "YE"
    yemen = [p for p in proposal.places if p.text == "Yemen"]
    assert len(yemen) == 1
    assert yemen[0].lat is None
    assert yemen[0].feature_type == "country"
    assert proposal.events
    assert all(e.place is None or e.place.text != "Yemen" for e in proposal.events)
    assert any(e.place is not None and e.place.text == "Taiz" for e in proposal.events)


def test_a_demonym_is_not_the_country_named():
    assert owncountry.mention(["Yemeni rebels shelled Taiz."], "YE") is None
    found = owncountry.mention(["Rebels shelled Taiz, Yemen's west."], "YE")
    assert found is not None
    assert (found.text, found.lat) == ("Yemen", None)


def test_a_suburb_the_text_puts_in_the_capital_keeps_its_point():
    # The gazetteer's Hammurah lies in Rif Dimashq, 7 km from Damascus: "in
    # Damascus" names the city its suburbs surround, not another governorate.
    text = (
        "The Observatory said Thursday's air strikes targeted the suburb of "
        "Hammouriyeh in Damascus, killing 30 people."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN, country="SY")
    place = next(p for p in proposal.places if p.text == "Hammouriyeh")
    assert place.lat is not None
    assert place.admin1 == "Rif Dimashq"


def test_a_person_named_with_a_title_is_no_place_by_surname_alone():
    people = credits.surnames(
        "Fighters backing President Abd-Rabbu Mansour Hadi retook the port."
    )
    assert "Hadi" in people
    sentence = "On Friday, fighters loyal to Hadi won full control of the town."
    assert credits.person_spans(sentence, people) == [(29, 33)]
    assert credits.person_spans("Shells fell on the village of Hadi.", people) == []
    # "Sheikh" heads places' names: "Sheikh Maqsoud" names no person.
    assert not credits.surnames("Shells fell on Sheikh Maqsoud on Friday.")


def test_a_surname_alone_after_the_full_name_is_no_event_place():
    text = (
        "Saudi-led air strikes began in March to return president Abd-Rabbu Mansour "
        "Hadi from exile. On Friday, southern Yemeni fighters and army units loyal to "
        "Hadi won full control of Houta town, capital of Lahj province, residents said."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    assert proposal.country == "YE"
    assert "Hadi" not in _texts(proposal)
    assert "Houta town" in _texts(proposal)


def test_a_known_town_far_from_the_storys_other_places_keeps_its_point():
    # Az Zabadani (GeoNames 162099, 29,549 people), 300 km from al-Fuah and Kafriya:
    # the one place so spelt, not a far namesake.
    text = (
        "Rebels launched 250 shells into Fuaa and Kafraya on Monday, and government "
        "forces shelled Zabadani, the Observatory said."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN, country="SY")
    place = next(p for p in proposal.places if p.text == "Zabadani")
    assert place.lat is not None
