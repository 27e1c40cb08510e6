"""oEmbed (https://oembed.com): the rich iframe for a map, embed or event URL of ours."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, JsonResponse, QueryDict
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import (
    get_language_from_path,
)
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from events import selectors
from events.models import Event
from maps.forms import EventFilterForm
from maps.views.page_config import _embed_options, _focus, _normalized, _site_base
from maps.views.pages import (
    OEMBED_EVENT_MAX_AGE,
    OEMBED_HEIGHT,
    OEMBED_MAX_AGE,
    OEMBED_MIN_SIZE,
    OEMBED_WIDTH,
)


def _oembed_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _oembed_size(raw: str, default: int) -> int:
    """Requested maximum size in pixels; ValueError when not a sane integer."""
    if not raw:
        return default
    value = int(raw)
    if value < OEMBED_MIN_SIZE:
        raise ValueError(raw)
    return min(value, default)


def _is_own_url(request: HttpRequest, parts) -> bool:
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return False
    hosts = {request.get_host().lower()}
    if settings.SITE_URL:
        hosts.add(urlsplit(settings.SITE_URL).netloc.lower())
    return parts.netloc.lower() in hosts


@require_safe
# An event's answer sets 60 s below: patch_cache_control keeps the smaller max-age.
@cache_control(public=True, max_age=OEMBED_MAX_AGE)
def oembed(request: HttpRequest) -> JsonResponse:
    """oEmbed provider (https://oembed.com/): rich type, an iframe to the embed page."""
    if request.GET.get("format", "json") != "json":
        return _oembed_error(501, "Only format=json is supported.")
    try:
        width = _oembed_size(request.GET.get("maxwidth", ""), OEMBED_WIDTH)
        height = _oembed_size(request.GET.get("maxheight", ""), OEMBED_HEIGHT)
    except ValueError:
        return _oembed_error(
            400, f"maxwidth and maxheight must be integers >= {OEMBED_MIN_SIZE}."
        )
    raw_url = request.GET.get("url", "").strip()
    if not raw_url:
        return _oembed_error(400, "The url parameter is required.")
    try:
        parts = urlsplit(raw_url)
    except ValueError:  # "http://[::1": urlsplit refuses malformed IPv6 hosts
        return _oembed_error(400, "The url parameter is not a valid URL.")
    if not _is_own_url(request, parts):
        return _oembed_error(404, "Not a ConflictMap URL.")
    language = get_language_from_path(parts.path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(parts.path)
    except Resolver404:
        return _oembed_error(404, "Not a ConflictMap map, embed or event URL.")
    query = _normalized(QueryDict(parts.query))
    title = "ConflictMap: conflict events"
    max_age = OEMBED_MAX_AGE
    if match.view_name in {"events:map", "events:embed"}:
        form = EventFilterForm(query)
        if not form.is_valid():
            messages = "; ".join(
                f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
            )
            return _oembed_error(400, f"Invalid filters in url: {messages}")
        params = form.to_filters().as_query()
        if match.view_name == "events:embed" and _focus(query):
            params["focus"] = str(_focus(query))
        if match.view_name == "events:embed":
            options = _embed_options(query)
            if not options["timeline"]:
                params["timeline"] = "0"
            if options["lock"]:
                params["lock"] = "1"
        if query.get("at", "").strip():
            params["at"] = query["at"].strip()[:60]
    elif match.view_name == "events:detail":
        try:
            event = selectors.event_get_public(match.kwargs["pk"])
        except Event.DoesNotExist:
            return _oembed_error(404, "No published event at this URL.")
        params = {"focus": str(event.pk)}
        # FSI ... PDI isolate the curated title's direction (U+202E and the like)
        # from the text around it, as <bdi> does in a page.
        title = f"\u2068{event.title}\u2069 ({event.date_label}) · ConflictMap"
        max_age = OEMBED_EVENT_MAX_AGE
    else:
        return _oembed_error(404, "Not a ConflictMap map, embed or event URL.")

    base = _site_base(request)
    with translation.override(language):
        embed_url = f"{base}{reverse('events:embed')}"
    if params:
        embed_url = f"{embed_url}?{urlencode(params)}"
    html = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'style="border:0;max-width:100%" allowfullscreen></iframe>',
        embed_url,
        width,
        height,
        title,
    )
    response = JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "provider_name": "ConflictMap",
            "provider_url": f"{base}/",
            "cache_age": max_age,
            "html": str(html),
            "width": width,
            "height": height,
        }
    )
    patch_cache_control(response, public=True, max_age=max_age)
    response["Access-Control-Allow-Origin"] = "*"  # public data; client-side consumers
    return response
