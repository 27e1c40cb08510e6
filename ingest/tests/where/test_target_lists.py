"""Lists of targets and where the fire came from (issue 13; labelling guide rules 1
and 4): one proposal per place listed, with the same type, date, actors and sentence;
an origin of fire is the event's context, never its place. Every sentence is made up."""

import datetime as dt

import pytest

from bench import agreement, ingestbench
from ingest import propose
from ingest.where import locators, origins, targets
from ingest.where.mention import PlaceMention

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]
FRIDAY = dt.datetime(2024, 3, 15, 12, 0, tzinfo=dt.UTC)
MONDAY = dt.date(2024, 3, 11)


def _events(text: str) -> list:
    return propose.article_propose(text_raw=text, published_at=FRIDAY).events


def _at(events: list, kind: str = "") -> list[str]:
    return [e.place.text for e in events if e.event_type.startswith(kind) and e.place]


# ---------------------------------------------------------------------- lists
def test_a_city_and_a_list_of_villages_are_one_event_each_alike():
    events = _events(
        "Regime artillery shelled the city of Ariha and the villages of Kafr Nabl, "
        "Kansafra and Sarmin on Monday, killing two civilians, activists said."
    )
    assert _at(events) == ["Ariha", "Kafr Nabl", "Kansafra", "Sarmin"]
    assert {e.event_type for e in events} == {"shelling-artillery-missile-attack"}
    assert {(e.date_start, e.date_precision) for e in events} == {(MONDAY, "day")}
    assert {tuple(e.sentences) for e in events} == {(0,)}
    assert len({(s.speaker, s.quote) for e in events for s in e.statements}) == 1
    assert len({tuple(a.actor_id for a in e.actors) for e in events}) == 1


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Russian warplanes struck Ariha, Zzyzxqa and Sarmin on Monday.",
            ["Ariha", "Zzyzxqa", "Sarmin"],
        ),
        (
            "Regime forces shelled Zzyzxqa, Qwrtbab and Ariha on Monday.",
            ["Zzyzxqa", "Qwrtbab", "Ariha"],
        ),
    ],
)
def test_a_name_listed_beside_known_places_is_a_target_without_a_point(text, places):
    events = _events(text)
    assert _at(events) == places
    unplaced = [e.place.text for e in events if e.place.lat is None]
    assert unplaced == [p for p in places if p not in {"Ariha", "Sarmin"}]


@pytest.mark.parametrize(
    "text",
    [
        "Turkish drones struck Afrin and its countryside on Monday.",
        "Turkish drones struck Afrin and the surrounding villages on Monday.",
    ],
)
def test_a_town_and_its_countryside_are_one_event(text):
    assert _at(_events(text)) == ["Afrin"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Warplanes struck Ariha, Zzyzxqa and Sarmin.", ["Zzyzxqa"]),
        ("Warplanes struck Ariha, Zzyzxqa & Qwrtbab.", ["Zzyzxqa", "Qwrtbab"]),
        ("Warplanes struck Ariha as well as Zzyzxqa.", ["Zzyzxqa"]),
        # Not lists of places: a source, peoples, a speaker, a comma only.
        ("Warplanes struck Ariha, Reuters reported.", []),
        ("Russian and Turkish jets struck Ariha and Sarmin.", []),
        ("Warplanes struck Ariha and Sarmin, Zzyzxqa said.", []),
        ("Warplanes struck Ariha and Omar, a resident, fled.", []),
        ("Ariha, Zzyzxqa", []),
    ],
)
def test_listed_with_finds_only_names_in_a_list_with_a_known_place(sentence, names):
    known = [
        _mention(sentence, name) for name in ("Ariha", "Sarmin") if name in sentence
    ]
    assert [n for _, _, n in targets.listed_with(sentence, known)] == names


def test_each_town_keeps_the_region_named_after_it():
    events = _events(
        "Warplanes struck Kafr Nabl in Idlib and Kafr Zita in Hama on Monday."
    )
    assert {e.place.text: {p.text for p in e.places_mentioned} for e in events} == {
        "Kafr Nabl": {"Kafr Nabl", "Idlib"},
        "Kafr Zita": {"Kafr Zita", "Hama"},
    }


def test_a_region_after_a_list_is_every_listed_towns():
    events = _events(
        "Regime forces shelled the villages of Kansafra, Kafr Nabl and Ariha in "
        "Idlib province on Monday."
    )
    assert _at(events) == ["Kansafra", "Kafr Nabl", "Ariha"]
    assert all("Idlib province" in {p.text for p in e.places_mentioned} for e in events)


def test_the_listed_neighbourhoods_of_one_town_are_one_event():
    (event,) = _events(
        "Shelling hit the neighbourhoods of Zzyzxqa, Qwrtbab and Xyqqa in Ariha on "
        "Monday."
    )
    assert {p.text for p in event.places_mentioned} >= {"Zzyzxqa", "Qwrtbab", "Xyqqa"}


def test_the_road_between_two_towns_is_one_event_at_the_first():
    events = _events(
        "On Monday, an explosive device blew up a vehicle on the road between the "
        "city of Ariha, southern Idlib, and the nearby town of Sarmin, killing two."
    )
    assert _at(events) == ["Ariha"]


