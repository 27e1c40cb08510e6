"""Root URLconf: the admin and the events app."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from events.admin import ingest as admin_ingest

urlpatterns = [
    path(
        "admin/events/ingest/",
        admin.site.admin_view(admin_ingest.view),
        name="admin-ingest",
    ),
    path("admin/", admin.site.urls),
]
# English at /…, Arabic at /ar/…: a shared link always opens in its language.
urlpatterns += i18n_patterns(
    path("", include("events.urls")), prefix_default_language=False
)

handler404 = "events.api.not_found"
