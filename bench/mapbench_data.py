"""Synthetic Syrian events for bench/mapbench.py: places spread around real towns,
types, actors and bursts, generated from a seed and written to the database in bulk."""

from __future__ import annotations

import datetime as dt
import time

import numpy as np

FIRST_DAY = dt.date(2014, 1, 1)


DAYS = 3652  # ten years


SYRIA = (35.6, 32.3, 42.4, 37.35)  # min_lon, min_lat, max_lon, max_lat


SEED = 20110315


# (name, lon, lat, weight, spread in km): real towns, rough conflict intensity.
TOWNS = [
    ("Aleppo", 37.16, 36.20, 10, 6),
    ("Idlib", 36.63, 35.93, 8, 5),
    ("Damascus", 36.29, 33.51, 8, 6),
    ("Douma", 36.40, 33.57, 5, 3),
    ("Darayya", 36.23, 33.46, 2, 2),
    ("Homs", 36.72, 34.73, 7, 5),
    ("Hama", 36.75, 35.13, 5, 4),
    ("Raqqa", 39.01, 35.95, 5, 4),
    ("Deir ez-Zor", 40.14, 35.33, 5, 5),
    ("Daraa", 36.10, 32.62, 5, 4),
    ("Latakia", 35.78, 35.52, 3, 5),
    ("Tartus", 35.89, 34.89, 1, 3),
    ("As-Suwayda", 36.57, 32.71, 2, 4),
    ("Qamishli", 41.23, 37.05, 2, 4),
    ("Hasakah", 40.75, 36.50, 3, 4),
    ("Manbij", 37.95, 36.53, 3, 4),
    ("Al-Bab", 37.52, 36.37, 3, 3),
    ("Azaz", 37.05, 36.59, 2, 3),
    ("Afrin", 36.87, 36.51, 2, 4),
    ("Kobani", 38.35, 36.89, 2, 3),
    ("Palmyra", 38.27, 34.56, 2, 6),
    ("Saraqib", 36.80, 35.86, 3, 2),
    ("Maarat al-Numan", 36.67, 35.64, 4, 3),
    ("Khan Shaykhun", 36.64, 35.44, 3, 2),
    ("Jisr al-Shughur", 36.32, 35.81, 2, 3),
    ("Ariha", 36.61, 35.81, 2, 2),
    ("Kafr Nabudah", 36.51, 35.44, 1, 2),
    ("al-Lataminah", 36.62, 35.32, 1, 2),
    ("Salamiyah", 37.05, 35.01, 1, 3),
    ("Al-Qusayr", 36.58, 34.51, 1, 2),
    ("Zabadani", 36.10, 33.72, 1, 2),
    ("Al-Mayadin", 40.45, 35.02, 2, 3),
    ("Abu Kamal", 40.92, 34.45, 2, 3),
    ("Tal Abyad", 38.95, 36.70, 1, 3),
    ("Ras al-Ayn", 40.07, 36.85, 1, 3),
    ("Nawa", 36.04, 32.89, 1, 2),
    ("Busra al-Sham", 36.48, 32.52, 1, 2),
    ("Quneitra", 35.82, 33.13, 1, 3),
]


TOP_WEIGHTS = {
    "explosions-remote-violence": 0.40,
    "battles": 0.30,
    "strategic-developments": 0.12,
    "violence-against-civilians": 0.10,
    "protests": 0.06,
    "riots": 0.02,
}


ACTORS = [
    ("Syrian Arab Army", "state_forces", None),
    ("Russian armed forces", "foreign_forces", None),
    ("Hayat Tahrir al-Sham", "rebel_group", None),
    ("National Front for Liberation", "rebel_coalition", None),
    ("Jaysh al-Nasr", "rebel_group", "National Front for Liberation"),
    ("Faylaq al-Sham", "rebel_group", "National Front for Liberation"),
    ("Syrian Democratic Forces", "militia", None),
    ("Islamic State", "rebel_group", None),
    ("Turkish armed forces", "foreign_forces", None),
    ("Civilians", "civilians", None),
    ("Hezbollah", "militia", None),
    ("Syrian National Army", "rebel_coalition", None),
]


# --- data -----------------------------------------------------------------------------
def spread_events(rng: np.random.Generator, n_events: int, n_places: int) -> tuple:
    """(place's town, lon, lat; event's place, day, top type) of the synthetic data:
    places around real towns, Pareto-weighted, ten years with bursts, ACLED-like type
    shares (bench/gridsums.py builds its rows from the same draws)."""
    weights = np.array([t[3] for t in TOWNS], dtype=float)
    town = rng.choice(len(TOWNS), n_places, p=weights / weights.sum())
    spread = np.array([t[4] for t in TOWNS])[town] / 111.0
    lat = np.array([t[2] for t in TOWNS])[town] + rng.normal(0, 1, n_places) * spread
    lon = (
        np.array([t[1] for t in TOWNS])[town]
        + rng.normal(0, 1, n_places) * spread / 0.82
    )
    place_weight = rng.pareto(1.2, n_places) + 1
    place = rng.choice(n_places, n_events, p=place_weight / place_weight.sum())
    # 70 % spread over ten years, 30 % in bursts (offensives) of a few weeks.
    bursts = rng.integers(0, DAYS, 40)
    day = rng.integers(0, DAYS, n_events)
    in_burst = rng.random(n_events) < 0.3
    day[in_burst] = np.clip(
        bursts[rng.integers(0, 40, in_burst.sum())] + rng.normal(0, 15, in_burst.sum()),
        0,
        DAYS - 1,
    ).astype(int)
    top = rng.choice(len(TOP_WEIGHTS), n_events, p=list(TOP_WEIGHTS.values()))
    return town, lon, lat, place, day, top


