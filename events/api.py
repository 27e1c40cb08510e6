"""Read-only REST + GeoJSON API under api/v1/; published events only, ever."""

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from events import selectors
from events.filters import EventFilterForm
from events.models import Event
from events.serializers import EventDetailFeatureSerializer, EventFeatureSerializer

PUBLIC_MAX_AGE = 60  # seconds; published data changes rarely and briefly stale is fine


class EventGeoJSONApi(generics.GenericAPIView):
    """FeatureCollection of public events matching the filters, capped at MAP_MAX_FEATURES."""

    serializer_class = EventFeatureSerializer
    pagination_class = None

    def get(self, request: Request) -> Response:
        form = EventFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        limit = settings.MAP_MAX_FEATURES
        events = list(
            selectors.event_list_public(filters=form.to_filters())[: limit + 1]
        )
        truncated = len(events) > limit
        data = self.get_serializer(events[:limit], many=True).data
        data["count"] = len(data["features"])
        data["truncated"] = truncated
        response = Response(data)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response


class EventDetailApi(generics.GenericAPIView):
    """One public event as a GeoJSON Feature, with its sources and related events."""

    serializer_class = EventDetailFeatureSerializer

    def get(self, request: Request, pk: int) -> Response:
        try:
            event = selectors.event_get_public(pk)
        except Event.DoesNotExist:
            raise Http404("No published event with this id.") from None
        response = Response(self.get_serializer(event).data)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response
