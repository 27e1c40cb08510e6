"""Place curation admin (placeholder until the geocoding work lands)."""

from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from events.models import Place


@admin.register(Place)
class PlaceAdmin(LeafletGeoAdmin):
    search_fields = ["name", "name_ar", "names__name"]
