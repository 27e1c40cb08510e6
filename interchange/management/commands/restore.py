"""manage.py restore FILE [--force] [--with-users]: load a backup made by manage.py backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError

from interchange import backup


class Command(BaseCommand):
    help = "Restore a backup into this (migrated, preferably empty) database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Overwrite rows with the same ids."
        )
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="Also restore staff and superuser accounts (with their passwords and "
            "permissions). Without it a backup holding any is refused.",
        )

    def handle(
        self, *args, path: Path, force: bool, with_users: bool, **options
    ) -> None:
        if not path.is_file():
            raise CommandError(f"No such backup file: {path}")
        try:
            count = backup.backup_restore(path=path, force=force, with_users=with_users)
        except backup.RestoreRefused as refused:
            raise CommandError(str(refused)) from None
        except (
            OSError,
            EOFError,
            ValueError,
            DeserializationError,
            DatabaseError,
        ) as broken:
            raise CommandError(f"{path} is not a readable backup: {broken}") from None
        self.stdout.write(self.style.SUCCESS(f"Restored {count} rows from {path}."))
