"""A place's public control history: every period with the events and observations
behind it and their sources (the popup, the place API, the event page)."""

from django.db.models import Q

from control import derive, features, selectors
from control.models import ControlObservation
from events.models import Actor, Event, EventSource
from places.models import Place


def place_control_history_public(place_id: int) -> dict | None:
    """A public place's control periods with every justifying event and source;
    None for a place that no published event or observation shows."""
    shown = Q(events__status=Event.Status.PUBLISHED) | Q(
        control_observations__status=ControlObservation.Status.PUBLISHED
    )
    place = (
        Place.objects.filter(shown, pk=place_id, location__isnull=False)
        .distinct()
        .first()
    )
    if place is None:  # not on the public map: its name is not public either
        return None
    periods = selectors.control_index().periods.get(place_id, [])
    event_ids = {e for p in periods for e in p.event_ids}
    obs_ids = {o for p in periods for o in p.observation_ids}
    events = {
        e.pk: e
        for e in Event.objects.published()
        .filter(pk__in=event_ids)
        .prefetch_related("event_sources__source")
    }
    observations = {
        o.pk: o
        for o in ControlObservation.objects.filter(
            pk__in=obs_ids, status=ControlObservation.Status.PUBLISHED
        ).select_related("source", "controller")
    }
    actors = dict(Actor.objects.values_list("pk", "name"))
    return {
        "place": {"id": place.pk, "name": place.name, "name_ar": place.name_ar},
        "periods": [_period_json(p, events, observations, actors) for p in periods],
    }


def _source_json(source, stance: str, speaker: str, quote: str) -> dict:
    return {
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "stance": stance,
        "speaker": speaker,
        "quote": quote,
    }


def _period_json(period, events, observations, actors) -> dict:
    justified = []
    for pk in period.event_ids:
        event = events.get(pk)
        if event is None:
            continue
        justified.append(
            {
                "kind": "event",
                "id": pk,
                "title": event.title,
                "date": event.date_label,
                "url": event.get_absolute_url(),
                "disputed": event.disputed,
                "sources": [
                    _source_json(link.source, link.stance, link.speaker, link.quote)
                    for link in event.event_sources.all()
                ],
            }
        )
    for pk in period.observation_ids:
        obs = observations.get(pk)
        if obs is None:
            continue
        sources = []
        if obs.source_id:
            stance = EventSource.Stance.REPORTS
            sources.append(_source_json(obs.source, stance, "", obs.quote))
        justified.append(
            {
                "kind": "observation",
                "id": pk,
                "title": str(obs),
                "date": obs.observed_on.isoformat(),
                "note": obs.note,
                "sources": sources,
            }
        )
    return {
        "since": period.start.isoformat(),
        "since_label": features.date_label(period),
        "until": period.until.isoformat() if period.until else None,
        "uncertain_until": (
            period.uncertain_until.isoformat() if period.uncertain_until else None
        ),
        "precision": period.precision,
        "state": period.state,
        "coalition": actors.get(period.controller_id),
        "coalition_id": period.controller_id,
        "color": features.coalition_color(period.controller_id)
        if period.state == derive.HELD
        else features.CONTESTED_COLOR
        if period.state == derive.CONTESTED
        else features.UNKNOWN_COLOR,
        "actors": [actors[a] for a in period.actor_ids if a in actors],
        "disputed": period.disputed,
        "justified_by": justified,
    }
