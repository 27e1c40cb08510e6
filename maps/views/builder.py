"""The embed builder: a publisher picks filters and options and gets the iframe code."""

from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.views.decorators.http import require_safe

from events import selectors
from events.views import site_base
from maps.forms import EventFilterForm
from maps.views.downloads import filter_query

PAGE_MAX_AGE = 300  # seconds; public pages, same for everyone
EMBED_TITLE = "ConflictMap: conflict events"
EMBED_WIDTH, EMBED_HEIGHT = 800, 600
EMBED_MIN_SIZE, EMBED_MAX_SIZE = 200, 2000
BUILDER_FILTERS = ("date_from", "date_to", "type", "actor", "disputed", "q", "in_bbox")


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
    """The HTML a publisher pastes (static/maps/embed-builder.js builds the same)."""
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


@require_safe
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
    response = render(request, "maps/embed_builder.html", context, status=status)
    patch_cache_control(response, public=True, max_age=PAGE_MAX_AGE)
    return response
