"""EventFilterForm: the one parser of map/API/embed/export query parameters."""

import threading
from collections import OrderedDict

from django import forms
from django.contrib.gis.geos import Polygon
from django.http import QueryDict

from events import selectors
from events.filters import FALSE_VALUES, MAX_LIST_ITEMS, TRUE_VALUES, EventFilters


def _split(value: str, label: str) -> list[str]:
    items = [item.strip() for item in value.split(",") if item.strip()]
    if len(items) > MAX_LIST_ITEMS:
        raise forms.ValidationError(f"At most {MAX_LIST_ITEMS} {label} values.")
    return items


def _bbox_bounds(raw: str) -> tuple[float, float, float, float] | None:
    """(min_lon, min_lat, max_lon, max_lat) of an in_bbox parameter, validated."""
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
    return min_lon, min_lat, max_lon, max_lat


class SharedFields(dict):
    """A form class's fields, shared by its instances: Django deep-copies every field
    for each form (so an instance may alter its own), two fifths of parsing a map
    request (issue 16); these forms never alter theirs."""

    def __deepcopy__(self, memo: dict) -> dict:
        return dict(self)


class EventFilterForm(forms.Form):
    in_bbox = forms.CharField(required=False, max_length=200)
    date_from = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    date_to = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    type = forms.CharField(required=False, max_length=2000)
    actor = forms.CharField(required=False, max_length=2000)
    disputed = forms.CharField(required=False, max_length=10)
    q = forms.CharField(required=False, max_length=200)
    place = forms.CharField(required=False, max_length=200)

    def clean_in_bbox(self) -> tuple[float, float, float, float] | None:
        return _bbox_bounds(self.cleaned_data["in_bbox"])

    def clean_type(self) -> list[str]:

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
        return EventFilters.of_extent(
            self.cleaned_data.get("in_bbox"), **self.filter_fields()
        )

    def filter_fields(self) -> dict:
        """EventFilters' fields but the bbox, of the cleaned data."""
        data = self.cleaned_data
        return {
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "types": data.get("type") or [],
            "actors": data.get("actor") or [],
            "disputed": data.get("disputed"),
            "q": (data.get("q") or "").strip(),
            "place": (data.get("place") or "").strip(),
        }


EventFilterForm.base_fields = SharedFields(EventFilterForm.base_fields)
_IN_BBOX = EventFilterForm.base_fields["in_bbox"]
# Every field but in_bbox, as the form reads them (the last value of each name).
_OTHER_FIELDS = tuple(name for name in EventFilterForm.base_fields if name != "in_bbox")
_others: OrderedDict[tuple, dict] = OrderedDict()
_others_lock = threading.Lock()
OTHERS_KEPT = 256


def viewport_filters(params: QueryDict) -> EventFilters | None:
    """EventFilterForm(params).to_filters() of a valid ``params``, None when the form
    finds an error (then ask the form for its errors).

    A reader panning changes in_bbox alone: it is parsed on its own (by the form's
    field and clean_in_bbox), the other fields by the form once per distinct
    values, kept (the form was a seventh of a new view's CPU at 1M events; issue 16)
    with the type slugs the form checked them against when they name types."""
    values = tuple(params.get(name) for name in _OTHER_FIELDS)
    key = (values, selectors.event_type_slugs() if params.get("type") else None)
    with _others_lock:
        fields = _others.get(key)
        if fields is not None:
            _others.move_to_end(key)
    if fields is None:
        data = {
            n: v for n, v in zip(_OTHER_FIELDS, values, strict=True) if v is not None
        }
        form = EventFilterForm(data)
        if not form.is_valid():
            return None
        fields = form.filter_fields()
        with _others_lock:
            _others[key] = fields
            while len(_others) > OTHERS_KEPT:
                _others.popitem(last=False)
    try:  # the form's own field and clean_in_bbox: one definition of in_bbox
        extent = _bbox_bounds(_IN_BBOX.clean(params.get("in_bbox")))
    except forms.ValidationError:
        return None
    return EventFilters.of_extent(
        extent, **{**fields, "types": [*fields["types"]], "actors": [*fields["actors"]]}
    )


class ControlFilterForm(forms.Form):
    """Parameters of the control layer: one date (default: today) and a bbox."""

    date = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    in_bbox = forms.CharField(required=False, max_length=200)

    def clean_in_bbox(self) -> Polygon | None:
        bounds = _bbox_bounds(self.cleaned_data["in_bbox"])
        return None if bounds is None else Polygon.from_bbox(bounds)


ControlFilterForm.base_fields = SharedFields(ControlFilterForm.base_fields)
