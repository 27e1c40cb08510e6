"""manage.py backup --out FILE: every curated row, gzipped JSON, any database."""

from pathlib import Path

from django.core.management.base import BaseCommand

from interchange import backup


class Command(BaseCommand):
    help = "Write a backup of events, places, actors, sources, history and users."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--out", required=True, type=Path, help="e.g. backup.json.gz"
        )

    def handle(self, *args, out: Path, **options) -> None:
        counts = backup.backup_write(path=out)
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Wrote {total} rows to {out}."))