def generate(n_events: int, n_places: int = 0) -> dict:
    """Deterministic synthetic events: places around real towns, ten years, bursts.

    ``n_places``: 0 for one place per 40 events (300 to 25,000)."""
    from events.models import EventType

    rng = np.random.default_rng(SEED)
    n_places = n_places or int(min(max(n_events // 40, 300), 25_000))
    town, lon, lat, place, day, top = spread_events(rng, n_events, n_places)
    tops = list(TOP_WEIGHTS)
    children = {
        slug: list(
            EventType.objects.filter(parent__slug=slug).values_list("pk", "name")
        )
        for slug in tops
    }
    pick = rng.integers(0, 100, n_events)
    type_ids = np.empty(n_events, dtype=np.int64)
    type_names = []
    for i, t in enumerate(top.tolist()):
        pk, name = children[tops[t]][pick[i] % len(children[tops[t]])]
        type_ids[i] = pk
        type_names.append(name)
    duration = np.where(rng.random(n_events) < 0.1, rng.integers(1, 30, n_events), 0)
    status = rng.choice(
        ["published", "draft", "retracted"], n_events, p=[0.95, 0.03, 0.02]
    )
    return {
        "place_lon": lon,
        "place_lat": lat,
        "place_town": town,
        "event_place": place,
        "event_day": day,
        "event_duration": duration,
        "event_type": type_ids,
        "event_type_name": type_names,
        "event_status": status,
        "event_disputed": rng.random(n_events) < 0.05,
        "event_fatalities": rng.poisson(2, n_events),
        "event_actors": rng.integers(0, len(ACTORS), (n_events, 2)),
        "event_n_actors": rng.integers(1, 3, n_events),
    }


def _rows(data: dict):
    """Places, events and event-actor rows as tuples (ids from 1); the events and
    links as generators (10M events do not fit in memory as tuples)."""
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC).isoformat()
    places = [
        (i + 1, f"{TOWNS[t][0]} area {i}", TOWNS[t][0], float(lon), float(lat))
        for i, (t, lon, lat) in enumerate(
            zip(
                data["place_town"].tolist(),
                data["place_lon"].tolist(),
                data["place_lat"].tolist(),
                strict=True,
            )
        )
    ]
    return places, _event_rows(data, now), _link_rows(data)


ROW_CHUNK = 200_000  # events turned into Python rows at a time (10M as one list: GBs)


def _event_rows(data: dict, now: str):
    town_of = data["place_town"]
    first = FIRST_DAY.toordinal()
    n = len(data["event_place"])
    for lo in range(0, n, ROW_CHUNK):
        part = slice(lo, lo + ROW_CHUNK)
        for i, (p, d, dur, t, name, status, disputed, fat) in enumerate(
            zip(
                data["event_place"][part].tolist(),
                data["event_day"][part].tolist(),
                data["event_duration"][part].tolist(),
                data["event_type"][part].tolist(),
                data["event_type_name"][part],
                data["event_status"][part].tolist(),
                data["event_disputed"][part].tolist(),
                data["event_fatalities"][part].tolist(),
                strict=True,
            ),
            start=lo,
        ):
            start = dt.date.fromordinal(first + d)
            end = start + dt.timedelta(days=dur) if dur else None
            yield (
                i + 1,
                f"{name} near {TOWNS[town_of[p]][0]}",
                start,
                end,
                t,
                p + 1,
                status,
                disputed,
                fat,
                now,
            )


def _link_rows(data: dict):
    link_id = 0
    n = len(data["event_n_actors"])
    for lo in range(0, n, ROW_CHUNK):
        part = slice(lo, lo + ROW_CHUNK)
        for i, (pair, k) in enumerate(
            zip(
                data["event_actors"][part].tolist(),
                data["event_n_actors"][part].tolist(),
                strict=True,
            ),
            start=lo,
        ):
            for actor in dict.fromkeys(pair[:k]):
                link_id += 1
                yield (link_id, i + 1, actor + 1)


EVENT_COLUMNS = (
    "id, title, summary, date_start, date_end, date_precision, event_type_id, place_id, "
    "status, retraction_reason, external_dataset, external_id, disputed, "
    "fatalities_best, created_at, updated_at, version, import_note, import_hash"
)


PLACE_COLUMNS = (
    "id, name, name_ar, feature_type, country_code, admin1, admin2, location, "
    "precision, geocode_status, provenance, gazetteer_id, geocode_label, "
    "geocode_error, geocode_candidates, geocode_attempts"
)


def load(data: dict, *, postgis: bool) -> dict:
    """Replace the bench database's events, places and actors with ``data``."""
    from django.db import connection, transaction

    from maps.clusters import state as cluster_state

    started = time.perf_counter()
    places, events, links = _rows(data)
    if not postgis:
        events, links = list(events), list(links)
    n_events = n_links = 0
    actors = [
        (i + 1, name, kind, "[]", "", "") for i, (name, kind, _) in enumerate(ACTORS)
    ]
    parents = {name: i + 1 for i, (name, _, _) in enumerate(ACTORS)}
    with transaction.atomic(), connection.cursor() as cursor:
        if postgis:
            cursor.execute(
                "TRUNCATE events_eventactor, events_event, events_place, events_actor "
                "RESTART IDENTITY CASCADE"
            )
            raw = cursor.cursor
            with raw.copy(
                "COPY events_actor (id, name, kind, aliases, name_ar, country_code, "
                "description, version) FROM STDIN"
            ) as copy:
                for row in actors:
                    copy.write_row((*row, "", 0))
            with raw.copy(f"COPY events_place ({PLACE_COLUMNS}) FROM STDIN") as copy:
                for pk, name, admin1, lon, lat in places:
                    copy.write_row(
                        (pk, name, "", "village", "SY", admin1, "")
                        + (f"SRID=4326;POINT({lon:.6f} {lat:.6f})", 1, "done", "")
                        + ("", "", "", "[]", 0)
                    )
            with raw.copy(f"COPY events_event ({EVENT_COLUMNS}) FROM STDIN") as copy:
                for pk, title, start, end, t, p, status, disputed, fat, now in events:
                    n_events += 1
                    copy.write_row(
                        (pk, title, "", start, end, "day", t, p, status, "", "", "")
                        + (disputed, fat, now, now, 0, "", "")
                    )
            with raw.copy(
                "COPY events_eventactor (id, event_id, actor_id, role) FROM STDIN"
            ) as copy:
                for row in links:
                    n_links += 1
                    copy.write_row((*row, "initiator"))
            for table in (
                "events_actor",
                "events_place",
                "events_event",
                "events_eventactor",
            ):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        else:
            for table in (
                "events_eventactor",
                "events_event",
                "events_place",
                "events_actor",
            ):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            cursor.executemany(
                "INSERT INTO events_actor (id, name, kind, aliases, name_ar, "
                "country_code, description, version) "
                "VALUES (%s, %s, %s, %s, %s, %s, '', 0)",
                actors,
            )
            cursor.executemany(
                f"INSERT INTO events_place ({PLACE_COLUMNS}) VALUES (%s, %s, '', "
                "'village', 'SY', %s, '', GeomFromText(%s, 4326), 1, 'done', '', '', "
                "'', '', '[]', 0)",
                [
                    (pk, name, admin1, f"POINT({lon:.6f} {lat:.6f})")
                    for pk, name, admin1, lon, lat in places
                ],
            )
            for i in range(0, len(events), 50_000):
                cursor.executemany(
                    f"INSERT INTO events_event ({EVENT_COLUMNS}) VALUES (%s, %s, '', "
                    "%s, %s, 'day', %s, %s, %s, '', '', '', %s, %s, %s, %s, 0, '', '')",
                    [
                        (pk, title, start, end, t, p, status, disputed, fat, now, now)
                        for pk, title, start, end, t, p, status, disputed, fat, now in events[
                            i : i + 50_000
                        ]
                    ],
                )
            cursor.executemany(
                "INSERT INTO events_eventactor (id, event_id, actor_id, role) "
                "VALUES (%s, %s, %s, 'initiator')",
                links,
            )
            n_events, n_links = len(events), len(links)
        # One place in ten has an area (a ~500 m disc): the control layer outlines it.
        cursor.execute(
            "UPDATE events_place SET area = ST_Multi(ST_Buffer(location, 0.005)) "
            "WHERE id - (id / 10) * 10 = 0"
            if postgis
            else "UPDATE events_place SET area = CastToMultiPolygon("
            "ST_Buffer(location, 0.005)) WHERE id - (id / 10) * 10 = 0"
        )
        for name, _, parent in ACTORS:
            if parent:
                cursor.execute(
                    "UPDATE events_actor SET parent_id = %s WHERE name = %s",
                    [parents[parent], name],
                )
        cursor.execute("ANALYZE" if postgis else "ANALYZE")
    cluster_state.index_reset()
    return {
        "places": len(places),
        "events": n_events,
        "actor_links": n_links,
        "load_s": time.perf_counter() - started,
    }
