"""Backup and restore of the curated data as one gzipped JSON file (any database)."""

import gzip
import json
import os
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
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


# Never in a backup, whatever a file says: a restore must not plant sessions, admin
# log rows, permissions or content types (they come from migrations and logins).
USER_MODEL = "auth.user"
CHUNK_BYTES = 1 << 20


class RestoreRefused(Exception):
    """The backup cannot be restored here: the database already holds events, or the
    file holds rows a backup never has, or is too large once decompressed."""


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


def _read_bounded(path: Path, limit: int) -> bytes:
    """The decompressed file, read in chunks; RestoreRefused past ``limit`` bytes (a
    small file can decompress to gigabytes)."""
    parts: list[bytes] = []
    size = 0
    with gzip.open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise RestoreRefused(
                    f"{path} decompresses to more than {limit} bytes "
                    "(RESTORE_MAX_BYTES); raise the limit if the backup is genuine."
                )
            parts.append(chunk)
    return b"".join(parts)


def _checked_rows(rows: object, *, with_users: bool) -> list[dict]:
    """The backup's rows with legacy labels mapped; RestoreRefused when any row is of
    a model a backup never holds, or (without ``with_users``) a staff or superuser
    account. Group permissions are never taken from a file: the migrations own them."""
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValueError("a backup is a JSON list of objects")
    allowed = set(BACKUP_MODELS)
    foreign: set[str] = set()
    privileged: list[str] = []
    for row in rows:
        label = str(row.get("model", "")).lower()
        label = LEGACY_LABELS.get(label, label)
        row["model"] = label
        fields = row.get("fields")
        if label not in allowed or not isinstance(fields, dict):
            foreign.add(label[:60])
            continue
        if label == "auth.group":
            fields.pop("permissions", None)
        if label == USER_MODEL and not with_users:
            fields.pop("user_permissions", None)
            if fields.get("is_staff") or fields.get("is_superuser"):
                privileged.append(str(fields.get("username", row.get("pk")))[:60])
    if foreign:
        raise RestoreRefused(
            "The file holds rows a backup never has (nothing was restored): "
            + ", ".join(sorted(foreign))
        )
    if privileged:
        raise RestoreRefused(
            f"The backup holds {len(privileged)} staff or superuser account(s) "
            f"({', '.join(privileged[:5])}); restoring them gives their passwords "
            "admin access here. Check the file, then pass --with-users (nothing was "
            "restored)."
        )
    return rows


@transaction.atomic
def backup_restore(
    *,
    path: Path,
    force: bool = False,
    with_users: bool = False,
    max_bytes: int | None = None,
) -> int:
    """Load a backup into this database in one transaction; returns rows written.

    Refuses a database that already has events unless ``force`` (rows with the same
    primary keys are then overwritten); only BACKUP_MODELS rows, staff and superuser
    accounts only ``with_users``; at most ``max_bytes`` decompressed (RestoreRefused)."""
    if Event.objects.exists() and not force:
        raise RestoreRefused(
            "This database already has events; restore into an empty database "
            "(migrate a new one) or pass --force to overwrite rows with the same ids."
        )
    limit = settings.RESTORE_MAX_BYTES if max_bytes is None else max_bytes
    rows = _checked_rows(json.loads(_read_bounded(path, limit)), with_users=with_users)
    count = 0
    for item in serializers.deserialize("python", rows, handle_forward_references=True):
        item.save()
        count += 1
    return count
