"""Downloads of the current map view: GeoJSON, ACLED/UCDP CSV and standalone HTML."""

import datetime as dt
import io
import json
import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from events import selectors
from events.filters import EventFilters
from interchange import files as interchange
from maps import exportguard
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
    """429 when the client is over the export rate (EXPORT_RATE_LIMIT, per client
    address in the shared cache; much lower than the API's), else None."""
    throttle = exportguard.ExportRateThrottle()
    if throttle.allow_request(request, None):
        return None
    wait = throttle.wait()
    return _too_busy(429, "Too many requests", None if wait is None else wait)


def _too_busy(status: int, message: str, wait: float | None) -> HttpResponse:
    response = HttpResponse(
        f"{message}; try again later.\n",
        status=status,
        content_type="text/plain; charset=utf-8",
    )
    if wait is not None:
        response["Retry-After"] = str(max(1, math.ceil(wait)))
    return response


def _busy() -> HttpResponse:
    """503: every export slot is rendering (EXPORT_MAX_CONCURRENT*)."""
    return _too_busy(
        503, "Too many downloads are being prepared", exportguard.RETRY_AFTER_BUSY
    )


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
    export: exportguard.Export, *, content_type: str, filename: str
) -> HttpResponse:
    response = HttpResponse(export.body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Export-Count"] = str(export.count)
    response["X-Export-Truncated"] = "true" if export.truncated else "false"
    response["X-Export-Limit"] = str(_limit())
    patch_cache_control(response, public=True, max_age=EXPORT_MAX_AGE)
    return response


def _cache_query(filters: EventFilters) -> dict[str, str]:
    """The filters, exactly (as_query rounds the bbox to 6 digits), for the cache key."""
    query = filters.as_query()
    if filters.bbox is not None:
        query["in_bbox"] = repr(filters.bbox_extent)
    return query


def _stamp() -> str:
    return timezone.now().strftime("%Y%m%d")


def _render_geojson(filters: EventFilters) -> exportguard.Export:
    limit = _limit()
    out = io.StringIO()
    count = interchange.event_export(
        fmt="geojson", out=out, filters=filters, limit=limit
    )
    truncated = _is_truncated(filters, limit)
    document = json.loads(out.getvalue())
    document["truncated"] = truncated
    body = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return exportguard.Export(body.encode(), count, truncated)


def _render_csv(filters: EventFilters, fmt: str) -> exportguard.Export:
    limit = _limit()
    out = io.StringIO()
    count = interchange.event_export(fmt=fmt, out=out, filters=filters, limit=limit)
    # A byte-order mark, so that spreadsheets read Arabic text as UTF-8.
    body = ("\ufeff" + out.getvalue()).encode()
    return exportguard.Export(body, count, _is_truncated(filters, limit))


def _render_map(
    filters: EventFilters, control_on: dt.date | None
) -> exportguard.Export:
    result = map_exports.map_export_render(
        filters=filters, limit=_limit(), control_on=control_on
    )
    return exportguard.Export(result.html.encode(), result.count, result.truncated)


@require_safe
def export_geojson(request: HttpRequest) -> HttpResponse:
    """FeatureCollection (interchange GeoJSON, with sources) of the filtered events."""
    if limited := throttled(request):
        return limited
    filters = _parse(request, as_json=True)
    if isinstance(filters, HttpResponse):
        return filters
    try:
        export = exportguard.export_cached(
            "geojson", _cache_query(filters), lambda: _render_geojson(filters)
        )
    except exportguard.ExportBusy:
        return _busy()
    return _download(
        export,
        content_type="application/geo+json; charset=utf-8",
        filename=f"conflictmap-events-{_stamp()}.geojson",
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
    try:
        export = exportguard.export_cached(
            f"csv-{fmt}", _cache_query(filters), lambda: _render_csv(filters, fmt)
        )
    except exportguard.ExportBusy:
        return _busy()
    return _download(
        export,
        content_type="text/csv; charset=utf-8",
        filename=f"conflictmap-events-{fmt}-{_stamp()}.csv",
    )


@require_safe
def export_map(request: HttpRequest) -> HttpResponse:
    """The standalone folium map (works offline from a file) of the filtered events;
    control=1 adds who held each place on date_to (else today) as a layer."""
    if limited := throttled(request):
        return limited
    filters = _parse(request, as_json=False)
    if isinstance(filters, HttpResponse):
        return filters
    control_on = None
    if request.GET.get("control", "0") in {"1", "true", "yes"}:
        control_on = filters.date_to or timezone.now().date()
    key = {**_cache_query(filters), "control": str(control_on or "")}
    try:
        export = exportguard.export_cached(
            "map", key, lambda: _render_map(filters, control_on)
        )
    except exportguard.ExportBusy:
        return _busy()
    return _download(
        export,
        content_type="text/html; charset=utf-8",
        filename=f"conflictmap-map-{_stamp()}.html",
    )
