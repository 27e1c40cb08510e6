"""Backup and restore: a round trip keeps every row, geometry and history."""

import gzip

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from events import services
from events.models import Event
from events.tests.factories import EventFactory, EventSourceFactory
from interchange import backup
from places.models import Place

pytestmark = pytest.mark.django_db


def _wipe() -> None:
    """Leave the database as a fresh migrate would: no curated rows, no history."""
    labels = [
        label
        for label in reversed(backup.BACKUP_MODELS)
        if label not in ("auth.group", "events.eventtype")
    ]
    # Deleting rows writes history, so the history tables go last.
    for label in sorted(labels, key=lambda label: "historical" in label):
        apps.get_model(label)._default_manager.all().delete()


def test_round_trip_restores_events_places_history_and_users(tmp_path):
    reviewer = User.objects.create_user("reviewer", is_superuser=True)
    event = EventFactory(title="Capture of the hilltops")
    EventSourceFactory(event=event, stance="denies", quote="«لا» — none at present")
    services.event_retract(event=event, reason="Wrong date", user=reviewer)
    point = event.place.location.coords
    history_count = event.history.count()
    path = tmp_path / "backup.json.gz"
    call_command("backup", out=path)
    _wipe()
    assert not Event.objects.exists()
    call_command("restore", path, with_users=True)  # the reviewer is a superuser
    restored = Event.objects.get(title="Capture of the hilltops")
    assert restored.status == Event.Status.RETRACTED
    assert restored.place.location.coords == pytest.approx(point)
    assert restored.event_sources.get().quote == "«لا» — none at present"
    assert restored.history.count() == history_count
    assert restored.corrections.get().created_by.username == "reviewer"


def test_restore_refuses_a_database_with_events(tmp_path):
    EventFactory()
    path = tmp_path / "backup.json.gz"
    call_command("backup", out=path)
    with pytest.raises(CommandError, match="already has events"):
        call_command("restore", path)


def test_a_broken_backup_is_reported_and_writes_nothing(tmp_path):
    path = tmp_path / "broken.json.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(
            b'[{"model": "events.actor", "pk": 1, "fields": {"name": "A", "kind"'
        )
    with pytest.raises(CommandError, match="not a readable backup"):
        call_command("restore", path)
    not_gzip = tmp_path / "plain.txt"
    not_gzip.write_text("hello")
    with pytest.raises(CommandError, match="not a readable backup"):
        call_command("restore", not_gzip)


def test_restore_is_atomic(tmp_path):
    EventFactory(title="Kept")
    path = tmp_path / "backup.json.gz"
    call_command("backup", out=path)
    _wipe()
    raw = gzip.decompress(path.read_bytes()).replace(b'"Kept"', b'"Kept"', 1)
    # Break the last object so the failure comes after earlier rows were saved.
    broken = raw.rstrip(b"]") + b', {"model": "events.event", "pk": 9, "fields": {}}]'
    path.write_bytes(gzip.compress(broken))
    with pytest.raises(CommandError):
        call_command("restore", path)
    assert not Event.objects.exists()
    assert not Place.objects.exists()
