"""Pages, embeds, oEmbed and the read-only API under api/v1/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from events import api
from events.views import exports, maps, pages

app_name = "events"

urlpatterns = [
    path("", maps.event_map, name="map"),
    path("embed/", maps.event_map_embed, name="embed"),
    path("embed/builder/", pages.embed_builder, name="embed-builder"),
    path("corrections/", pages.corrections, name="corrections"),
    path("corrections/feed/", pages.corrections_feed, name="corrections-feed"),
    path("export/events.geojson", exports.export_geojson, name="export-geojson"),
    path("export/events.csv", exports.export_csv, name="export-csv"),
    path("export/map.html", exports.export_map, name="export-map"),
    path("oembed", maps.oembed, name="oembed"),
    path("events/<int:pk>/", maps.event_detail, name="detail"),
    path("api/v1/events/", api.EventGeoJSONApi.as_view(), name="api-event-list"),
    path("api/v1/clusters/", api.EventClusterApi.as_view(), name="api-event-clusters"),
    path(
        "api/v1/events/<int:pk>/", api.EventDetailApi.as_view(), name="api-event-detail"
    ),
    path(
        "api/v1/histogram/", api.EventHistogramApi.as_view(), name="api-event-histogram"
    ),
    path("api/v1/places/", api.PlaceSearchApi.as_view(), name="api-place-search"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
