"""Map, embed, oEmbed, event pages, downloads and the read-only API under api/v1/.

Named under the site's one "events" namespace (conflictmap/urls.py), as before the
apps were split, so that every URL name and path stays what it was."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from maps import control_api
from maps.api import cluster_view, event_views, histogram_view, place_search_view
from maps.views import builder, downloads, oembed, pages

urlpatterns = [
    path("", pages.event_map, name="map"),
    path("embed/", pages.event_map_embed, name="embed"),
    path("embed/builder/", builder.embed_builder, name="embed-builder"),
    path("export/events.geojson", downloads.export_geojson, name="export-geojson"),
    path("export/events.csv", downloads.export_csv, name="export-csv"),
    path("export/map.html", downloads.export_map, name="export-map"),
    path("oembed", oembed.oembed, name="oembed"),
    path("events/<int:pk>/", pages.event_detail, name="detail"),
    path(
        "api/v1/events/", event_views.EventGeoJSONApi.as_view(), name="api-event-list"
    ),
    path(
        "api/v1/clusters/",
        cluster_view.EventClusterApi.as_view(),
        name="api-event-clusters",
    ),
    path(
        "api/v1/events/<int:pk>/",
        event_views.EventDetailApi.as_view(),
        name="api-event-detail",
    ),
    path(
        "api/v1/histogram/",
        histogram_view.EventHistogramApi.as_view(),
        name="api-event-histogram",
    ),
    path(
        "api/v1/places/",
        place_search_view.PlaceSearchApi.as_view(),
        name="api-place-search",
    ),
    path("api/v1/control/", control_api.ControlApi.as_view(), name="api-control"),
    path(
        "api/v1/places/<int:pk>/control/",
        control_api.PlaceControlHistoryApi.as_view(),
        name="api-place-control",
    ),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
