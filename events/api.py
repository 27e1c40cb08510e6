"""Read-only REST + GeoJSON API under api/v1/ (placeholder)."""

from rest_framework import generics


class EventGeoJSONApi(generics.GenericAPIView):
    pass


class EventDetailApi(generics.GenericAPIView):
    pass
