"""URLconf for bench/mapbench.py: the project's URLs plus the floor and the naive peer."""

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path
from rest_framework import generics, serializers
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.filters import InBBoxFilter
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from conflictmap import urls as project_urls
from events.models import Event


class NaiveEventSerializer(GeoFeatureModelSerializer):
    location = GeometryField(source="place.location", read_only=True)
    type = serializers.CharField(source="event_type.slug", read_only=True)

    class Meta:
        model = Event
        geo_field = "location"
        fields = (
            "id",
            "location",
            "title",
            "date_start",
            "date_end",
            "type",
            "disputed",
        )


class NaiveEventList(generics.ListAPIView):
    """The plain djangorestframework-gis endpoint: every matching event, no cap."""

    serializer_class = NaiveEventSerializer
    pagination_class = None
    filter_backends = (InBBoxFilter,)
    bbox_filter_field = "place__location"

    def get_queryset(self) -> QuerySet[Event]:
        params = self.request.query_params
        events = Event.objects.filter(
            status=Event.Status.PUBLISHED, place__location__isnull=False
        ).select_related("place", "event_type")
        if params.get("date_from"):
            events = events.filter(
                Q(date_end__gte=params["date_from"])
                | Q(date_end__isnull=True, date_start__gte=params["date_from"])
            )
        if params.get("date_to"):
            events = events.filter(date_start__lte=params["date_to"])
        if params.get("type"):
            slugs = params["type"].split(",")
            events = events.filter(
                Q(event_type__slug__in=slugs) | Q(event_type__parent__slug__in=slugs)
            )
        if params.get("disputed") in ("true", "false"):
            events = events.filter(disputed=params["disputed"] == "true")
        return events


def empty(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"", content_type="application/json")


# The project's patterns at the root (i18n_patterns cannot be include()d).
urlpatterns = [
    path("bench/empty/", empty),
    path("bench/drf/", NaiveEventList.as_view()),
    *project_urls.urlpatterns,
]
handler404 = getattr(project_urls, "handler404", None)
