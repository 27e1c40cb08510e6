"""App configuration for ingest (article text to draft events; no models)."""

from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "ingest"
    verbose_name = "Article ingest"
