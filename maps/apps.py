"""App configuration for maps (the public read side; no models)."""

from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "maps"
    verbose_name = "Public map"
