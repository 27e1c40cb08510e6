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
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.views import APIView

PLAIN_ACCEPTS = frozenset({"", "*/*", "application/json"})


class PublicApiView(APIView):
    def perform_authentication(self, request) -> None:
        """Lazily, on first use of request.user (a throttle's)."""

    def perform_content_negotiation(self, request, force: bool = False):
        accept = request.META.get("HTTP_ACCEPT", "").strip()
        query = request.META.get("QUERY_STRING", "")
        if accept in PLAIN_ACCEPTS and api_settings.URL_FORMAT_OVERRIDE not in query:
            renderer = self.get_renderers()[0]
            return renderer, renderer.media_type
        return super().perform_content_negotiation(request, force)
