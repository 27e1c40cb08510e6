"""What the API's endpoints share: cache lifetime, documented Feature shapes, errors
and filter parameters (drf-spectacular cannot see through GeometryField)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

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
