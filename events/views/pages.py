"""Public pages beside the map: the embed builder, the corrections log and its feed."""

import re
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html, linebreaks
from django.views.decorators.http import require_GET

from events import selectors, selectors_corrections
from events.filters import EventFilterForm
from events.models import Correction
from events.views.exports import filter_query

PAGE_MAX_AGE = 300  # seconds; public pages, same for everyone
EMBED_TITLE = "ConflictMap: conflict events"
EMBED_WIDTH, EMBED_HEIGHT = 800, 600
EMBED_MIN_SIZE, EMBED_MAX_SIZE = 200, 2000
CORRECTIONS_PER_PAGE = 50
BUILDER_FILTERS = ("date_from", "date_to", "type", "actor", "disputed", "q", "in_bbox")
FEED_ITEMS = 50
# XML 1.0 forbids these characters; Django's feed writer refuses them outright.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def site_base(request: HttpRequest) -> str:
    """Absolute origin for public links: SITE_URL, or the request's own origin."""
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


# --- embed builder -----------------------------------------------------------------


class EmbedOptionsForm(forms.Form):
    """Size and display options of an embed; filters are EventFilterForm's."""

    width = forms.IntegerField(
        required=False, min_value=EMBED_MIN_SIZE, max_value=EMBED_MAX_SIZE
    )
    height = forms.IntegerField(
        required=False, min_value=EMBED_MIN_SIZE, max_value=EMBED_MAX_SIZE
    )
    responsive = forms.BooleanField(required=False)
    timeline = forms.ChoiceField(
        required=False, choices=[("1", "Shown"), ("0", "Hidden")]
    )
    lock = forms.BooleanField(required=False)

    def options(self) -> dict:
        data = self.cleaned_data
        return {
            "width": data.get("width") or EMBED_WIDTH,
            "height": data.get("height") or EMBED_HEIGHT,
            "responsive": bool(data.get("responsive")),
            "timeline": data.get("timeline") or "1",
            "lock": bool(data.get("lock")),
        }


def embed_query(filters: dict[str, str], options: dict) -> dict[str, str]:
    """Query of /embed/: the filters, then timeline=0|1 and lock=1 (when locked)."""
    query = dict(filters)
    query["timeline"] = options["timeline"]
    if options["lock"]:
        query["lock"] = "1"
    return query


def iframe_code(url: str, options: dict, *, title: str = EMBED_TITLE) -> str:
    """The HTML a publisher pastes (static/events/embed-builder.js builds the same)."""
    if options["responsive"]:
        return format_html(
            '<div style="position:relative;width:100%;aspect-ratio:{}/{}">'
            '<iframe src="{}" title="{}" loading="lazy" style="position:absolute;'
            'inset:0;width:100%;height:100%;border:0" allowfullscreen></iframe></div>',
            options["width"],
            options["height"],
            url,
            title,
        )
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'style="border:0;max-width:100%" allowfullscreen></iframe>',
        url,
        options["width"],
        options["height"],
        title,
    )


