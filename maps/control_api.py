"""API v1 for territorial control: control on a date, and one place's history."""

import datetime as dt

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from control import history as control_history
from control import selectors as control_selectors
from maps.api.shared import ERRORS, NOT_FOUND, PUBLIC_MAX_AGE
from maps.apibase import PublicApiView
from maps.forms import ControlFilterForm

CONTROL_FEATURE = {
    "type": "object",
    "properties": {
        "type": {"const": "Feature"},
        "id": {"type": "integer"},
        "geometry": {"type": "object"},
        "properties": {
            "type": "object",
            "properties": {
                "place_id": {"type": "integer"},
                "place": {"type": "string"},
                "place_ar": {"type": "string"},
                "area": {
                    "type": ["object", "null"],
                    "description": "The place's outline (a GeoJSON MultiPolygon, "
                    "simplified to ~10 m), to colour like the point; null when "
                    "the place has none.",
                },
                "state": {"enum": ["held", "contested", "unknown"]},
                "coalition": {"type": ["object", "null"]},
                "actors": {"type": "array", "items": {"type": "object"}},
                "color": {"type": "string"},
                "since": {"type": "string", "format": "date"},
                "since_label": {"type": "string"},
                "until": {"type": ["string", "null"], "format": "date"},
                "uncertain_until": {"type": ["string", "null"], "format": "date"},
                "precision": {"type": "string"},
                "disputed": {"type": "boolean"},
                "event_ids": {"type": "array", "items": {"type": "integer"}},
                "observation_ids": {"type": "array", "items": {"type": "integer"}},
                "history_url": {"type": "string"},
                "cluster": {
                    "type": "boolean",
                    "description": "Only in an aggregated answer: this Feature is a "
                    "grid cell's places held by one controller ('count' of them, "
                    "'disputed' and 'uncertain' counts, the cell's 'bounds').",
                },
                "count": {"type": "integer"},
                "bounds": {"type": "array", "items": {"type": "number"}},
            },
        },
    },
}
CONTROL_COLLECTION = {
    "type": "object",
    "properties": {
        "type": {"const": "FeatureCollection"},
        "date": {"type": "string", "format": "date"},
        "aggregated": {
            "type": "boolean",
            "description": "True when the view held more than CONTROL_MAX_PLACES "
            "places: the features are grid cells per controller, not places.",
        },
        "places": {"type": "integer", "description": "Places in force in the view."},
        "features": {"type": "array", "items": CONTROL_FEATURE},
    },
    "required": ["type", "date", "features"],
}
CONTROL_HISTORY = {
    "type": "object",
    "properties": {
        "place": {"type": "object"},
        "periods": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["place", "periods"],
}


class ControlApi(PublicApiView):
    """Who held each place on a date, with the events and observations behind it."""

    @extend_schema(
        operation_id="control_on_date",
        parameters=[
            OpenApiParameter(
                "date", OpenApiTypes.DATE, description="YYYY-MM-DD (default: today)"
            ),
            OpenApiParameter(
                "in_bbox",
                OpenApiTypes.STR,
                description="min_lon,min_lat,max_lon,max_lat (WGS84)",
            ),
        ],
        responses={200: CONTROL_COLLECTION, 400: ERRORS},
    )
    def get(self, request: Request) -> HttpResponse:
        form = ControlFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(dict(form.errors))
        day: dt.date = form.cleaned_data["date"] or timezone.now().date()
        bbox = form.cleaned_data["in_bbox"]
        body = control_selectors.control_geojson_public(
            day=day, bbox=bbox.extent if bbox is not None else None
        )
        response = HttpResponse(body, content_type="application/json")
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response


class PlaceControlHistoryApi(PublicApiView):
    """One place's control periods, each with its events, observations and sources."""

    @extend_schema(
        operation_id="place_control_history",
        responses={200: CONTROL_HISTORY, 404: NOT_FOUND},
    )
    def get(self, request: Request, pk: int) -> Response:
        history = control_history.place_control_history_public(pk)
        if history is None:
            raise Http404("No such place on the public map.")
        response = Response(history)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response
