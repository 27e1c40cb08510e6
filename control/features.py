"""A control period's GeoJSON Feature, encoded from the index's columns when an answer
returns it: the place's part (point, outline, names, history link) is encoded once
per place, the period's properties per request; the bytes are those of orjson.dumps
of the whole Feature (orjson writes no whitespace)."""

from __future__ import annotations

import orjson

from control import derive

# Controllers are coloured by coalition: a stable colour per coalition id.
PALETTE = (
    "#c0392b",
    "#27ae60",
    "#2c7fb8",
    "#8e44ad",
    "#d35400",
    "#16a085",
    "#b7950b",
    "#7f8c8d",
    "#e84393",
    "#34495e",
)
CONTESTED_COLOR = "#f1c40f"
UNKNOWN_COLOR = "#bdc3c7"


def coalition_color(coalition_id: int | None) -> str:
    return PALETTE[coalition_id % len(PALETTE)] if coalition_id else UNKNOWN_COLOR


def date_label(period: derive.Period) -> str:
    if period.uncertain_until:
        first, last = period.start, period.uncertain_until
        return f"between {first:%-d %B %Y} and {last:%-d %B %Y}"
    return f"{period.start:%-d %B %Y}"


def place_parts(place: dict) -> tuple[bytes, bytes]:
    """What every Feature of ``place`` starts and ends with (``place``: pk, lon, lat,
    area as GeoJSON, name, name_ar, history_url)."""
    head = orjson.dumps(
        {
            "type": "Feature",
            "id": place["pk"],
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": {
                # The outline to colour where the place has one (GeoJSON geometry);
                # the point stays the Feature's geometry for existing clients.
                "area": place["area"],
                "place_id": place["pk"],
                "place": place["name"],
                "place_ar": place["name_ar"],
            },
        }
    )
    tail = orjson.dumps({"history_url": place["history_url"]})
    return head[:-2] + b",", b"," + tail[1:] + b"}"


def period_part(period: derive.Period, names: dict[int, dict]) -> bytes:
    """The period's properties, between the place's head and tail."""
    coalition = names.get(period.controller_id) if period.controller_id else None
    actors = [names[a] for a in period.actor_ids if a in names]
    color = (
        CONTESTED_COLOR
        if period.state == derive.CONTESTED
        else coalition_color(period.controller_id)
        if period.state == derive.HELD
        else UNKNOWN_COLOR
    )
    return orjson.dumps(
        {
            "state": period.state,
            "coalition": coalition,
            "actors": actors,
            "color": color,
            "since": period.start.isoformat(),
            "since_label": date_label(period),
            "until": period.until.isoformat() if period.until else None,
            "uncertain_until": (
                period.uncertain_until.isoformat() if period.uncertain_until else None
            ),
            "precision": period.precision,
            "disputed": period.disputed,
            "event_ids": period.event_ids,
            "observation_ids": period.observation_ids,
        }
    )[1:-1]
