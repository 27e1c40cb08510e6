"""Backup and restore of the curated data as one gzipped JSON file (any database)."""

import gzip
import io
import json
import os
import tempfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.db import transaction

from events.models import Event

# Order matters for restore: referenced rows first.
BACKUP_MODELS = [
    "auth.group",
    "auth.user",
    "events.eventtype",
    "events.actor",
    "events.source",
    "places.gazetteerentry",
    "places.place",
    "places.placename",
    "events.event",
    "events.eventactor",
    "events.eventsource",
    "events.eventrelation",
    "events.correction",
    "events.duplicatecandidate",
    "events.historicalactor",
    "events.historicalsource",
    "places.historicalplace",
    "events.historicalevent",
    "events.historicaleventactor",
    "events.historicaleventsource",
]


# Backups written before the places app existed name its models under events.
LEGACY_LABELS = {
    f"events.{name}": f"places.{name}"
    for name in ("gazetteerentry", "place", "placename", "historicalplace")
}


class RestoreRefused(Exception):
    """The target database already holds events; restoring would mix two data sets."""


def backup_write(*, path: Path) -> dict[str, int]:
    """Write every curated row to ``path`` (gzipped JSON) atomically; return counts."""
    counts: dict[str, int] = {}
    objects = []
    for label in BACKUP_MODELS:
        model = apps.get_model(label)
        rows = list(model._default_manager.order_by("pk"))
        counts[label] = len(rows)
        objects.extend(rows)
    payload = serializers.serialize(
        "json", objects, use_natural_foreign_keys=True, indent=None
    )
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as out:
            out.write(payload.encode())
        os.replace(tmp, path)  # never a half-written backup under the real name
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return counts


@transaction.atomic
def backup_restore(*, path: Path, force: bool = False) -> int:
    """Load a backup into this database in one transaction; returns rows written.

    Refuses a database that already has events unless ``force`` (rows with the same
    primary keys are then overwritten)."""
    if Event.objects.exists() and not force:
        raise RestoreRefused(
            "This database already has events; restore into an empty database "
            "(migrate a new one) or pass --force to overwrite rows with the same ids."
        )
    with gzip.open(path, "rb") as handle:
        rows = json.load(io.TextIOWrapper(handle, encoding="utf-8"))
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and row.get("model") in LEGACY_LABELS:
            row["model"] = LEGACY_LABELS[row["model"]]
    count = 0
    for item in serializers.deserialize("python", rows, handle_forward_references=True):
        item.save()
        count += 1
    return count
