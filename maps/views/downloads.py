"""Downloads of the current map view: GeoJSON, ACLED/UCDP CSV and standalone HTML."""

import io
import json
import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from rest_framework.throttling import AnonRateThrottle

from events import selectors
from events.filters import EventFilters
from interchange import files as interchange
from maps import services as map_exports
from maps.forms import EventFilterForm

EXPORT_MAX_AGE = 60  # seconds, as the API: published data changes rarely
CSV_FORMATS = ("acled", "ucdp")
LIST_PARAMS = ("type", "actor")  # a plain HTML form repeats them: ?type=a&type=b


def filter_query(query: QueryDict) -> QueryDict:
    """``query`` with repeated list parameters joined by commas, as the map does."""
    query = query.copy()
    for key in LIST_PARAMS:
        values = [value for value in query.getlist(key) if value.strip()]
        if len(values) > 1:
            query[key] = ",".join(values)
    return query


def throttled(request: HttpRequest) -> HttpResponse | None:
    """429 when the client is over the API's anonymous rate (same DRF throttle and
    cache bucket as api/v1/), else None."""
    throttle = AnonRateThrottle()
    if throttle.allow_request(request, None):
        return None
    wait = throttle.wait()
    response = HttpResponse(
        "Too many requests; try again later.\n",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    if wait is not None:
        response["Retry-After"] = str(max(1, math.ceil(wait)))
    return response


def _error_lines(form: EventFilterForm) -> str:
    return "\n".join(
        f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
    )


def _bad_filters(form: EventFilterForm, *, as_json: bool) -> HttpResponse:
    if as_json:  # the same body as the API's 400
        return JsonResponse(
            {field: list(errors) for field, errors in form.errors.items()}, status=400
        )
    return HttpResponse(
        f"Invalid filters, nothing exported:\n{_error_lines(form)}\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def _parse(request: HttpRequest, *, as_json: bool) -> EventFilters | HttpResponse:
    form = EventFilterForm(filter_query(request.GET))
    if not form.is_valid():
        return _bad_filters(form, as_json=as_json)
    return form.to_filters()


def _limit() -> int:
    return settings.EXPORT_MAX_EVENTS


def _is_truncated(filters: EventFilters, limit: int) -> bool:
    return selectors.event_list_public(filters=filters)[limit : limit + 1].exists()


def _download(
    body: bytes | str,
    *,
    content_type: str,
    filename: str,
    count: int,
    truncated: bool,
) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Export-Count"] = str(count)
    response["X-Export-Truncated"] = "true" if truncated else "false"
    response["X-Export-Limit"] = str(_limit())
    patch_cache_control(response, public=True, max_age=EXPORT_MAX_AGE)
    return response


def _stamp() -> str:
    return timezone.now().strftime("%Y%m%d")


@require_safe
def export_geojson(request: HttpRequest) -> HttpResponse:
    """FeatureCollection (interchange GeoJSON, with sources) of the filtered events."""
    if limited := throttled(request):
        return limited
    filters = _parse(request, as_json=True)
    if isinstance(filters, HttpResponse):
        return filters
    limit = _limit()
    out = io.StringIO()
    count = interchange.event_export(
        fmt="geojson", out=out, filters=filters, limit=limit
    )
    truncated = _is_truncated(filters, limit)
    document = json.loads(out.getvalue())
    document["truncated"] = truncated
    return _download(
        json.dumps(document, ensure_ascii=False, indent=1) + "\n",
        content_type="application/geo+json; charset=utf-8",
        filename=f"conflictmap-events-{_stamp()}.geojson",
        count=count,
        truncated=truncated,
    )


@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    """ACLED-style (default) or UCDP GED-style CSV; formula-like cells are escaped."""
    if limited := throttled(request):
        return limited
    fmt = request.GET.get("format", "acled").strip().lower() or "acled"
    if fmt not in CSV_FORMATS:
        return HttpResponse(
            f"Unknown format {fmt[:40]!r}; expected format=acled or format=ucdp.\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    filters = _parse(request, as_json=False)
    if isinstance(filters, HttpResponse):
        return filters
    limit = _limit()
    out = io.StringIO()
    count = interchange.event_export(fmt=fmt, out=out, filters=filters, limit=limit)
    return _download(
        # A byte-order mark, so that spreadsheets read Arabic text as UTF-8.
        "\ufeff" + out.getvalue(),
        content_type="text/csv; charset=utf-8",
        filename=f"conflictmap-events-{fmt}-{_stamp()}.csv",
        count=count,
        truncated=_is_truncated(filters, limit),
    )


@require_safe
def export_map(request: HttpRequest) -> HttpResponse:
    """The standalone folium map (works offline from a file) of the filtered events."""
    if limited := throttled(request):
        return limited
    filters = _parse(request, as_json=False)
    if isinstance(filters, HttpResponse):
        return filters
    result = map_exports.map_export_render(filters=filters, limit=_limit())
    return _download(
        result.html,
        content_type="text/html; charset=utf-8",
        filename=f"conflictmap-map-{_stamp()}.html",
        count=result.count,
        truncated=result.truncated,
    )
