"""The place search API: places on the public map by English, Arabic or alternate name."""

from django.utils.cache import patch_cache_control
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from events import selectors
from maps.api import shared
from maps.apibase import PublicApiView

PLACES = {
    "type": "object",
    "properties": {
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "name": shared._STR,
                    "name_ar": shared._STR,
                    "admin1": shared._STR,
                    "feature_type": shared._STR,
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


class PlaceSearchApi(PublicApiView):
    """Places on the public map whose English, Arabic or alternate name contains q."""

    @extend_schema(
        operation_id="places_search",
        parameters=[
            OpenApiParameter(
                "q", {"type": "string", "maxLength": 100}, description="Name fragment"
            )
        ],
        responses={200: PLACES, 400: shared.ERRORS},
    )
    def get(self, request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        if len(q) > 100:
            raise ValidationError({"q": ["At most 100 characters."]})
        if "\x00" in q:
            raise ValidationError({"q": ["Null characters are not allowed."]})
        response = Response({"results": selectors.place_search_public(q)})
        patch_cache_control(response, public=True, max_age=shared.PUBLIC_MAX_AGE)
        return response
