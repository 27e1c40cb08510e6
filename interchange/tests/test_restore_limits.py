"""restore loads only what a backup holds: no planted admins, sessions or log rows,
and a bounded amount of decompressed data (issue 11)."""

import gzip
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command

from events.models import Event
from events.tests.factories import EventFactory
from places.models import Place

pytestmark = pytest.mark.django_db

PLANTED_ADMIN = {
    "model": "auth.user",
    "pk": 900,
    "fields": {
        "username": "planted",
        "password": "pbkdf2_sha256$870000$salt$hash",
        "is_superuser": True,
        "is_staff": True,
        "is_active": True,
        "first_name": "",
        "last_name": "",
        "email": "",
        "date_joined": "2020-01-01T00:00:00Z",
        "groups": [],
        "user_permissions": [],
    },
}
SESSION = {
    "model": "sessions.session",
    "pk": "k" * 32,
    "fields": {"session_data": "e30:planted", "expire_date": "2999-01-01T00:00:00Z"},
}
LOG_ENTRY = {
    "model": "admin.logentry",
    "pk": 900,
    "fields": {
        "action_time": "2020-01-01T00:00:00Z",
        "user": ["planted"],
        "object_repr": "x",
        "action_flag": 1,
        "change_message": "",
    },
}
ACTOR = {
    "model": "events.actor",
    "pk": 900,
    "fields": {"name": "Planted actor", "kind": "militia"},
}


def _backup(tmp_path, rows: list[dict], name: str = "crafted.json.gz"):
    path = tmp_path / name
    with gzip.open(path, "wb") as out:
        out.write(json.dumps(rows).encode())
    return path


def _nothing_planted() -> None:
    assert not User.objects.filter(username="planted").exists()
    assert not Session.objects.exists()
    assert not LogEntry.objects.exists()
    assert not Event.objects.filter(title="Planted").exists()


def test_crafted_backup_with_a_superuser_session_and_log_is_refused(tmp_path):
    """As found: a crafted backup planted a superuser, a session and admin log rows."""
    path = _backup(tmp_path, [ACTOR, PLANTED_ADMIN, SESSION, LOG_ENTRY])
    with pytest.raises(CommandError, match="admin.logentry, sessions.session"):
        call_command("restore", path)
    _nothing_planted()


def test_crafted_backup_is_refused_with_force_on_a_database_with_events(tmp_path):
    EventFactory()
    path = _backup(tmp_path, [PLANTED_ADMIN, SESSION, LOG_ENTRY])
    with pytest.raises(CommandError, match="never has"):
        call_command("restore", path, force=True)
    _nothing_planted()


@pytest.mark.parametrize(
    "row",
    [
        {"model": "auth.permission", "pk": 900, "fields": {"name": "x", "codename": "x", "content_type": ["events", "event"]}},
        {"model": "contenttypes.contenttype", "pk": 900, "fields": {"app_label": "x", "model": "y"}},
        {"model": "sessions.session", "pk": "s" * 32, "fields": {"session_data": "x", "expire_date": "2999-01-01T00:00:00Z"}},
        {"model": "admin.logentry", "pk": 1, "fields": {}},
        {"model": "auth.user_groups", "pk": 1, "fields": {}},
    ],
)  # fmt: skip
def test_rows_a_backup_never_holds_are_refused(tmp_path, row):
    with pytest.raises(CommandError, match="never has"):
        call_command("restore", _backup(tmp_path, [ACTOR, row]))
    assert not Event.objects.exists()
    from events.models import Actor

    assert not Actor.objects.filter(name="Planted actor").exists()


def test_staff_account_needs_with_users(tmp_path):
    staff = {
        **PLANTED_ADMIN,
        "fields": {**PLANTED_ADMIN["fields"], "is_superuser": False},
    }
    path = _backup(tmp_path, [staff])
    with pytest.raises(CommandError, match="--with-users"):
        call_command("restore", path)
    assert not User.objects.filter(username="planted").exists()
    call_command("restore", path, with_users=True)
    assert User.objects.get(username="planted").is_staff


def test_plain_accounts_restore_without_their_permissions(tmp_path):
    permission = Permission.objects.get(codename="delete_event")
    plain = {
        **PLANTED_ADMIN,
        "fields": {
            **PLANTED_ADMIN["fields"],
            "is_superuser": False,
            "is_staff": False,
            "user_permissions": [[permission.codename, "events", "event"]],
        },
    }
    call_command("restore", _backup(tmp_path, [plain]))
    user = User.objects.get(username="planted")
    assert not user.is_staff
    assert not user.user_permissions.exists()


def test_group_permissions_come_from_the_migrations_not_the_file(tmp_path):
    viewer = Group.objects.get(name="Viewer")
    before = set(viewer.permissions.values_list("pk", flat=True))
    everything = [
        [p.codename, p.content_type.app_label, p.content_type.model]
        for p in Permission.objects.select_related("content_type")
    ]
    row = {
        "model": "auth.group",
        "pk": viewer.pk,
        "fields": {"name": "Viewer", "permissions": everything},
    }
    call_command("restore", _backup(tmp_path, [row]))
    assert set(viewer.permissions.values_list("pk", flat=True)) == before


def test_legacy_place_labels_still_restore(tmp_path):
    """Backups made before the places app name places events.place."""
    row = {
        "model": "events.place",
        "pk": 900,
        "fields": {"name": "Kabani", "location": "SRID=4326;POINT (36.3 35.7)"},
    }
    call_command("restore", _backup(tmp_path, [row]))
    assert Place.objects.get(pk=900).name == "Kabani"


def test_decompression_bomb_is_refused_with_a_clear_error(tmp_path, settings):
    """A 64 KB file that decompresses to 64 MB is refused before it is all read."""
    settings.RESTORE_MAX_BYTES = 8 * 2**20
    path = tmp_path / "bomb.json.gz"
    with gzip.open(path, "wb") as out:
        out.write(b"[" + b" " * (64 * 2**20) + b"]")
    assert path.stat().st_size < 200_000
    with pytest.raises(CommandError, match="decompresses to more than 8388608 bytes"):
        call_command("restore", path)


def test_a_backup_under_the_limit_restores(tmp_path, settings):
    settings.RESTORE_MAX_BYTES = 10_000
    call_command("restore", _backup(tmp_path, [ACTOR]))
    from events.models import Actor

    assert Actor.objects.filter(name="Planted actor").exists()
