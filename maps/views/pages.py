"""The public map, its embeddable twin and event permalinks (one template each); their
configuration is maps.views.page_config."""

from urllib.parse import urlencode, urlsplit

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from control import history as control_history
from events import disputes, selectors
from events.models import Event, EventSource
from maps.forms import EventFilterForm
from maps.views import first, page_config

EMBED_MAX_AGE = 300  # seconds; embeds are public and data changes rarely


OEMBED_MAX_AGE = 3600  # map and embed URLs: no curated text in the answer


# An event URL's answer carries its title: shared caches must drop it soon after a
# retraction or correction (the API's 60 s).
OEMBED_EVENT_MAX_AGE = 60


OEMBED_WIDTH, OEMBED_HEIGHT = 800, 600


OEMBED_MIN_SIZE = 100


def _oembed_link(request: HttpRequest, page_url: str) -> str:
    query = urlencode({"url": page_url, "format": "json"})
    return f"{page_config._site_base(request)}{reverse('events:oembed')}?{query}"


def _page_url(request: HttpRequest) -> str:
    return f"{page_config._site_base(request)}{request.get_full_path()}"


@require_safe
def event_map(request: HttpRequest) -> HttpResponse:
    query = page_config._normalized(request.GET)
    form = EventFilterForm(query)
    is_valid = form.is_valid()
    filters = page_config._raw_filters(query)
    config = page_config._map_config(request, query, form, mode="map")
    context = {
        "map_config": config,
        "form_errors": form.errors,
        "filters": filters,
        "selected_types": page_config._split(filters.get("type", "")),
        "selected_actors": page_config._split(filters.get("actor", "")),
        "place_label": selectors.place_label(filters.get("place", "")),
        "legend": config["legend"],
        "actors": selectors.actor_list_public(),
        "oembed_url": _oembed_link(request, _page_url(request)),
    }
    return render(request, "maps/map.html", context, status=200 if is_valid else 400)


@require_safe
@xframe_options_exempt  # the one view third-party sites may frame
def event_map_embed(request: HttpRequest) -> HttpResponse:
    query = page_config._normalized(request.GET)
    form = EventFilterForm(query)
    is_valid = form.is_valid()
    filters = page_config._raw_filters(query)
    full_map = reverse("events:map")
    config = page_config._map_config(
        request, query, form, mode="embed", focus=page_config._focus(query)
    )
    back = {
        **filters,
        **{k: query[k] for k in page_config.VIEW_PARAMS if query.get(k, "").strip()},
    }
    # Its first view without at= is the world at the starting zoom: the page carries
    # that cluster answer (maps/views/first.py).
    inlined = (
        first.first_answer(filters, form, zoom=config["leaflet"]["zoom"])
        if is_valid and not query.get("at", "").strip()
        else None
    )
    context = {
        "map_config": config,
        "form_errors": form.errors,
        "options": config["options"],
        "full_map_url": f"{full_map}?{urlencode(back)}" if back else full_map,
        "first_answer": inlined,
    }
    # No session, CSRF or user in this template: the response is the same for everyone.
    response = render(
        request, "maps/embed.html", context, status=200 if is_valid else 400
    )
    # With an answer inside, as long as the API's own answers are kept (60 s).
    max_age = EMBED_MAX_AGE if inlined is None else first.MAX_AGE
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _safe_href(url: str) -> str:
    """The URL when it is http(s), else "" (curated links are untrusted)."""
    return url if urlsplit(url).scheme.lower() in {"http", "https"} else ""


@require_safe
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        event = selectors.event_get_public(pk)
    except Event.DoesNotExist:
        raise Http404("No published event with this id.") from None
    sources = [
        {"link": link, "href": _safe_href(link.source.url)}
        for link in event.event_sources.all()
    ]
    reported_by = [
        link.speaker or link.source.publisher
        for link in event.event_sources.all()
        if link.stance in disputes.ASSERTING
    ]
    denied_by = [
        link.speaker or link.source.publisher
        for link in event.event_sources.all()
        if link.stance == EventSource.Stance.DENIES
    ]
    empty = QueryDict()
    form = EventFilterForm(empty)
    form.is_valid()
    map_config = page_config._map_config(
        request, empty, form, mode="detail", focus=event.pk
    )
    color = event.event_type.top.color
    map_config["point"] = {
        "lat": event.place.lat,
        "lon": event.place.lon,
        "title": event.title,
        "color": color
        if page_config.COLOR_RE.match(color)
        else page_config.FALLBACK_COLOR,
        "disputed": event.disputed,
        "precision": event.place.precision,
    }
    context = {
        "event": event,
        "event_type": event.event_type,
        "actors": event.event_actors.all(),
        "sources": sources,
        "reported_by": list(dict.fromkeys(reported_by)),
        "denied_by": list(dict.fromkeys(denied_by)),
        "related": selectors.event_related_public(event),
        "control": control_history.place_control_history_public(event.place_id),
        "map_config": map_config,
        "permalink": f"{page_config._site_base(request)}{event.get_absolute_url()}",
        "accessed_on": timezone.now().date(),
        "oembed_url": _oembed_link(request, _page_url(request)),
    }
    return render(request, "maps/detail.html", context)
