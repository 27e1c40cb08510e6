"""The viewport API: clusters and points of the public events for a bbox and zoom."""

import functools

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    QueryDict,
)
from django.utils.cache import patch_cache_control
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from events.filters import EventFilters, parse_id
from maps.api import shared
from maps.apibase import PublicApiView, plain_accept
from maps.forms import EventFilterForm, viewport_filters
from maps.selectors import cluster_answers

MAX_ZOOM = 22


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
                    "type": shared._STR,
                    "color": shared._STR,
                    "disputed": {"type": "boolean"},
                    "title": shared._STR,
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
    patch_cache_control(response, public=True, max_age=shared.PUBLIC_MAX_AGE)
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
            *shared.FILTER_PARAMETERS,
        ],
        responses={200: CLUSTERS, 304: None, 400: shared.ERRORS},
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
