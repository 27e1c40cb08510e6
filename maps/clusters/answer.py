"""The answer of a cluster query: clusters and lone events at one zoom, capped at
CLUSTER_LIMIT (largest clusters kept); the empty answer."""

import numpy as np

from maps.clusters import grid


def no_clusters(n_tops: int):
    nothing = np.empty(0)
    return (
        nothing,
        nothing,
        nothing.astype(np.int64),
        np.empty((0, n_tops)),
        np.empty((0, 4)),
    )


def empty_answer(zoom: int) -> dict:
    return make_answer(zoom, *no_clusters(1), np.empty(0, dtype=np.int64), total=0)


def make_answer(zoom, lon, lat, count, by_type, bboxes, events, *, total: int) -> dict:
    truncated = False
    if len(count) > grid.CLUSTER_LIMIT:
        top = np.argsort(-count, kind="stable")[: grid.CLUSTER_LIMIT]
        top.sort()
        lon, lat, count, by_type, bboxes = (
            lon[top],
            lat[top],
            count[top],
            by_type[top],
            bboxes[top],
        )
        truncated = True
    # One per cell at cluster zooms: rarely reached.
    if len(events) > grid.CLUSTER_LIMIT:
        events, truncated = events[: grid.CLUSTER_LIMIT], True
    return {
        "zoom": zoom,
        "lon": lon,
        "lat": lat,
        "count": count,
        "by_type": by_type,
        "bbox": bboxes,
        "events": events,
        "total": total,
        "truncated": truncated,
    }
