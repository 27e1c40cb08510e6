"""A database outage answers 503 with Retry-After, not a 500 (issue 12)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from maps.clusters.state import IndexUnavailable

logger = logging.getLogger(__name__)
RETRY_AFTER = 5  # seconds: PostgreSQL restarts in about that


class DatabaseUnavailableMiddleware:
    """OperationalError / InterfaceError (the database stopped, restarts, refuses
    connections) and a missing cluster index become a short 503; the next request
    opens a new connection (CONN_HEALTH_CHECKS), so the site recovers by itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, IndexUnavailable):
            retry_after = exception.retry_after
        elif isinstance(exception, OperationalError | InterfaceError):
            retry_after = RETRY_AFTER
        else:
            return None
        logger.warning("503 for %s: %s", request.path, exception)
        response = HttpResponse(
            "The database is unavailable for a moment; try again shortly.\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(retry_after)
        response["Cache-Control"] = "no-store"
        return response
