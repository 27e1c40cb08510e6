"""Read-only REST + GeoJSON API under api/v1/; published events only, ever.

Over ~400 lines on purpose: each endpoint's OpenAPI schema sits beside its view, so
the schema cannot drift from the code that answers.
"""

import functools

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    JsonResponse,
    QueryDict,
)
from django.utils.cache import patch_cache_control
from django.views.defaults import page_not_found
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from events import selectors
from events.filters import EventFilters, parse_id
from events.models import Event
from maps.apibase import PublicApiView, plain_accept
from maps.forms import EventFilterForm, viewport_filters
from maps.selectors import cluster_answers, geojson_export
from maps.serializers import EventDetailFeatureSerializer

MAX_ZOOM = 22
PUBLIC_MAX_AGE = 60  # seconds; published data changes rarely and briefly stale is fine

# drf-spectacular cannot see through GeometryField(source="place.location"); the
# documented shape is written out here instead.
_STR = {"type": "string"}
_NULLABLE_STR = {"type": "string", "nullable": True}
FEATURE_PROPERTIES = {
    "title": _STR,
    "date_start": {"type": "string", "format": "date"},
    "date_end": {"type": "string", "format": "date", "nullable": True},
    "date_precision": {"type": "string", "enum": ["day", "week", "month", "year"]},
    "date_label": _STR,
    "type": {
        "type": "object",
        "properties": {
            "slug": _STR,
            "name": _STR,
            "color": _STR,
            "parent_slug": _NULLABLE_STR,
            "parent_name": _NULLABLE_STR,
        },
    },
    "disputed": {"type": "boolean"},
    "place": {
        "type": "object",
        "properties": {
            "name": _STR,
            "name_ar": _STR,
            "precision": {"type": "integer", "nullable": True},
            "feature_type": _STR,
        },
    },
    "actors": {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "name": _STR,
                "role": _STR,
                "role_label": _STR,
            },
        },
    },
    "fatalities_best": {"type": "integer", "nullable": True},
    "url": _STR,
    "api_url": _STR,
}
POINT = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {"type": "array", "items": {"type": "number"}},
    },
}


def _feature(properties: dict) -> dict:
    return {
        "type": "object",
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "integer"},
            "geometry": POINT,
            "properties": {"type": "object", "properties": properties},
        },
    }


FEATURE_COLLECTION = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": _feature(FEATURE_PROPERTIES)},
        "count": {"type": "integer"},
        "truncated": {"type": "boolean"},
    },
}
SOURCE = {
    "type": "object",
    "properties": {
        "publisher": _STR,
        "title": _STR,
        "url": _STR,
        "published_at": {"type": "string", "format": "date-time", "nullable": True},
        "language": _STR,
        "stance": {
            "type": "string",
            "enum": ["reports", "claims", "confirms", "denies"],
        },
        "stance_label": _STR,
        "speaker": _STR,
        "quote": _STR,
    },
}
RELATED = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": _STR,
        "kind": _STR,
        "kind_label": _STR,
        "url": _STR,
    },
}
DETAIL_FEATURE = _feature(
    {
        **FEATURE_PROPERTIES,
        "summary": _STR,
        "sources": {"type": "array", "items": SOURCE},
        "related": {"type": "array", "items": RELATED},
    }
)
ERRORS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
NOT_FOUND = {"type": "object", "properties": {"detail": _STR}, "required": ["detail"]}
FILTER_PARAMETERS = [
    OpenApiParameter(
        "in_bbox",
        {"type": "string", "pattern": r"^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$"},
        description="min_lon,min_lat,max_lon,max_lat in degrees",
    ),
    OpenApiParameter(
        "date_from", OpenApiTypes.DATE, description="Events ending on or after"
    ),
    OpenApiParameter(
        "date_to", OpenApiTypes.DATE, description="Events starting on or before"
    ),
    OpenApiParameter(
        "type", OpenApiTypes.STR, description="Type slugs, comma-separated"
    ),
    OpenApiParameter(
        "actor", OpenApiTypes.STR, description="Actor ids or names, comma-separated"
    ),
    OpenApiParameter("disputed", OpenApiTypes.BOOL),
    OpenApiParameter(
        "q", OpenApiTypes.STR, description="Text in title, summary or place"
    ),
]


