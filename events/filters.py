"""EventFilterForm: the one parser of map/API/embed/export query parameters."""

import datetime as dt
import functools
from dataclasses import dataclass, field

from django import forms
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

    @functools.cached_property
    def bbox_extent(self) -> tuple[float, float, float, float] | None:
        """(min_lon, min_lat, max_lon, max_lat) of the bbox, asked of GEOS once."""
        return tuple(self.bbox.extent) if self.bbox is not None else None

    def as_query(self) -> dict[str, str]:
        """The filters as URL query parameters (the inverse of EventFilterForm)."""
        query: dict[str, str] = {}
        if self.bbox is not None:
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


def _split(value: str, label: str) -> list[str]:
    items = [item.strip() for item in value.split(",") if item.strip()]
    if len(items) > MAX_LIST_ITEMS:
        raise forms.ValidationError(f"At most {MAX_LIST_ITEMS} {label} values.")
    return items


class EventFilterForm(forms.Form):
    in_bbox = forms.CharField(required=False, max_length=200)
    date_from = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    date_to = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    type = forms.CharField(required=False, max_length=2000)
    actor = forms.CharField(required=False, max_length=2000)
    disputed = forms.CharField(required=False, max_length=10)
    q = forms.CharField(required=False, max_length=200)
    place = forms.CharField(required=False, max_length=200)

    def clean_in_bbox(self) -> Polygon | None:
        raw = self.cleaned_data["in_bbox"]
        if not raw:
            return None
        parts = raw.split(",")
        message = "Expected in_bbox=min_lon,min_lat,max_lon,max_lat in degrees."
        if len(parts) != 4:
            raise forms.ValidationError(message)
        try:
            min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
        except ValueError:
            raise forms.ValidationError(message) from None
        # Chained comparisons are False for NaN, so NaN and inf fail here too.
        if not (-180 <= min_lon < max_lon <= 180):
            raise forms.ValidationError(
                message + " Longitudes must be in [-180, 180] with min < max."
            )
        if not (-90 <= min_lat < max_lat <= 90):
            raise forms.ValidationError(
                message + " Latitudes must be in [-90, 90] with min < max."
            )
        return Polygon.from_bbox((min_lon, min_lat, max_lon, max_lat))

    def clean_type(self) -> list[str]:
        from events import selectors  # forms load before the app registry is ready

        slugs = _split(self.cleaned_data["type"], "type")
        if not slugs:
            return []
        unknown = sorted(set(slugs) - selectors.event_type_slugs())
        if unknown:
            raise forms.ValidationError(
                "Unknown event type: %(types)s.", params={"types": ", ".join(unknown)}
            )
        return slugs

    def clean_actor(self) -> list[str]:
        return _split(self.cleaned_data["actor"], "actor")

    def clean_disputed(self) -> bool | None:
        raw = self.cleaned_data["disputed"].strip().lower()
        if not raw:
            return None
        if raw in TRUE_VALUES:
            return True
        if raw in FALSE_VALUES:
            return False
        raise forms.ValidationError("Expected disputed=true or disputed=false.")

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "date_to must not be before date_from.")
        return cleaned

    def to_filters(self) -> EventFilters:
        data = self.cleaned_data
        return EventFilters(
            bbox=data.get("in_bbox"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            types=data.get("type") or [],
            actors=data.get("actor") or [],
            disputed=data.get("disputed"),
            q=(data.get("q") or "").strip(),
            place=(data.get("place") or "").strip(),
        )
