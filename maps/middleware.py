"""Site middleware of the maps app: a database outage answers 503 with Retry-After,
not a 500 (issue 12); kept cluster answers are answered before the rest of the
middleware (issue 16)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response

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


# A header template's slots: the answer's ETag, its body's length.
ETAG, LENGTH = object(), object()
# Headers a request may carry that change what the middleware below it answers:
# a validator other than If-None-Match (ConditionalGetMiddleware: 304 or 412), a
# user (a session, Basic authentication: an editor's request is left to them all),
# a CSRF cookie (a malformed one is replaced).
CONDITIONS = ("HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE", "HTTP_IF_MODIFIED_SINCE")
_generation = [0]  # templates learned under other settings are not used


def _settings_changed(**kwargs) -> None:
    _generation[0] += 1


setting_changed.connect(_settings_changed)


class KeptClusterAnswerMiddleware:
    """A kept cluster answer (``maps.clusters.live_index.Answers``: a view asked again at
    the current data version) answered here, before the middleware below this one,
    URL resolution and the view (issue 16: a kept answer through all of them cost
    ~2x the empty response), with the bytes and headers the whole stack gives it;
    and a new view of valid parameters, answered here as the view answers it (the
    middleware below, URL resolution and DRF's dispatch were ~0.4 ms of a new view's
    ~2.2 ms of CPU at 1M events; bench/README.md "New views").

    The headers are learned: when the whole stack answers a cluster request of the
    same kind (path, 200 or 304, with or without the API's rate limit), the
    response's headers are kept as a template whose ETag and Content-Length are the
    answer's (CSP, X-Frame-Options, Vary, Content-Language, Allow, Cache-Control,
    Content-Type: whatever the middleware and the view add). Answered here only
    what the middleware below would answer alike for every such request: a GET of a
    path the cluster view answered, with no session or CSRF cookie (a malformed
    one is replaced by CsrfViewMiddleware) and no Authorization (editors and other
    users are answered by the whole stack; other cookies are no one's), a plain
    ``Accept``,
    no validator but If-None-Match, an allowed host, and no ``PREPEND_WWW`` /
    ``DISALLOWED_USER_AGENTS``. The data version is read as the view reads it (a
    write shows in the next answer: no stale window), the rate limit is checked as
    the view checks it, and an error (the database, the cache) leaves the request to
    the whole stack, which answers it as before (503). Placed after the middleware
    whose headers depend on the request itself (SecurityMiddleware: HSTS, the HTTPS
    redirect), which still runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # (path, status, rate-limited, settings generation): [(header, value)].
        self.templates: dict[tuple, list[tuple[str, object]]] = {}
        self.paths: set[str] = set()  # paths the cluster view answered

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info not in self.paths or not self._plain(request):
            return self._through(request)
        from maps.selectors import cluster_answers

        meta = request.META
        inm = meta.get("HTTP_IF_NONE_MATCH", "")
        try:
            request.get_host()  # the whole stack refuses (400) a host not allowed
            found, current = cluster_answers.event_clusters_kept(
                key=meta.get("QUERY_STRING", ""), if_none_match=inm
            )
        except Exception:  # DisallowedHost, the database, the cache: answered
            return self._through(request)  # there as ever (400, 503)
        request.cluster_current = current  # the view reads the version once
        if found is None:
            found = self._new(request, current, inm)
        if found is None:
            return self._through(request)
        etag, body = found
        if (  # a 304 or 412 by ConditionalGetMiddleware's rules: answered there
            body is not None
            and (inm or any(name in meta for name in CONDITIONS))
            and get_conditional_response(request, etag=etag) is not None
        ):
            return self._through(request)
        view = self._view()
        limited = bool(view.throttle_classes)
        status = 200 if body is not None else 304
        key = (request.path_info, status, limited, _generation[0])
        template = self.templates.get(key)
        if template is None:
            return self._through(request)
        if limited and not view.throttled_ok(request, {}):
            return self._through(request)  # refused there again: its 429
        length = str(len(body)) if body is not None else ""
        headers = {
            name: etag if value is ETAG else length if value is LENGTH else value
            for name, value in template
        }
        if body is None:
            return HttpResponseNotModified(headers=headers)
        return HttpResponse(body, headers=headers)

    def _new(
        self, request: HttpRequest, current: tuple, inm: str
    ) -> tuple[str, bytes | None] | None:
        """A new view's (ETag, body), answered as the view answers it, when its
        parameters are valid (else None: the view's 400) and an answer of its
        path was learned (the 200's headers). Computed before the rate limit is
        checked: one the limit refuses is the view's to refuse (429), whose answer
        is then the one kept here."""
        if (request.path_info, 200, bool(self._view().throttle_classes),
                _generation[0]) not in self.templates:  # fmt: skip
            return None
        from maps.selectors import cluster_answers

        try:
            parsed = self._view().valid_params(request.GET)
            if parsed is None:
                return None
            return cluster_answers.event_clusters_answer(
                key=request.META.get("QUERY_STRING", ""),
                parse=lambda: parsed,
                if_none_match=inm,
                current=current,
            )
        except Exception:  # the database, the cache: answered there as ever (503)
            return None

    @staticmethod
    def _view():
        from maps.api import cluster_view

        return cluster_view.EventClusterApi

    @staticmethod
    def _plain(request: HttpRequest) -> bool:
        """Whether the middleware below answers ``request`` as any other like it:
        the conditions above (not the host, checked with the answer)."""
        from maps.apibase import plain_accept

        meta = request.META
        return (
            request.method == "GET"
            and "HTTP_AUTHORIZATION" not in meta
            and ("HTTP_COOKIE" not in meta
                 or not request.COOKIES.keys() & {settings.SESSION_COOKIE_NAME,
                                                  settings.CSRF_COOKIE_NAME})
            and plain_accept(request)
            and not settings.PREPEND_WWW
            and not settings.DISALLOWED_USER_AGENTS
        )  # fmt: skip

    def _through(self, request: HttpRequest) -> HttpResponse:
        """The whole stack's response; a cluster answer's headers become the
        template of its kind when this middleware may answer requests like it."""
        response = self.get_response(request)
        answer = getattr(response, "cluster_answer", None)
        if answer is None or response.cookies or not self._plain(request):
            return response
        etag, body = answer
        status = response.status_code
        if response.get("ETag") != etag or status != (304 if body is None else 200):
            return response
        if body is not None and response.content != body:
            return response
        length = "" if body is None else str(len(body))
        template = [
            (
                name,
                ETAG if name == "ETag"
                else LENGTH if name == "Content-Length" and value == length
                else value,
            )
            for name, value in response.headers.items()
        ]  # fmt: skip
        limited = bool(self._view().throttle_classes)
        self.templates[(request.path_info, status, limited, _generation[0])] = template
        self.paths.add(request.path_info)
        return response
