"""Root URLconf: the admin and the events app."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("events.urls")),
]

handler404 = "events.api.not_found"