# -------------------------------------------------------------------- origins
@pytest.mark.parametrize(
    ("text", "target", "origin"),
    [
        (
            "Government forces based in Khan Shaykhun and Maarrat al-Nu'man shelled "
            "Kafr Nabl on Monday.",
            ["Kafr Nabl"],
            {"Khan Shaykhun", "Maarrat al-Nu'man"},
        ),
        (
            "Shells fired from Tell Rifaat fell on Azaz on Monday, killing two.",
            ["Azaz"],
            {"Tell Rifaat"},
        ),
        (
            "Regime forces shelled Ariha from the direction of Saraqib on Monday.",
            ["Ariha"],
            {"Saraqib"},
        ),
        (
            "Regime artillery shelled Ariha on Monday, from positions near Saraqib.",
            ["Ariha"],
            {"Saraqib"},
        ),
        (
            "Militiamen stationed in a base near Saraqib fired several missiles on "
            "Monday, targeting positions in Ariha.",
            ["Ariha"],
            {"Saraqib"},
        ),
        (
            "Turkish artillery in Afrin fired shells at Tell Rifaat on Monday.",
            ["Tell Rifaat"],
            {"Afrin"},
        ),
        (
            "Regime forces launched missiles from Khan Shaykhun towards Maarrat "
            "al-Nu'man on Monday.",
            ["Maarrat al-Nu'man"],
            {"Khan Shaykhun"},
        ),
        (
            "Turkish forces stationed in Afrin shelled Tell Rifaat and Mare' on Monday.",
            ["Tell Rifaat", "Mare'"],
            {"Afrin"},
        ),
    ],
)
def test_where_the_fire_came_from_is_context_not_the_place(text, target, origin):
    events = _events(text)
    assert _at(events) == target
    assert {e.event_type for e in events} == {"shelling-artillery-missile-attack"}
    assert all({p.text for p in e.origins} == origin for e in events)


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("Regime positions in Ariha were shelled from Sarmin.", "Ariha", False),
        ("Regime positions in Ariha were shelled from Sarmin.", "Sarmin", True),
        ("Regime forces in Ariha were shelled by rebels in Sarmin.", "Ariha", False),
        ("Rebels drove ISIS from Ariha after shelling Sarmin.", "Ariha", False),
        ("Government forces recaptured Ariha from rebels.", "Ariha", False),
        ("Quneitra-based activists said Ariha was shelled.", "Quneitra", True),
        ("Warplanes struck Iranian bases in Ariha.", "Ariha", False),
    ],
)
def test_origin_cues(sentence, name, expected):
    places = [_mention(sentence, n) for n in ("Ariha", "Sarmin", "Quneitra")]
    places = [p for p in places if p is not None]
    mention = next(p for p in places if p.text == name)
    assert origins.is_origin(sentence, mention, places) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels advanced towards Ariha on Monday.", True),
        ("Rebels shelled Sarmin, then advanced towards Ariha.", True),
        ("Rebels fired rockets towards Ariha on Monday.", False),
    ],
)
def test_towards_is_a_direction_unless_fire_was_sent(sentence, expected):
    places = [
        p for p in (_mention(sentence, "Sarmin"), _mention(sentence, "Ariha")) if p
    ]
    assert locators.locates(sentence, places[-1], places) is expected


def _mention(sentence: str, name: str) -> PlaceMention | None:
    at = sentence.find(name)
    if at < 0:
        return None
    return PlaceMention(
        name, at, at + len(name), name, "Idlib", "city", "SY", 35.8, 36.6, 1, 1.0,
        None, "gazetteer",
    )  # fmt: skip


# ------------------------------------------------------- the dev corpus (regression)
def _from_sentence(article_id: str, words: str) -> tuple[dict, list]:
    """The dev report and its proposals made from the sentence holding ``words``."""
    (row,) = [r for r in ingestbench.corpus_index() if r["id"] == article_id]
    assert row["split"] == "dev"  # held-out reports are only measured
    article = ingestbench.load_article(article_id)
    proposal = propose.article_propose(
        text_raw=article["text"], published_at=ingestbench.published_at(article)
    )
    (number,) = [i for i, s in enumerate(proposal.texts) if words in s]
    return article, [e for e in proposal.events if number in e.sentences]


def _agrees(label: dict, event) -> bool:
    return agreement.place_agrees(
        label["place"], event.place
    ) and agreement.date_agrees(label, event)


@pytest.mark.parametrize(
    ("article_id", "words", "at_the_first"),
    [
        # "the road between the city of A, …, and the nearby town of B": one, at A
        ("G05-smart-2018-10-11", "on the road between the city of Ayn Issa", True),
        # "striking ISIS positions … between A and B": one strike, not two (labelled
        # at the governorate's centroid, which a town's point does not match)
        ("C07-insidesyria-2017-11-24", "between Albukamal and Al-Mayadeen", False),
    ],
)
def test_dev_reports_a_stretch_between_two_towns_is_one_event(
    article_id, words, at_the_first
):
    article, events = _from_sentence(article_id, words)
    (label,) = [e for e in article["events"] if words in e["evidence"]]
    assert len(events) == 1
    assert _agrees(label, events[0]) is at_the_first


def test_dev_reports_an_origin_of_fire_is_not_the_events_place():
    _, events = _from_sentence("G11-sohr-2023-03-24", "stationed in a base near")
    assert events
    assert all(e.place is None or e.place.text != "Ain Ali" for e in events)
    assert all("Ain Ali" in {p.text for p in e.origins} for e in events)


def test_dev_reports_a_targeted_base_in_a_town_is_placed_in_the_town():
    # "the Turkish base in the city of Afs … were targeted": no origin of fire
    article, events = _from_sentence("G15-afrinpost-2023-10-13", "city of Afs")
    (label,) = [e for e in article["events"] if e["place"]["name"] == "Afs"]
    assert any(_agrees(label, e) for e in events)
