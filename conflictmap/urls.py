"""Root URLconf: the admin, the ingest page, and the public pages of maps and events."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from events import urls as events_urls
from ingest import views as ingest_views
from maps import urls as maps_urls

# One "events" namespace for the public pages, as before the apps were split: every
# URL name ("events:map", "events:corrections", ...) stays what it was.
public_urls = (maps_urls.urlpatterns + events_urls.urlpatterns, "events")

urlpatterns = [
    path(
        "admin/events/ingest/",
        admin.site.admin_view(ingest_views.view),
        name="admin-ingest",
    ),
    path(
        "admin/events/ingest/places/",
        admin.site.admin_view(ingest_views.places_search),
        name="admin-ingest-places",
    ),
    # Places moved from the events app to the places app: old admin links still work.
    re_path(
        r"^admin/events/(?P<model>place|placename|gazetteerentry)/(?P<rest>.*)$",
        RedirectView.as_view(
            url="/admin/places/%(model)s/%(rest)s", query_string=True, permanent=True
        ),
    ),
    path("admin/", admin.site.urls),
]
# English at /…, Arabic at /ar/…: a shared link always opens in its language.
urlpatterns += i18n_patterns(
    path("", include(public_urls)), prefix_default_language=False
)

handler404 = "maps.api.event_views.not_found"