def _selected(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


@require_GET
def embed_builder(request: HttpRequest) -> HttpResponse:
    """Pick filters, size and options; preview the iframe and copy its code.

    A plain GET form: without JavaScript, submitting re-renders preview and code.
    """
    query = filter_query(request.GET)
    filter_form = EventFilterForm(query)
    options_form = EmbedOptionsForm(query)
    filters_ok = filter_form.is_valid()
    options_ok = options_form.is_valid()
    base = site_base(request)
    embed_path = reverse("events:embed")
    map_path = reverse("events:map")
    context = {
        "raw": {key: query.get(key, "") for key in filter_form.fields},
        # Filters this form has no control for (kept, so nothing is lost).
        "extra_filters": {
            key: query[key]
            for key in filter_form.fields
            if key not in BUILDER_FILTERS and query.get(key, "").strip()
        },
        "options_raw": {key: query.get(key, "") for key in options_form.fields},
        "filter_errors": filter_form.errors,
        "options_errors": options_form.errors,
        "legend": selectors.event_types_for_legend(),
        "actors": selectors.actor_list_public(),
        "selected_types": _selected(query.get("type", "")),
        "selected_actors": _selected(query.get("actor", "")),
        "builder_config": {
            "embedUrl": f"{base}{embed_path}",
            "previewUrl": embed_path,
            "mapUrl": f"{base}{map_path}",
            "oembedUrl": f"{base}{reverse('events:oembed')}",
            "title": EMBED_TITLE,
            "defaults": {"width": EMBED_WIDTH, "height": EMBED_HEIGHT},
            "filterParams": list(filter_form.fields),
        },
        "size_limits": {"min": EMBED_MIN_SIZE, "max": EMBED_MAX_SIZE},
    }
    if filters_ok and options_ok:
        filters = filter_form.to_filters().as_query()
        options = options_form.options()
        params = urlencode(embed_query(filters, options))
        map_url = f"{base}{map_path}" + (f"?{urlencode(filters)}" if filters else "")
        context.update(
            options=options,
            preview_url=f"{embed_path}?{params}",
            embed_url=f"{base}{embed_path}?{params}",
            code=iframe_code(f"{base}{embed_path}?{params}", options),
            map_url=map_url,
            oembed_url=f"{base}{reverse('events:oembed')}?"
            + urlencode(
                {
                    "url": map_url,
                    "format": "json",
                    "maxwidth": options["width"],
                    "maxheight": options["height"],
                }
            ),
        )
    else:
        context["options"] = {
            "width": EMBED_WIDTH,
            "height": EMBED_HEIGHT,
            "responsive": False,
            "timeline": "1",
            "lock": False,
        }
    status = 200 if filters_ok and options_ok else 400
    response = render(request, "events/embed_builder.html", context, status=status)
    patch_cache_control(response, public=True, max_age=PAGE_MAX_AGE)
    return response


# --- corrections log -----------------------------------------------------------------


@require_GET
def corrections(request: HttpRequest) -> HttpResponse:
    """Every public correction, retraction and merge, newest first, paginated."""
    paginator = Paginator(
        selectors_corrections.correction_list_public(), CORRECTIONS_PER_PAGE
    )
    page = paginator.get_page(request.GET.get("page"))
    response = render(
        request,
        "events/corrections.html",
        {"page": page, "corrections": page.object_list},
    )
    patch_cache_control(response, public=True, max_age=PAGE_MAX_AGE)
    return response


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub("", value)


class CorrectionsFeed(Feed):
    """Atom feed of the corrections log (the newest FEED_ITEMS entries)."""

    feed_type = Atom1Feed
    title = "ConflictMap corrections"
    subtitle = "Corrections, retractions and merges of published events."

    def get_object(self, request: HttpRequest) -> str:
        return site_base(request)

    def link(self) -> str:
        return reverse("events:corrections")

    def items(self, base: str) -> list[Correction]:
        items = list(selectors_corrections.correction_list_public()[:FEED_ITEMS])
        log = reverse("events:corrections")
        for item in items:
            item.feed_guid = f"{base}{log}#correction-{item.pk}"
        return items

    def item_title(self, item: Correction) -> str:
        return _xml_text(f"{item.get_kind_display()}: {item.event.title}")

    def item_description(self, item: Correction) -> str:
        # Atom summaries are type="html": readers parse them, so the note is escaped.
        text = linebreaks(escape(_xml_text(item.note)))
        if not item.event_is_public:
            text += "<p>This event was retracted and has no public page.</p>"
        return text

    def item_link(self, item: Correction) -> str:
        if item.event_is_public:
            return item.event.get_absolute_url()
        return f"{reverse('events:corrections')}#correction-{item.pk}"

    def item_guid(self, item: Correction) -> str:
        return item.feed_guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: Correction):
        return item.created_at

    def item_updateddate(self, item: Correction):
        return item.created_at

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=PAGE_MAX_AGE)
        return response


corrections_feed = require_GET(CorrectionsFeed())
