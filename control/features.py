"""A control period's GeoJSON Feature, encoded from the index's columns when an answer
returns it: the place's part (point, outline, names, history link) is encoded once
per place, the period's properties per request; the bytes are those of orjson.dumps
of the whole Feature (orjson writes no whitespace)."""

from __future__ import annotations

import datetime as dt
import functools

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


@functools.lru_cache(maxsize=65536)
def _day(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


@functools.lru_cache(maxsize=65536)
def _label(start: int, uncertain_until: int) -> str:
    first = dt.date.fromordinal(start)
    if uncertain_until:
        last = dt.date.fromordinal(uncertain_until)
        return f"between {first:%-d %B %Y} and {last:%-d %B %Y}"
    return f"{first:%-d %B %Y}"


def period_part(
    *,
    state: str,
    controller_id: int,
    actor_ids: list[int],
    start: int,
    until: int,
    uncertain_until: int,
    precision: str,
    disputed: bool,
    event_ids: list[int],
    observation_ids: list[int],
    names: dict[int, dict],
) -> bytes:
    """A period's properties, between its place's head and tail (dates as ordinals,
    0 for none; ``controller_id`` 0 for none): those date_label and the Period's
    fields give, the day strings and labels kept per day."""
    return orjson.dumps(
        {
            "state": state,
            "coalition": names.get(controller_id) if controller_id else None,
            "actors": [names[a] for a in actor_ids if a in names],
            "color": CONTESTED_COLOR
            if state == derive.CONTESTED
            else coalition_color(controller_id)
            if state == derive.HELD
            else UNKNOWN_COLOR,
            "since": _day(start),
            "since_label": _label(start, uncertain_until),
            "until": _day(until) if until else None,
            "uncertain_until": _day(uncertain_until) if uncertain_until else None,
            "precision": precision,
            "disputed": disputed,
            "event_ids": event_ids,
            "observation_ids": observation_ids,
        }
    )[1:-1]
