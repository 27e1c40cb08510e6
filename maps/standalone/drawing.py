"""Drawing constants of the standalone map and the layers it takes (control, basemap)."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

DEFAULT_CENTER = (35.0, 38.5)  # lat, lon: Syria


DEFAULT_ZOOM = 6


DEFAULT_COLOR = "#555555"


MARKER_RADIUS = 7


MAX_ALSO_HERE = 25  # co-located events listed in one popup


_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


@dataclass(frozen=True)
class ControlLayer:
    """Who held each place on ``day``: control API Feature dicts (one per place)."""

    day: str  # YYYY-MM-DD
    features: Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class BasemapLayer:
    """A GeoJSON FeatureCollection drawn under the events instead of web tiles."""

    data: Mapping[str, Any]
    style: Mapping[str, Any] = field(default_factory=dict)
