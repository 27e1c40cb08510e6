"""gunicorn's settings file (read from the working directory): server hooks only."""


def post_worker_init(worker) -> None:
    """Each worker warms the article reader in the background when
    INGEST_WARM_ON_START is set (ingest.warm), after its application is loaded."""
    from ingest import warm

    warm.reader_warm_in_background()
