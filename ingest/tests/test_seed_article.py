"""Article ingest services: the seed article's proposals, dates, places, stances, confirm."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from events.fixtures import seed_article
from events.models import Actor, Event, EventSource, EventType, Source
from ingest import confirm, propose
from ingest.proposal import ArticleProposal, ProposedEvent
from ingest.reading import text
from places import gazetteer
from places.models import Place

pytestmark = pytest.mark.django_db

ARTICLE = (
    Path(seed_article.__file__).with_name(seed_article.ARTICLE_FILE).read_text("utf-8")
)
PUBLISHED_AT = dt.datetime(2019, 7, 19, 0, 7, tzinfo=dt.UTC)


@pytest.fixture
def demo_actors() -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for name, kind, aliases, parent, country, description in seed_article.ACTORS:
        actors[name] = Actor.objects.create(
            name=name,
            kind=kind,
            aliases=aliases,
            parent=actors.get(parent) if parent else None,
            country_code=country,
            description=description,
        )
    return actors


@pytest.fixture
def gazetteer_loaded() -> None:
    """The shared index; with an empty table it indexes the bundled files (cached)."""
    assert len(gazetteer.gazetteer_index()) > 0


@pytest.fixture
def proposal(demo_actors, gazetteer_loaded) -> ArticleProposal:
    return propose.article_propose(text_raw=ARTICLE, published_at=PUBLISHED_AT)


def _one(proposal: ArticleProposal, slug: str) -> ProposedEvent:
    found = [e for e in proposal.events if e.event_type == slug]
    assert len(found) == 1, [e.title for e in proposal.events]
    return found[0]


# ------------------------------------------------------------------ the seed article
def test_seed_article_yields_the_astana_agreement(proposal):
    event = _one(proposal, "agreement")
    assert (event.date_start, event.date_precision) == (dt.date(2017, 5, 1), "month")
    assert event.place.name == "Idlib"
    assert {a.name for a in event.actors} >= {"Turkey", "Russia", "Iran"}
    assert {a.role for a in event.actors if a.name == "Turkey"} == {"party"}


def test_seed_article_yields_the_offensive_of_26_april(proposal):
    event = _one(proposal, "offensive-launched")
    assert (event.date_start, event.date_precision) == (dt.date(2019, 4, 26), "day")
    assert (event.place.name, event.place.feature_type) == ("Idlib", "governorate")
    roles = {(a.name, a.role) for a in event.actors}
    assert ("Syrian government forces", "initiator") in roles
    assert ("Hayat Tahrir al-Sham", "target") in roles


def test_seed_article_yields_the_capture_last_week(proposal):
    event = _one(proposal, "non-state-actor-overtakes-territory")
    assert (event.date_start, event.date_end, event.date_precision) == (
        dt.date(2019, 7, 8),
        dt.date(2019, 7, 14),
        "week",
    )
    assert event.place.text == "Humaymat hilltops"
    assert event.place.feature_type == "hill"
    assert event.place.admin1 == "Hama"
    assert ("Syrian armed opposition", "initiator") in {
        (a.name, a.role) for a in event.actors
    }


def test_seed_article_yields_the_recapture_reversing_the_capture(proposal):
    capture = _one(proposal, "non-state-actor-overtakes-territory")
    recapture = _one(proposal, "government-regains-territory")
    assert recapture.place.key == capture.place.key
    assert (capture.key, "reverses") in recapture.related
    assert recapture.date_start >= capture.date_start
    roles = {(a.name, a.role) for a in recapture.actors}
    assert ("Russian armed forces", "supporting") in roles
    assert ("Syrian armed opposition", "target") in roles


def test_seed_article_yields_the_200_sorties(proposal):
    event = _one(proposal, "air-drone-strike")
    assert "200 sorties" in event.title
    assert event.place.feature_type == "hill"
    [statement] = event.statements
    assert statement.stance == "claims"
    assert statement.speaker.startswith("Capt. Naji Mustafa")


def test_special_forces_claims_and_denial_are_one_disputed_event(proposal):
    event = _one(proposal, "change-to-group-activity")
    assert event.disputed
    stances = {(s.stance, s.speaker.split(",")[0]) for s in event.statements}
    assert ("claims", "Capt. Naji Mustafa") in stances
    assert ("claims", "Jamil al-Saleh") in stances
    assert ("denies", "the Russian military") in stances
    assert ("denies", "the Russian Defense Ministry (via TASS)") in stances
    assert event.place.text == "northern Hama"
    assert event.place.admin1 == "Hama"
    assert ("Russian special forces", "initiator") in {
        (a.name, a.role) for a in event.actors
    }
    # "yesterday" dates the denial, not the deployment.
    assert event.date_precision == "week"
    assert (event.date_start, event.date_end) == (
        dt.date(2019, 7, 15),
        dt.date(2019, 7, 18),
    )


def test_seed_article_yields_the_civilian_toll_since_the_offensive(proposal):
    event = _one(proposal, "explosions-remote-violence")
    assert (event.date_start, event.date_end) == (
        dt.date(2019, 4, 26),
        dt.date(2019, 7, 18),
    )
    assert event.place.name == "Idlib"
    assert ("Civilians (Idlib)", "victim") in {(a.name, a.role) for a in event.actors}


def test_seed_article_yields_the_displacement_since_may_2017(proposal):
    event = _one(proposal, "displacement")
    assert (event.date_start, event.date_end, event.date_precision) == (
        dt.date(2017, 5, 1),
        dt.date(2019, 7, 18),
        "month",
    )
    assert "evacuated" in " ".join(s.quote for s in event.statements)


def test_adjectives_and_actor_names_are_not_places(proposal):
    texts = {p.text for p in proposal.places}
    assert {"Idlib", "northern Hama", "Humaymat hilltops"} <= texts
    assert not texts & {"Syrian", "Russian", "Moscow"}
    # A country named as an actor is still a place the article names: abroad, with
    # no point, never an event's place (the corpus labels list countries).
    countries = [p for p in proposal.places if p.text in {"Turkey", "Russia", "Iran"}]
    assert all(p.origin == "abroad" and p.lat is None for p in countries)
    assert not {e.place.text for e in proposal.events if e.place} & {
        "Turkey",
        "Russia",
        "Iran",
    }


def test_proposing_writes_nothing(demo_actors, gazetteer_loaded):
    before = (Event.objects.count(), Place.objects.count(), Source.objects.count())
    propose.article_propose(text_raw=ARTICLE, published_at=PUBLISHED_AT)
    after = (Event.objects.count(), Place.objects.count(), Source.objects.count())
    assert after == before


def test_an_existing_place_is_reused(demo_actors, gazetteer_loaded):
    existing = Place.objects.create(
        name="Humaymat hilltops", admin1="Hama", feature_type="hill"
    )
    proposal = propose.article_propose(text_raw=ARTICLE, published_at=PUBLISHED_AT)
    event = _one(proposal, "non-state-actor-overtakes-territory")
    assert event.place.place_id == existing.pk


# ------------------------------------------------------------------ hostile text
@pytest.mark.parametrize("raw", ["", "   \n\t ", "<p></p>", "1234 5678"])
def test_empty_text_is_refused(raw, demo_actors):
    with pytest.raises(text.ArticleTextError):
        propose.article_propose(text_raw=raw, published_at=PUBLISHED_AT)


def test_one_megabyte_of_text_is_refused_before_parsing(demo_actors):
    with pytest.raises(text.ArticleTextError, match="too long"):
        propose.article_propose(text_raw="word " * 200_000, published_at=PUBLISHED_AT)


def test_html_and_script_are_stripped(demo_actors, gazetteer_loaded):
    raw = (
        "<script>alert('x')</script><p>The hilltops of <b>Humaymat</b> fell into "
        "opposition hands last week.</p><style>p{}</style>"
    )
    cleaned, warnings = text.clean_text(raw)
    assert "alert" not in cleaned
    assert "<" not in cleaned
    assert warnings
    proposal = propose.article_propose(text_raw=raw, published_at=PUBLISHED_AT)
    assert [e.event_type for e in proposal.events] == [
        "non-state-actor-overtakes-territory"
    ]


def test_text_without_events_proposes_nothing_and_says_so(
    demo_actors, gazetteer_loaded
):
    proposal = propose.article_propose(
        text_raw="The weather in Idlib was mild. People went to the market.",
        published_at=PUBLISHED_AT,
    )
    assert proposal.events == []
    assert any("No event" in w for w in proposal.warnings)


# ------------------------------------------------------------------ confirm
def _drafts(proposal: ArticleProposal) -> list[confirm.EventDraft]:
    actors = {a.pk: a for a in Actor.objects.all()}
    drafts = []
    for event in proposal.events:
        place = event.place
        drafts.append(
            confirm.EventDraft(
                key=event.key,
                title=event.title,
                event_type=EventType.objects.get(slug=event.event_type),
                date_start=event.date_start,
                date_end=event.date_end,
                date_precision=event.date_precision,
                summary=event.summary,
                place=confirm.PlaceChoice(
                    place_id=place.place_id,
                    name=place.name,
                    admin1=place.admin1,
                    feature_type=place.feature_type,
                    alternate_names=(place.text,),
                    hint_lat=place.lat,
                    hint_lon=place.lon,
                )
                if place
                else None,
                actors=tuple((actors[a.actor_id], a.role) for a in event.actors),
                statements=tuple(
                    (s.stance, s.speaker, s.quote) for s in event.statements
                ),
                related=tuple(event.related),
            )
        )
    return drafts


SOURCE = {
    "publisher": "Daily Sabah",
    "title": "Russia deploying special forces in Idlib",
}


def test_confirming_creates_drafts_only(proposal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = confirm.article_events_confirm(
            drafts=_drafts(proposal), published_at=PUBLISHED_AT, **SOURCE
        )
    assert len(result.created) == len(proposal.events) >= 8
    assert set(Event.objects.values_list("status", flat=True)) == {Event.Status.DRAFT}
    assert not Event.objects.published().exists()
    assert Source.objects.filter(**SOURCE).count() == 1


def test_confirmed_special_forces_event_is_disputed(proposal):
    confirm.article_events_confirm(drafts=_drafts(proposal), **SOURCE)
    event = Event.objects.get(event_type__slug="change-to-group-activity")
    assert event.disputed
    stances = set(event.event_sources.values_list("stance", flat=True))
    assert {EventSource.Stance.CLAIMS, EventSource.Stance.DENIES} <= stances


def test_confirming_relates_the_recapture_to_the_capture(proposal):
    confirm.article_events_confirm(drafts=_drafts(proposal), **SOURCE)
    recapture = Event.objects.get(event_type__slug="government-regains-territory")
    relation = recapture.relations_out.get()
    assert relation.kind == "reverses"
    assert relation.to_event.event_type.slug == "non-state-actor-overtakes-territory"


def test_confirming_creates_places_from_the_gazetteer(
    proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        confirm.article_events_confirm(drafts=_drafts(proposal), **SOURCE)
    capture = Event.objects.get(event_type__slug="non-state-actor-overtakes-territory")
    capture.place.refresh_from_db()
    assert capture.place.admin1 == "Hama"
    assert capture.place.location is not None
    assert "Humaymat hilltops" in set(
        capture.place.names.values_list("name", flat=True)
    )


def test_confirming_twice_does_not_duplicate(proposal):
    drafts = _drafts(proposal)
    confirm.article_events_confirm(drafts=drafts, **SOURCE)
    counts = (Event.objects.count(), EventSource.objects.count(), Place.objects.count())
    again = confirm.article_events_confirm(drafts=drafts, **SOURCE)
    assert again.created == []
    assert len(again.existing) == len(drafts)
    after = (Event.objects.count(), EventSource.objects.count(), Place.objects.count())
    assert after == counts


def test_a_failure_mid_way_writes_nothing(proposal):
    drafts = _drafts(proposal)
    bad = drafts[3]
    drafts[3] = confirm.EventDraft(
        key=bad.key,
        title=bad.title,
        event_type=bad.event_type,
        date_start=bad.date_start,
        date_end=bad.date_start - dt.timedelta(days=3),  # ends before it starts
        date_precision=bad.date_precision,
    )
    with pytest.raises(ValidationError):
        confirm.article_events_confirm(drafts=drafts, **SOURCE)
    assert Event.objects.count() == 0
    assert Source.objects.count() == 0
    assert Place.objects.count() == 0


def test_confirming_nothing_is_refused(proposal):
    with pytest.raises(ValidationError):
        confirm.article_events_confirm(drafts=[], **SOURCE)
