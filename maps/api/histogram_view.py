"""The timeline API: public event counts per day, week, month or year, for the map's timeline."""

from django.utils.cache import patch_cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from events import selectors
from maps.api import shared
from maps.apibase import PublicApiView
from maps.forms import EventFilterForm

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
                    "title": shared._STR,
                    "start": {"type": "string", "format": "date"},
                    "end": {"type": "string", "format": "date"},
                    "precision": shared._STR,
                },
            },
        },
        "spans_truncated": {"type": "boolean"},
    },
    "required": ["bucket", "total", "buckets", "spans"],
}


class EventHistogramApi(PublicApiView):
    """Public event counts per day/week/month/year for the map's timeline."""

    @extend_schema(
        operation_id="events_histogram",
        parameters=[
            *shared.FILTER_PARAMETERS,
            OpenApiParameter(
                "place", OpenApiTypes.STR, description="Place id or exact name"
            ),
            OpenApiParameter(
                "bucket",
                {"type": "string", "enum": ["auto", *selectors.HISTOGRAM_BUCKETS]},
                description="Bucket size; auto picks one from the data's extent",
            ),
        ],
        responses={200: HISTOGRAM, 400: shared.ERRORS},
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
        patch_cache_control(response, public=True, max_age=shared.PUBLIC_MAX_AGE)
        return response
