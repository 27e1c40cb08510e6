"""Background told beside the news is no event (issue 13, series J): a place's history
("has seen heavy fighting since"), an agreement's terms, a restated toll, what did not
happen, air support of a ground advance, fighters who fled, counted incidents and
rates; a relative clause about a place's earlier capture keeps its place and date to
itself; "New Year's Eve" is a day. The sentences are made up."""

import datetime as dt

import pytest

from ingest import propose
from ingest.kinds import background, rules
from ingest.tests.articles import cue_kept, no_cue_kept
from ingest.when import dates, timing

SATURDAY = dt.datetime(2023, 3, 11, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        (
            "The province has seen some of the heaviest fighting since the war began.",
            "armed-clash",
        ),
        ("The fighting in Sudan has raged unabated, the agency said.", "armed-clash"),
        (
            "Under the new truce agreement, both sides have agreed to stop the shelling "
            "of the towns.",
            "agreement",
        ),
        (
            '"According to an initial toll, about 30 people have been killed," the '
            "governor said.",
            "explosions-remote-violence",
        ),
        (
            "A rebel commander said there had been no fighting in the area.",
            "armed-clash",
        ),
        (
            "Government forces, supported by Russian air strikes, captured the town.",
            "air-drone-strike",
        ),
        ("The rebels fled the town after the army entered it.", "displacement"),
        (
            "Nine clashes have already taken place in the province this week.",
            "armed-clash",
        ),
        (
            "Clashes in the region increased by 75 percent this year, the group says.",
            "armed-clash",
        ),
        (
            "The violence killed nearly 3,000 people in the country last year.",
            "explosions-remote-violence",
        ),
        (
            "Fighting erupted in the capital, where the army has launched an offensive "
            "in recent months.",
            "offensive-launched",
        ),
    ],
)
def test_background_beside_the_news_is_no_event(sentence, slug):
    assert not cue_kept(sentence, slug)


def test_a_countrys_displacement_count_is_no_event():
    # the type cues drop it before the background rules see it (typecues.not_displacement)
    assert no_cue_kept("About 2.5 million people have been displaced by the war.")


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        (
            "Rebels shelled the village on Saturday, killing two.",
            "shelling-artillery-missile-attack",
        ),
        ("Heavy fighting broke out in the town on Saturday.", "armed-clash"),
        (
            "Russian air strikes hit the market on Saturday, killing five.",
            "air-drone-strike",
        ),
        ("Thousands of residents fled the town on Saturday.", "displacement"),
        (
            "Two people were killed in the town on Saturday.",
            "explosions-remote-violence",
        ),
    ],
)
def test_news_told_as_such_stays_an_event(sentence, slug):
    assert cue_kept(sentence, slug)


@pytest.mark.parametrize(
    ("phrase", "published", "day"),
    [
        ("New Year's Eve", "2021-01-01", "2020-12-31"),
        ("New Year’s Day", "2021-01-03", "2021-01-01"),
        ("Christmas Day", "2020-12-26", "2020-12-25"),
        ("Christmas Eve", "2020-12-20", "2019-12-24"),
    ],
)
def test_a_day_named_for_its_date_is_that_day(phrase, published, day):
    at = dt.datetime.fromisoformat(f"{published}T12:00:00+00:00")
    found = dates.find_dates(
        f"killed in an attack on {phrase} by rebels", published_at=at
    )
    assert [(d.date_start.isoformat(), d.precision) for d in found] == [(day, "day")]


def test_an_earlier_capture_told_in_a_relative_clause_is_an_aside():
    sentence = (
        "Rebels retook the village of A, a gateway to the town of B, which was seized "
        "by the army earlier this month."
    )
    (start, end), *_ = background.asides(sentence)
    assert "town of B, which" in sentence[start:end]
    assert "village of A" not in sentence[start:end]


