"""Root URLconf: the admin and the events app."""

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
    path("", include("events.urls")),
]

handler404 = "events.api.not_found"
