"""What the interchange tests share: the sample files, an import and its errors and
counts, ACLED CSV written on the fly, native events and an export's snapshot."""

import csv
from pathlib import Path

import pytest

from events.models import Actor, Event, EventActor, EventSource, Source
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
    event_type,
)
from interchange import acled, files
from interchange.records import ImportRejected
from places.models import Place
from places.tests.factories import PlaceFactory

DATA = Path(__file__).parent / "data" / "interchange"


SAMPLES = {
    "acled": DATA / "acled_sample.csv",
    "ucdp": DATA / "ucdp_sample.csv",
    "geojson": DATA / "geojson_sample.geojson",
}


def _import(fmt: str, path: Path | None = None, **kwargs) -> files.ImportReport:
    return files.event_import_file(path=path or SAMPLES[fmt], fmt=fmt, **kwargs)


def _errors(fmt: str, path: Path) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        _import(fmt, path)
    return [str(error) for error in rejected.value.errors]


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Event, Place, Actor, Source, EventActor, EventSource)
    )


def _acled_csv(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    """An ACLED file with the given cells (others taken from a valid row)."""
    base = {
        "event_id_cnty": "SYR900", "event_date": "2019-07-15", "year": "2019",
        "time_precision": "1", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Actor One", "inter1": "2", "actor2": "Actor Two", "inter2": "1",
        "iso": "760", "country": "Syria", "admin1": "Idlib", "location": "Kabani",
        "latitude": "35.70", "longitude": "36.30", "geo_precision": "1",
        "source": "SOHR", "notes": "", "fatalities": "2",
    }  # fmt: skip
    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=acled.DATASET_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**base, **row})
    return path


def _native_event() -> Event:
    place = PlaceFactory(name="Tell Hamamiyat", admin1="Hama", name_ar="تل ملح")
    event = EventFactory(
        title="Opposition retakes Tell Hamamiyat",
        event_type=event_type("non-state-actor-overtakes-territory"),
        place=place,
        summary="Fighters of the NLF retook the hill; الجبهة الوطنية للتحرير",
        fatalities_best=20,
    )
    EventActorFactory(event=event, actor=ActorFactory(name="National Liberation Front"))
    EventSourceFactory(event=event, source=SourceFactory(publisher="SOHR", title="A"))
    return event


def _export(fmt: str, tmp_path: Path, **filters) -> Path:
    path = tmp_path / f"export.{fmt}"
    from events.filters import EventFilters

    files.event_export_file(fmt=fmt, path=path, filters=EventFilters(**filters))
    return path


def _snapshot(fmt: str) -> list[tuple]:
    """What a format carries about each public event (see docs/crosswalk.md)."""
    rows = []
    for event in Event.objects.published().order_by("date_start", "title"):
        links = list(event.event_actors.order_by("pk"))
        if fmt == "ucdp":  # two sides only
            side_a = [lk for lk in links if lk.role in ("initiator", "party")][:1]
            side_b = [
                lk
                for lk in links
                if lk.role in ("target", "victim")
                or (lk.role == "party" and lk not in side_a)
            ][:1]
            links = side_a + side_b
        sources = event.event_sources.select_related("source")
        if fmt == "acled":
            cited = sorted({link.source.publisher for link in sources})
        elif fmt == "ucdp":
            cited = sorted({(lk.source.publisher, lk.source.title) for lk in sources})
        else:
            cited = sorted(
                (lk.source.publisher, lk.source.title, lk.stance, lk.quote)
                for lk in sources
            )
        place = event.place
        rows.append(
            (
                event.title,
                event.summary,
                event.event_type.slug,
                event.date_start,
                event.date_end,
                event.date_precision,
                event.fatalities_best,
                place.name,
                place.country_code,
                place.admin1,
                place.name_ar,
                tuple(round(c, 4) for c in place.location.coords),
                sorted((link.actor.name, link.role) for link in links),
                cited,
            )
        )
    return rows
