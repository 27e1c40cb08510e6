"""App configuration for ingest (article text to draft events; no models)."""

from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "ingest"
    verbose_name = "Article ingest"

    def ready(self) -> None:
        # Only connects: a Celery worker process warms the reader when it starts
        # (ingest.warm, settings.INGEST_WARM_ON_START); nothing reads the database here.
        from celery import signals

        from ingest import warm

        signals.worker_process_init.connect(warm.on_worker_process_init, weak=False)
        signals.worker_ready.connect(warm.on_worker_ready, weak=False)
