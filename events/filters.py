"""EventFilters: what the public selectors can filter on (parsed by maps.forms)."""

import datetime as dt
import functools
from dataclasses import dataclass, field

from django.contrib.gis.geos import Polygon

MAX_LIST_ITEMS = 50
MAX_ID_DIGITS = 18  # bigint holds 18 digits safely


def parse_id(value: str) -> int | None:
    """A database id written in ASCII digits, else None.

    str.isdigit() alone admits "¹" and "²", which int() rejects, and numbers too
    long for the column."""
    value = value.strip()
    if value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS:
        return int(value)
    return None


TRUE_VALUES = {"true", "1", "yes"}
FALSE_VALUES = {"false", "0", "no"}


@dataclass(frozen=True)
class EventFilters:
    bbox: Polygon | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    disputed: bool | None = None
    q: str = ""
    place: str = ""  # a place id or its exact name (English or Arabic)

    @classmethod
    def of_extent(
        cls, extent: tuple[float, float, float, float] | None, **fields
    ) -> "EventFilters":
        """EventFilters with the bbox (min_lon, min_lat, max_lon, max_lat) ``extent``,
        whose bbox_extent is known without asking GEOS (reading a polygon's envelope
        costs more than building it: ~35 µs of every map request)."""
        filters = cls(**fields)
        if extent is not None:
            # The polygon is built on first use of .bbox (_BboxOfExtent): the
            # cluster index reads the extent alone (20-35 µs of GEOS calls saved).
            # The extent goes in the cached_property's slot.
            del filters.__dict__["bbox"]
            filters.__dict__["bbox_extent"] = tuple(extent)
        return filters

    @functools.cached_property
    def bbox_extent(self) -> tuple[float, float, float, float] | None:
        """(min_lon, min_lat, max_lon, max_lat) of the bbox, asked of GEOS once."""
        return tuple(self.bbox.extent) if self.bbox is not None else None

    def as_query(self) -> dict[str, str]:
        """The filters as URL query parameters (the inverse of EventFilterForm)."""
        query: dict[str, str] = {}
        if self.bbox_extent is not None:
            query["in_bbox"] = ",".join(f"{v:g}" for v in self.bbox_extent)
        if self.date_from:
            query["date_from"] = self.date_from.isoformat()
        if self.date_to:
            query["date_to"] = self.date_to.isoformat()
        if self.types:
            query["type"] = ",".join(self.types)
        if self.actors:
            query["actor"] = ",".join(self.actors)
        if self.disputed is not None:
            query["disputed"] = "true" if self.disputed else "false"
        if self.q:
            query["q"] = self.q
        if self.place:
            query["place"] = self.place
        return query


class _BboxOfExtent:
    """EventFilters.bbox of a filter made by ``of_extent``: the polygon of its extent,
    built on first read and kept in the instance (a non-data descriptor, as
    functools.cached_property: the instance's own value, when set, wins). Read on the
    class it is the field's default, None."""

    def __get__(self, instance: EventFilters | None, owner: type) -> Polygon | None:
        if instance is None:
            return None
        polygon = Polygon.from_bbox(instance.__dict__["bbox_extent"])
        instance.__dict__["bbox"] = polygon
        return polygon


# After the dataclass took its default (None) from the class attribute.
EventFilters.bbox = _BboxOfExtent()  # type: ignore[assignment]
