"""The public corrections log and its Atom feed."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.views.decorators.http import require_safe

from events import selectors_corrections
from events.models import Correction

PAGE_MAX_AGE = 300  # seconds; public pages, same for everyone
CORRECTIONS_PER_PAGE = 50
FEED_ITEMS = 50
# XML 1.0 forbids these characters; Django's feed writer refuses them outright.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def site_base(request: HttpRequest) -> str:
    """Absolute origin for public links: SITE_URL, or the request's own origin."""
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


# --- corrections log -----------------------------------------------------------------


@require_safe
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


corrections_feed = require_safe(CorrectionsFeed())
