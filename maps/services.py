"""Map exports: public events rendered to a standalone HTML file, written atomically."""

import contextlib
import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from control import selectors as control_selectors
from events import selectors
from events.filters import EventFilters
from maps import serializers
from maps.standalone import drawing, map_page

DEFAULT_TITLE = "ConflictMap: conflict events"
STORAGE_DIR = "exports"


class MapExportError(Exception):
    """The export cannot be written where asked (missing folder, not a file, ...)."""


@dataclass(frozen=True)
class MapExport:
    html: str
    count: int
    truncated: bool
    path: str = ""  # file written (or remote storage name); "" when only rendered


def map_export_render(
    *,
    filters: EventFilters | None = None,
    title: str = DEFAULT_TITLE,
    limit: int | None = None,
    now: dt.datetime | None = None,
    control_on: dt.date | None = None,
) -> MapExport:
    """Render the public events matching ``filters`` (newest first, at most ``limit``);
    with ``control_on``, who held each place in the view that day as a layer."""
    limit = settings.MAP_MAX_FEATURES if limit is None else limit
    events = selectors.event_list_public_with_sources(filters=filters)
    events = list(events[: limit + 1])
    truncated = len(events) > limit
    events = events[:limit]
    features = serializers.EventFeatureSerializer(events, many=True).data["features"]
    detail = serializers.EventDetailFeatureSerializer()  # reuse its sources shape
    for feature, event in zip(features, events, strict=True):
        feature["properties"]["summary"] = event.summary
        feature["properties"]["sources"] = detail.get_sources(event)
    control = None
    if control_on is not None:
        control = drawing.ControlLayer(
            day=control_on.isoformat(),
            features=control_selectors.control_features_public(
                day=control_on,
                bbox=filters.bbox_extent if filters else None,
                limit=settings.MAP_MAX_FEATURES,
            ),
        )
    html = map_page.render_event_map(
        features,
        title=title,
        subtitle=_subtitle(filters, truncated=truncated, limit=limit, now=now),
        site_url=settings.SITE_URL,
        control=control,
    )
    return MapExport(html=html, count=len(features), truncated=truncated)


def map_export_create(
    *,
    filters: EventFilters | None = None,
    out_path: str | Path | None = None,
    title: str = DEFAULT_TITLE,
    limit: int | None = None,
    control_on: dt.date | None = None,
) -> MapExport:
    """Render and save a map: to ``out_path`` atomically, else to default_storage.

    A file at ``out_path`` is replaced only once the new one is complete; on any error
    nothing is left behind. Raises MapExportError when ``out_path`` cannot be written.
    """
    if out_path is not None:
        target = _check_target(Path(out_path))
    result = map_export_render(
        filters=filters, title=title, limit=limit, control_on=control_on
    )
    if out_path is None:
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        name = default_storage.save(
            f"{STORAGE_DIR}/conflictmap-{stamp}.html",
            ContentFile(result.html.encode("utf-8")),
        )
        # Local storage: say where the file is; remote storage (S3...): its name.
        with contextlib.suppress(NotImplementedError):
            name = default_storage.path(name)
    else:
        _write_atomic(target, result.html)
        name = str(target)
    return MapExport(
        html=result.html, count=result.count, truncated=result.truncated, path=name
    )


def _check_target(target: Path) -> Path:
    target = target.expanduser().absolute()
    if target.is_dir():
        raise MapExportError(f"{target} is a directory; give a file name.")
    if not target.parent.is_dir():
        raise MapExportError(f"Folder {target.parent} does not exist.")
    if not os.access(target.parent, os.W_OK):
        raise MapExportError(f"Folder {target.parent} is not writable.")
    return target


def _write_atomic(target: Path, html: str) -> None:
    # Same folder as the target, so os.replace is an atomic rename.
    fd, tmp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            tmp.write(html)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, 0o644)  # mkstemp makes 0600; a map is meant to be shared
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _subtitle(
    filters: EventFilters | None,
    *,
    truncated: bool,
    limit: int,
    now: dt.datetime | None,
) -> str:
    now = now or timezone.now()
    parts = ["Published events"]
    query = filters.as_query() if filters else {}
    if query:
        parts.append(
            "filters: " + ", ".join(f"{key}={value}" for key, value in query.items())
        )
    if truncated:
        parts.append(f"newest {limit} shown, more match")
    parts.append(f"exported {now.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC")
    return " · ".join(parts)