@pytest.mark.django_db
def test_a_place_captured_earlier_gives_its_date_to_no_event(actors_and_gazetteer):
    events = propose.article_propose(
        text_raw=(
            "Turkish-backed rebels recaptured Kafr Nabl, near the town of Saraqib, "
            "which was seized by the army earlier this month."
        ),
        published_at=SATURDAY,
    ).events
    assert events
    assert all(e.date_precision != "month" for e in events)
    assert not any(e.place is not None and "Saraqib" in e.place.name for e in events)


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        (
            "Fighting continued all over the front line throughout Friday, the army "
            "said.",
            "armed-clash",
        ),
        (
            "The war became the world's largest displacement and hunger crisis.",
            "displacement",
        ),
    ],
)
def test_a_whole_front_or_a_crisis_is_no_event(sentence, slug):
    assert not cue_kept(sentence, slug)


def test_a_bracketed_credit_dates_the_page_not_the_strike():
    at = dt.datetime(2016, 9, 16, 12, tzinfo=dt.UTC)
    sentence = (
        "Aden, (Example News – 16th September, 2016) : five people were killed in a "
        "drone strike on Wednesday."
    )
    found = dates.find_dates(sentence, published_at=at)
    stamps = timing.page_stamps(found, sentence, at.date())
    assert [d.text for d in stamps] == ["16th September, 2016"]


def test_an_evening_and_the_next_early_morning_are_one_night():
    at = dt.datetime(2025, 3, 14, 12, tzinfo=dt.UTC)
    found = dates.find_dates(
        "shelling wounded eight on Thursday evening and early Friday morning",
        published_at=at,
    )
    assert [(d.date_start, d.date_end) for d in found] == [
        (dt.date(2025, 3, 13), dt.date(2025, 3, 14))
    ]


def _read(text: str):
    return propose.article_propose(text_raw=text, published_at=SATURDAY)


@pytest.mark.django_db
def test_a_list_of_governorates_is_read_as_governorates(actors_and_gazetteer):
    events = _read(
        "Warplanes carried out air strikes on Homs, Hama, Raqqa and Aleppo on "
        "Saturday, the monitor said."
    ).events
    assert sorted(e.place.name for e in events) == ["Aleppo", "Hama", "Homs", "Raqqa"]
    assert all(e.place.feature_type == "governorate" for e in events)


@pytest.mark.django_db
def test_a_named_area_in_a_citys_suburbs_is_the_place(actors_and_gazetteer):
    proposal = _read("Rebels shelled the Damascus suburbs of West Ghouta on Saturday.")
    assert [p.name for p in proposal.places] == ["West Ghouta"]
    assert [e.place.name for e in proposal.events] == ["West Ghouta"]


@pytest.mark.django_db
def test_a_peoples_adjective_before_village_is_no_place(actors_and_gazetteer):
    proposal = _read(
        "Government forces shelled the Shi'ite village of Nubl on Saturday."
    )
    assert [p.name for p in proposal.places] == ["Nubl"]


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        (
            "The ongoing air strikes have caused heavy damage across the territory.",
            "air-drone-strike",
        ),
        (
            "The coalition has stepped up air strikes on the capital.",
            "air-drone-strike",
        ),
    ],
)
def test_violence_summed_up_as_going_on_is_no_event(sentence, slug):
    assert not cue_kept(sentence, slug)


def test_what_a_group_wants_is_no_event():
    assert not any(
        m.slug == "remote-explosive-landmine-ied"
        for m in rules.classify(
            "The militants want to plant landmines on the main road.", []
        )
    )


def test_a_capture_by_the_government_named_without_an_actor_is_a_regain():
    sentence = "The monitor said the government had seized the town on Friday morning."
    cue = sentence.index("seized")
    assert rules.capture_by_government([], cue, sentence, cue + len("seized"))
    assert not rules.capture_by_government(
        [], sentence.index("monitor"), sentence, sentence.index("monitor") + 7
    )
