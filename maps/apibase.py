"""PublicApiView: an APIView for the map's public read endpoints without the per-request
work their answers never use (issue 16: a kept cluster answer paid ~40 % above the
empty-response floor in DRF's dispatch).

- Authentication is lazy (DRF's documented way: ``perform_authentication`` does
  nothing, ``request.user`` is resolved on first use): the answers are the same for
  everyone, and only a throttle that needs the user reads it.
- Content negotiation is skipped for what every map client sends (no ``format``
  parameter, ``Accept`` absent, ``*/*`` or ``application/json``): its answer is then
  the first renderer (JSON), as DRF's own negotiation gives, without building the
  QueryDict and parsing the header; anything else is negotiated as before.
- ``PublicApiView.throttled_ok(request)``: the view's throttles (the rate limit) for
  a view function that answers without DRF (the cluster endpoint's kept answers).
"""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.settings import api_settings
from rest_framework.views import APIView

PLAIN_ACCEPTS = frozenset({"", "*/*", "application/json"})


def plain_accept(request: HttpRequest) -> bool:
    """What every map client sends: JSON's renderer without negotiation."""
    accept = request.META.get("HTTP_ACCEPT", "").strip()
    query = request.META.get("QUERY_STRING", "")
    return accept in PLAIN_ACCEPTS and api_settings.URL_FORMAT_OVERRIDE not in query


class PublicApiView(APIView):
    @classmethod
    def throttled_ok(cls, request: HttpRequest, initkwargs: dict) -> bool:
        """Whether the view's throttles let ``request`` through (recording it, as
        DRF's ``check_throttles``); a refused one (or one with wrong credentials) is
        left to DRF's dispatch, whose check refuses it again (a refusal is not
        recorded) with its 429 (403)."""
        view = cls(**initkwargs)
        if not view.get_throttles():
            return True
        view.setup(request)
        view.request = view.initialize_request(request)
        try:
            view.check_throttles(view.request)
        except (Throttled, AuthenticationFailed):
            # Wrong credentials (a throttle reads the user): DRF's dispatch answers
            # them (403), as it does without the kept path (they were a 500 here).
            return False
        return True

    def perform_authentication(self, request) -> None:
        """Lazily, on first use of request.user (a throttle's)."""

    def perform_content_negotiation(self, request, force: bool = False):
        if plain_accept(request):
            renderer = self.get_renderers()[0]
            return renderer, renderer.media_type
        return super().perform_content_negotiation(request, force)
