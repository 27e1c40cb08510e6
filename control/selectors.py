"""Public reads of territorial control: changes, each place's periods, control on a date.

Built from published territory-change events on located places (their initiator
takes the place) and published curator observations; kept per data version."""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
import orjson
from django.conf import settings
from django.db import connection
from django.urls import reverse

from control import derive, live, store
from control.columns import Periods
from control.features import (
    CONTESTED_COLOR,
    UNKNOWN_COLOR,
    coalition_color,
    place_parts,
)
from control.index import CONTESTED_GROUP, UNKNOWN_GROUP, ControlIndex, Part
from control.layered import Layered, with_places
from control.models import ControlObservation
from events import dataversion, selectors, shared_index
from events.models import Actor, Event, EventActor
from places.models import Place

TERRITORY_TYPES = (
    "government-regains-territory",
    "non-state-actor-overtakes-territory",
    "non-violent-transfer-of-territory",
)
CHUNK = 20_000  # rows a read of the changes fetches at a time
AREA_TOLERANCE = 0.0001  # degrees (~10 m): outlines are simplified this much


def event_taken_by(event: Event) -> Actor | None:
    """Who took ``event``'s place, for a territory change: its first initiator, as the
    control layer reads it (None otherwise). Uses the prefetched event_actors."""
    if event.event_type.slug not in TERRITORY_TYPES:
        return None
    initiators = [
        link
        for link in event.event_actors.all()
        if link.role == EventActor.Role.INITIATOR
    ]
    return min(initiators, key=lambda link: link.pk).actor if initiators else None


def _tops() -> dict[int, int]:
    """Each actor's coalition: the top of its parent chain (cycles stop the walk)."""
    parent = dict(Actor.objects.values_list("pk", "parent_id"))
    tops: dict[int, int] = {}
    for pk in parent:
        seen, node = {pk}, pk
        while parent.get(node) and parent[node] not in seen:
            node = parent[node]
            seen.add(node)
        tops[pk] = node
    return tops


def control_changes_public(
    place_ids: frozenset[int] | None = None,
) -> list[derive.Change]:
    """Changes the public may see: published territory events and observations (at
    ``place_ids`` only, when given)."""
    tops = _tops()
    events = Event.objects.published().filter(
        place__location__isnull=False, event_type__slug__in=TERRITORY_TYPES
    )
    observations = ControlObservation.objects.filter(
        status=ControlObservation.Status.PUBLISHED, place__location__isnull=False
    )
    if place_ids is not None:
        events = events.filter(place_id__in=sorted(place_ids))
        observations = observations.filter(place_id__in=sorted(place_ids))
    initiator: dict[int, int] = {}
    # The events as a subquery, not a list of their ids: at 10M events (~2M of
    # territory types) the list made one statement of millions of parameters; read
    # this way the changes take 1.2 GB. Both are read in chunks (a server-side cursor
    # on PostgreSQL), not as lists of millions of rows next to the changes.
    links = EventActor.objects.filter(
        event_id__in=events.values("pk"), role=EventActor.Role.INITIATOR
    ).order_by("-pk")
    for event_id, actor_id in links.values_list("event_id", "actor_id").iterator(
        chunk_size=CHUNK
    ):
        initiator[event_id] = actor_id  # the first initiator wins (reverse order)
    rows = events.values_list(
        "pk", "place_id", "date_start", "date_end", "date_precision", "disputed"
    ).iterator(chunk_size=CHUNK)
    changes = []
    for pk, place_id, start, end, precision, disputed in rows:
        actor = initiator.get(pk)
        changes.append(
            derive.Change(
                place_id=place_id,
                start=start,
                end=end or selectors.precision_end(start, precision),
                precision=precision,
                state=derive.HELD if actor else derive.UNKNOWN,
                controller_id=tops.get(actor) if actor else None,
                actor_id=actor,
                disputed=disputed,
                event_id=pk,
            )
        )
    observations = observations.values_list(
        "pk", "place_id", "observed_on", "precision", "state", "controller_id"
    )
    for pk, place_id, day, precision, state, actor in observations:
        changes.append(
            derive.Change(
                place_id=place_id,
                start=day,
                end=selectors.precision_end(day, precision),
                precision=precision,
                state=state,
                controller_id=tops.get(actor) if actor else None,
                actor_id=actor,
                observation_id=pk,
            )
        )
    return changes


def _area_json(area) -> dict | None:
    """A place's outline as a GeoJSON MultiPolygon, simplified to ~10 m and rounded, so a
    detailed boundary does not swell every answer that shows the place."""
    if area is None or area.empty:
        return None
    simple = area.simplify(AREA_TOLERANCE, preserve_topology=True)
    geometry = orjson.loads(simple.json)

    def rounded(coords):
        if coords and isinstance(coords[0], float | int):
            return [round(c, 5) for c in coords]
        return [rounded(c) for c in coords]

    coordinates = rounded(geometry["coordinates"])
    if geometry["type"] == "Polygon":  # simplify() unwraps a one-part MultiPolygon
        coordinates = [coordinates]
    return {"type": "MultiPolygon", "coordinates": coordinates}


def _build(version: int) -> ControlIndex:
    """The whole index, at data ``version`` (read before the data)."""
    started = time.monotonic()
    index = ControlIndex.of(
        version, _encode(derive.periods_of(control_changes_public()))
    )
    index.built_at, index.built_wall = time.monotonic(), time.time()
    index.build_s = index.built_at - started
    return index


