"""The events list (GeoJSON), one event's detail, and the JSON 404 under /api/."""

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.utils.cache import patch_cache_control
from django.views.defaults import page_not_found
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from events import selectors
from events.models import Event
from maps.api import shared
from maps.forms import EventFilterForm
from maps.selectors import geojson_export
from maps.serializers import EventDetailFeatureSerializer

SOURCE = {
    "type": "object",
    "properties": {
        "publisher": shared._STR,
        "title": shared._STR,
        "url": shared._STR,
        "published_at": {"type": "string", "format": "date-time", "nullable": True},
        "language": shared._STR,
        "stance": {
            "type": "string",
            "enum": ["reports", "claims", "confirms", "denies"],
        },
        "stance_label": shared._STR,
        "speaker": shared._STR,
        "quote": shared._STR,
    },
}


RELATED = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": shared._STR,
        "kind": shared._STR,
        "kind_label": shared._STR,
        "url": shared._STR,
    },
}


DETAIL_FEATURE = shared._feature(
    {
        **shared.FEATURE_PROPERTIES,
        "summary": shared._STR,
        "sources": {"type": "array", "items": SOURCE},
        "related": {"type": "array", "items": RELATED},
    }
)


class EventGeoJSONApi(generics.GenericAPIView):
    """FeatureCollection of public events matching the filters, capped at MAP_MAX_FEATURES.

    Served from the cluster index and its cache of encoded Features (the same Feature
    shape and order as EventFeatureSerializer, which stays the reference in tests)."""

    pagination_class = None

    @extend_schema(
        operation_id="events_list",
        parameters=shared.FILTER_PARAMETERS,
        responses={200: shared.FEATURE_COLLECTION, 400: shared.ERRORS},
    )
    def get(self, request: Request) -> HttpResponse:
        form = EventFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        body = geojson_export.event_geojson_bytes(
            form.to_filters(), limit=settings.MAP_MAX_FEATURES
        )
        response = HttpResponse(body, content_type="application/json")
        patch_cache_control(response, public=True, max_age=shared.PUBLIC_MAX_AGE)
        return response


class EventDetailApi(generics.GenericAPIView):
    """One public event as a GeoJSON Feature, with its sources and related events."""

    serializer_class = EventDetailFeatureSerializer

    @extend_schema(
        operation_id="events_detail",
        responses={200: DETAIL_FEATURE, 404: shared.NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        try:
            event = selectors.event_get_public(pk)
        except Event.DoesNotExist:
            raise Http404("No published event with this id.") from None
        response = Response(self.get_serializer(event).data)
        patch_cache_control(response, public=True, max_age=shared.PUBLIC_MAX_AGE)
        return response


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 handler: JSON under /api/ (clients parse it), the HTML page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