class EventGeoJSONApi(generics.GenericAPIView):
    """FeatureCollection of public events matching the filters, capped at MAP_MAX_FEATURES.

    Served from the cluster index and its cache of encoded Features (the same Feature
    shape and order as EventFeatureSerializer, which stays the reference in tests)."""

    pagination_class = None

    @extend_schema(
        operation_id="events_list",
        parameters=FILTER_PARAMETERS,
        responses={200: FEATURE_COLLECTION, 400: ERRORS},
    )
    def get(self, request: Request) -> HttpResponse:
        form = EventFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        body = geojson_export.event_geojson_bytes(
            form.to_filters(), limit=settings.MAP_MAX_FEATURES
        )
        response = HttpResponse(body, content_type="application/json")
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response


class EventDetailApi(generics.GenericAPIView):
    """One public event as a GeoJSON Feature, with its sources and related events."""

    serializer_class = EventDetailFeatureSerializer

    @extend_schema(
        operation_id="events_detail", responses={200: DETAIL_FEATURE, 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        try:
            event = selectors.event_get_public(pk)
        except Event.DoesNotExist:
            raise Http404("No published event with this id.") from None
        response = Response(self.get_serializer(event).data)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 handler: JSON under /api/ (clients parse it), the HTML page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


CLUSTERS = {
    "type": "object",
    "properties": {
        "zoom": {"type": "integer"},
        "clusters": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "lon": {"type": "number"},
                    "lat": {"type": "number"},
                    "count": {"type": "integer"},
                    "types": {
                        "type": "object",
                        "additionalProperties": {"type": "integer"},
                    },
                    "bbox": {"type": "array", "items": {"type": "number"}},
                },
            },
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "lon": {"type": "number"},
                    "lat": {"type": "number"},
                    "type": _STR,
                    "color": _STR,
                    "disputed": {"type": "boolean"},
                    "title": _STR,
                    "date_start": {"type": "string", "format": "date"},
                },
            },
        },
        "total": {"type": "integer"},
        "truncated": {"type": "boolean"},
    },
}


def _cluster_response(etag: str, body: bytes | None) -> HttpResponse:
    if body is None:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    # What maps.middleware.KeptClusterAnswerMiddleware learns the headers from.
    response.cluster_answer = (etag, body)
    return response


class EventClusterApi(PublicApiView):
    """Clusters (low zoom) and individual events (high zoom or alone) for a viewport.

    A kept answer (a view asked again at the same data version) is answered before
    DRF's dispatch (issue 16: its Request wrapping and checks were a fifth of such a
    request), with the same bytes and headers (DRF's ``Allow``), after the same rate
    limit; anything else (a new view, an error, other methods or ``Accept``) goes
    through DRF as before, reading the data version once (``cluster_current``:
    read already by maps.middleware.KeptClusterAnswerMiddleware, which answers most
    kept answers itself, before the rest of the middleware)."""

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        headers: dict[str, str] = {}

        @functools.wraps(view)  # cls, initkwargs (the schema's), csrf_exempt
        def kept_or_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method != "GET" or not plain_accept(request):
                return view(request, *args, **kwargs)
            found, request.cluster_current = cluster_answers.event_clusters_kept(
                key=request.META.get("QUERY_STRING", ""),
                if_none_match=request.META.get("HTTP_IF_NONE_MATCH", ""),
                current=getattr(request, "cluster_current", None),
            )
            if found is None or not cls.throttled_ok(request, initkwargs):
                return view(request, *args, **kwargs)
            if not headers:  # DRF's: Allow (and Vary with several renderers)
                instance = cls(**initkwargs)
                instance.setup(request, *args, **kwargs)
                headers.update(instance.default_response_headers)
            response = _cluster_response(*found)
            for name, value in headers.items():
                response[name] = value
            return response

        return kept_or_view

    @staticmethod
    def valid_params(params: QueryDict) -> tuple[EventFilters, int] | None:
        """(filters, zoom) of valid ``params``; None when the form finds an error
        (``get`` then answers it: 400)."""
        zoom = parse_id(params.get("zoom", ""))
        filters = viewport_filters(params)
        if filters is not None and zoom is not None and zoom <= MAX_ZOOM:
            return filters, zoom
        return None

    @extend_schema(
        operation_id="events_clusters",
        parameters=[
            OpenApiParameter(
                "zoom",
                {"type": "integer", "minimum": 0, "maximum": MAX_ZOOM},
                required=True,
                description="Map zoom level",
            ),
            *FILTER_PARAMETERS,
        ],
        responses={200: CLUSTERS, 304: None, 400: ERRORS},
    )
    def get(self, request: Request) -> HttpResponse:
        def parse() -> tuple[EventFilters, int]:
            params = request.query_params
            valid = self.valid_params(params)
            if valid is not None:
                return valid
            zoom = parse_id(params.get("zoom", ""))
            form = EventFilterForm(params)
            errors = dict(form.errors) if not form.is_valid() else {}
            if zoom is None or zoom > MAX_ZOOM:
                errors["zoom"] = [f"Expected zoom=0…{MAX_ZOOM} (an integer)."]
            if errors:
                raise ValidationError(errors)
            return form.to_filters(), zoom

        etag, body = cluster_answers.event_clusters_answer(
            key=request.META.get("QUERY_STRING", ""),
            parse=parse,
            if_none_match=request.headers.get("If-None-Match", ""),
            current=getattr(request, "cluster_current", None),
        )
        return _cluster_response(etag, body)


