"""EventFilterForm: the one parser of map/API/embed/export query parameters."""

from django import forms
from django.contrib.gis.geos import Polygon

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
        data = self.cleaned_data
        return EventFilters.of_extent(
            data.get("in_bbox"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            types=data.get("type") or [],
            actors=data.get("actor") or [],
            disputed=data.get("disputed"),
            q=(data.get("q") or "").strip(),
            place=(data.get("place") or "").strip(),
        )


EventFilterForm.base_fields = SharedFields(EventFilterForm.base_fields)


class ControlFilterForm(forms.Form):
    """Parameters of the control layer: one date (default: today) and a bbox."""

    date = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    in_bbox = forms.CharField(required=False, max_length=200)

    def clean_in_bbox(self) -> Polygon | None:
        bounds = _bbox_bounds(self.cleaned_data["in_bbox"])
        return None if bounds is None else Polygon.from_bbox(bounds)


ControlFilterForm.base_fields = SharedFields(ControlFilterForm.base_fields)
