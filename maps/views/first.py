"""The embed's first cluster answer, inlined in its page (issue 16).

Without it the embed's first markers waited for the page, Leaflet, the map's modules
and then one more request, the cluster answer of its first view; at 10M events under
load that last round trip through the server's queue took the first markers past
300 ms. The first view of an embed without ``at=`` asks the whole world at the map's
starting zoom (static/maps/load.js: its ``world`` request, no viewport in it), so the
page can carry that answer: the same bytes the API gives (the index's kept answer
when one is kept), in ``<script type="application/json" id="map-first">``, with the
filters and zoom it answers, which load.js compares with its own request before it
uses it (anything else, it asks the API as before).

Only public events are in it (the cluster selector reads the public index only,
whoever asks; the embed's response is the same for everyone), and only while this
process already holds an index: a cold worker's page does not wait for a build.
"""

from __future__ import annotations

from urllib.parse import quote_plus, urlencode

import orjson
from django.utils.safestring import SafeString, mark_safe

from maps.api.shared import PUBLIC_MAX_AGE
from maps.forms import EventFilterForm
from maps.selectors import cluster_answers

# The order of static/maps/url.js's FILTER_KEYS: the API's query string as the
# browser builds it, so that the page and the API share the index's kept answer.
FILTER_KEYS = (
    "date_from",
    "date_to",
    "type",
    "actor",
    "disputed",
    "q",
    "place",
    "in_bbox",
)
# Inside a <script> element: no "</script>", "<!--" or entity; the JSON parser reads
# the escapes back (as django.utils.html.json_script escapes).
# The embed page's Cache-Control max-age while it carries an answer: the API's.
MAX_AGE = PUBLIC_MAX_AGE
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _browser_quote(value: str, safe: str = "", encoding=None, errors=None) -> str:
    """URLSearchParams' encoding (application/x-www-form-urlencoded): spaces as
    "+", every byte but letters, digits and ``*-._`` percent-encoded."""
    return quote_plus(value, safe="*", encoding=encoding, errors=errors).replace(
        "~", "%7E"
    )


def api_query(filters: dict[str, str], zoom: int) -> str:
    """The cluster API's query string that load.js asks for ``filters`` at ``zoom``
    (queryString(filters, {zoom}): values trimmed, empty ones left out)."""
    pairs = [
        (key, str(filters[key]).strip())
        for key in FILTER_KEYS
        if str(filters.get(key, "")).strip()
    ]
    return urlencode([*pairs, ("zoom", str(zoom))], quote_via=_browser_quote)


def script_json(data: bytes) -> SafeString:
    """JSON bytes as the text of a <script type="application/json"> element."""
    return mark_safe(data.decode().translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped


def first_answer(
    filters: dict[str, str], form: EventFilterForm, *, zoom: int
) -> SafeString | None:
    """The embed's first cluster answer for its raw ``filters`` (valid ``form``) at
    ``zoom``, as a script element's text; None when the page should not carry it
    (the place filter, answered with individual events; no index held yet)."""
    if filters.get("place", "").strip() or not cluster_answers.event_clusters_ready():
        return None
    _etag, body = cluster_answers.event_clusters_answer(
        key=api_query(filters, zoom), parse=lambda: (form.to_filters(), zoom)
    )
    if body is None:
        return None
    head = orjson.dumps({"zoom": zoom, "filters": filters})
    return script_json(head[:-1] + b',"answer":' + body + b"}")