HISTOGRAM = {
    "type": "object",
    "properties": {
        "bucket": {"type": "string", "enum": list(selectors.HISTOGRAM_BUCKETS)},
        "date_min": {"type": "string", "format": "date", "nullable": True},
        "date_max": {"type": "string", "format": "date", "nullable": True},
        "total": {"type": "integer"},
        "buckets": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "start": {"type": "string", "format": "date"},
                    "count": {"type": "integer"},
                    "approximate": {"type": "integer"},
                },
            },
        },
        "spans": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "title": _STR,
                    "start": {"type": "string", "format": "date"},
                    "end": {"type": "string", "format": "date"},
                    "precision": _STR,
                },
            },
        },
        "spans_truncated": {"type": "boolean"},
    },
    "required": ["bucket", "total", "buckets", "spans"],
}
PLACES = {
    "type": "object",
    "properties": {
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "name": _STR,
                    "name_ar": _STR,
                    "admin1": _STR,
                    "feature_type": _STR,
                    "precision": {"type": "integer", "nullable": True},
                    "lon": {"type": "number"},
                    "lat": {"type": "number"},
                    "event_count": {"type": "integer"},
                },
            },
        }
    },
    "required": ["results"],
}


class EventHistogramApi(PublicApiView):
    """Public event counts per day/week/month/year for the map's timeline."""

    @extend_schema(
        operation_id="events_histogram",
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter(
                "place", OpenApiTypes.STR, description="Place id or exact name"
            ),
            OpenApiParameter(
                "bucket",
                {"type": "string", "enum": ["auto", *selectors.HISTOGRAM_BUCKETS]},
                description="Bucket size; auto picks one from the data's extent",
            ),
        ],
        responses={200: HISTOGRAM, 400: ERRORS},
    )
    def get(self, request: Request) -> Response:
        form = EventFilterForm(request.query_params)
        bucket = request.query_params.get("bucket", "") or "auto"
        errors = dict(form.errors) if not form.is_valid() else {}
        if bucket not in {"auto", *selectors.HISTOGRAM_BUCKETS}:
            errors["bucket"] = ["Expected bucket=auto, day, week, month or year."]
        if errors:
            raise ValidationError(errors)
        data = selectors.event_histogram_public(
            filters=form.to_filters(), bucket=bucket
        )
        response = Response(data)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response


class PlaceSearchApi(PublicApiView):
    """Places on the public map whose English, Arabic or alternate name contains q."""

    @extend_schema(
        operation_id="places_search",
        parameters=[
            OpenApiParameter(
                "q", {"type": "string", "maxLength": 100}, description="Name fragment"
            )
        ],
        responses={200: PLACES, 400: ERRORS},
    )
    def get(self, request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        if len(q) > 100:
            raise ValidationError({"q": ["At most 100 characters."]})
        if "\x00" in q:
            raise ValidationError({"q": ["Null characters are not allowed."]})
        response = Response({"results": selectors.place_search_public(q)})
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response
