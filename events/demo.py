"""Load the demo data set made from the seed article; idempotent."""

from django.db import transaction

from events import actor_lexicon
from events import services as event_services
from events.fixtures import actors_common, seed_article
from events.models import Actor, Event, EventType, Source
from places import gazetteer_load
from places import services as place_services
from places.models import Place


def _actors() -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for name, kind, aliases, parent, country, description in (
        *seed_article.ACTORS,
        *actors_common.ACTORS,
    ):
        actor, _ = Actor.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "aliases": aliases,
                "parent": actors.get(parent) if parent else None,
                "country_code": country,
                "description": description,
            },
        )
        actors[name] = actor
    actor_lexicon.actor_lexicon_load()  # the armed actors of other wars, sourced
    return actors


def _sources() -> dict[str, Source]:
    sources = {}
    for key, data in seed_article.SOURCES.items():
        fields = dict(data)
        identity = {  # a source is one publisher's headline on one date
            name: fields.pop(name) for name in ("publisher", "title", "published_at")
        }
        sources[key], _ = Source.objects.update_or_create(**identity, defaults=fields)
    return sources


def _places() -> dict[str, Place]:
    return {
        key: place_services.place_get_or_create(
            name=data["name"],
            name_ar=data["name_ar"],
            feature_type=data["feature_type"],
            admin1=data["admin1"],
            alternate_names=data.get("alternate_names", ()),
        )
        for key, data in seed_article.PLACES.items()
    }


@transaction.atomic
def demo_load() -> dict[str, int]:
    """Create or update the seed article's events and publish new ones. Safe to re-run.

    A demo event an editor has retracted stays retracted."""
    gazetteer_load.gazetteer_load_bundled()
    actors, sources, demo_places = _actors(), _sources(), _places()
    created: dict[str, Event] = {}
    for data in seed_article.EVENTS:
        event = Event.objects.filter(title=data["title"]).first()
        if event is None:
            event = event_services.event_create(
                title=data["title"],
                event_type=EventType.objects.get(slug=data["type"]),
                date_start=data["date_start"],
                date_end=data.get("date_end"),
                date_precision=data["date_precision"],
                place=demo_places[data["place"]],
                summary=data["summary"],
            )
        for actor_name, role in data["actors"]:
            event_services.event_actor_add(
                event=event, actor=actors[actor_name], role=role
            )
        for source_key, stance, speaker, quote in data["sources"]:
            event_services.event_source_add(
                event=event,
                source=sources[source_key],
                stance=stance,
                speaker=speaker,
                quote=quote,
            )
        for other_key, kind in data.get("related", ()):
            event_services.event_relate(
                from_event=event, to_event=created[other_key], kind=kind
            )
        if event.status in (Event.Status.DRAFT, Event.Status.IN_REVIEW):
            event_services.event_publish(event=event)
        created[data["key"]] = event
    return {
        "events": len(created),
        "actors": len(actors),
        "sources": len(sources),
        "places": len(demo_places),
    }