def _apply(
    index: ControlIndex | Layered,
    events: frozenset[int],
    place_ids: frozenset[int],
    version: int,
) -> Layered:
    """``index`` with the periods of the places the written ``events`` and
    ``place_ids`` touch derived again: an event's place now and the place whose
    period it justified (it may have moved, or left the public record)."""
    touched = set(place_ids)
    touched.update(index.places_justified_by(events))
    if events:
        touched.update(
            Event.objects.filter(pk__in=sorted(events)).values_list(
                "place_id", flat=True
            )
        )
    touched.discard(None)
    if not touched:
        return with_places(index, version, frozenset(), _encode({}))
    frozen = frozenset(touched)
    return with_places(
        index,
        version,
        frozen,
        _encode(derive.periods_of(control_changes_public(frozen))),
    )


def _encode(periods: dict[int, list[derive.Period]]) -> Part:
    """These places' periods as columns, with what their Features need (each place's
    head and tail, the actors' names): no Feature is encoded here."""
    places = {
        p["pk"]: p
        for p in Place.objects.filter(pk__in=list(periods)).values(
            "pk", "name", "name_ar", "location", "area"
        )
    }
    actor_ids = {
        a
        for ps in periods.values()
        for p in ps
        for a in [p.controller_id, *p.actor_ids]
    }
    names = {
        pk: {"id": pk, "name": name, "name_ar": name_ar}
        for pk, name, name_ar in Actor.objects.filter(pk__in=actor_ids).values_list(
            "pk", "name", "name_ar"
        )
    }
    order = sorted(places)
    heads, tails, in_order = [], [], []
    extent = np.empty((len(order), 4))
    history_url = reverse("events:api-place-control", args=[0])
    point_of = np.empty((len(order), 2))
    for rank, pk in enumerate(order):
        place = places[pk]
        point, area = place.pop("location"), place.pop("area")
        lon, lat = point.coords  # one GEOS call, not one per use
        place["lon"], place["lat"] = round(lon, 6), round(lat, 6)
        place["area"] = _area_json(area)
        # reverse() per place cost a third of the build at 25k places.
        place["history_url"] = history_url.replace("/0/", f"/{pk}/")
        head, tail = place_parts(place)
        heads.append(head)
        tails.append(tail)
        point_of[rank] = (lon, lat)
        extent[rank] = (lon, lat, lon, lat)
        if area is not None and not area.empty:
            min_lon, min_lat, max_lon, max_lat = area.extent
            extent[rank] = (
                min(lon, min_lon),
                min(lat, min_lat),
                max(lon, max_lon),
                max(lat, max_lat),
            )
        in_order.extend(periods[pk])
    groups = [_group(period) for period in in_order]
    return Part(
        place_ids=np.array(order, dtype=np.int64),
        extent=extent,
        point=point_of,
        heads=heads,
        tails=tails,
        rows=Periods.of(in_order, groups),
        groups={code: _group_json(code, names) for code in set(groups)},
        names=names,
    )


def _group(period: derive.Period) -> int:
    """What a summarised view colours by: the coalition, or contested / unknown."""
    if period.state == derive.HELD and period.controller_id:
        return period.controller_id
    return CONTESTED_GROUP if period.state == derive.CONTESTED else UNKNOWN_GROUP


def _group_json(code: int, names: dict[int, dict]) -> dict:
    if code == CONTESTED_GROUP:
        return {"state": derive.CONTESTED, "coalition": None, "color": CONTESTED_COLOR}
    if code == UNKNOWN_GROUP:
        return {"state": derive.UNKNOWN, "coalition": None, "color": UNKNOWN_COLOR}
    color = coalition_color(code)
    return {"state": derive.HELD, "coalition": names.get(code), "color": color}


def control_index() -> ControlIndex | Layered:
    """The process's control index for the current data version: the machine's
    mapped whole build (control.store), the places written since derived again by
    this process (control.layered); a whole rebuild runs in a thread (control.live)."""
    return live.index_get(_build, _apply)


def control_index_publish() -> str:
    """Build the whole index from the database and publish it as the machine's
    current one (control.store; the caller holds the build lock); its name."""
    root = shared_index.root_for(
        settings.MAP_INDEX_DIR, connection.settings_dict, store.KIND
    )
    if root is None:
        raise ValueError("MAP_INDEX_DIR is empty: no shared index to publish")
    root.mkdir(parents=True, exist_ok=True)
    return store.publish(root, _build(dataversion.clusters_version()))


def control_geojson_public(*, day: dt.date, bbox: tuple | None) -> bytes:
    """FeatureCollection of every place's controller on ``day`` (in ``bbox``); past
    CONTROL_MAX_PLACES places, one Feature per grid cell and controller instead
    (``"aggregated": true``), so the answer stays small whatever the view holds."""
    index = control_index()
    positions = index.in_force(day, bbox)
    aggregated = len(positions) > settings.CONTROL_MAX_PLACES
    if aggregated:
        features = index.cells(positions, day, bbox)
    else:
        features = index.encoded(positions)
    head = b'{"type":"FeatureCollection","date":"%s","aggregated":%s,"places":%d,' % (
        day.isoformat().encode(),
        b"true" if aggregated else b"false",
        len(positions),
    )
    return head + b'"features":[' + b",".join(features) + b"]}"


def control_features_public(
    *, day: dt.date, bbox: tuple | None, limit: int
) -> list[dict]:
    """Every place's controller on ``day`` in ``bbox`` as Feature dicts (at most
    ``limit``; never aggregated): what an export draws."""
    index = control_index()
    return [orjson.loads(f) for f in index.encoded(index.in_force(day, bbox)[:limit])]
