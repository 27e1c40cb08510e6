"""`manage.py import_gazetteer PATH`: stream a GeoNames dump into the gazetteer."""

import gzip
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from places import gazetteer_load


class Command(BaseCommand):
    help = (
        "Import a GeoNames-format dump (allCountries.txt, SY.txt: 19 tab-separated "
        "columns; .gz read as gzip, as the bundled places/data/abroad/<CC>.txt.gz) "
        "in batches; idempotent. '-' reads standard input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--countries",
            default="",
            help="comma-separated ISO codes (default: GAZETTEER_COUNTRIES)",
        )
        parser.add_argument("--classes", default="PATSL", help="feature classes")
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, path: str, countries: str, classes: str, **options):
        wanted = [c.strip() for c in countries.split(",") if c.strip()]
        wanted = wanted or list(settings.GAZETTEER_COUNTRIES)
        if path != "-" and not Path(path).is_file():
            raise CommandError(f"{path}: no such file")
        if path == "-":
            handle = sys.stdin
        elif path.endswith(".gz"):
            handle = gzip.open(path, "rt", encoding="utf-8")  # noqa: SIM115
        else:
            handle = open(path, encoding="utf-8")  # noqa: SIM115
        try:
            report = gazetteer_load.gazetteer_import_geonames(
                handle,
                countries=wanted,
                feature_classes=classes,
                batch_size=options["batch_size"],
            )
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 text ({error})") from error
        finally:
            if handle is not sys.stdin:
                handle.close()
        for line in report.errors:
            self.stderr.write(f"skipped {line}")
        if report.error_count > len(report.errors):
            self.stderr.write(f"… {report.error_count - len(report.errors)} more")
        self.stdout.write(
            f"{report.imported} imported, {report.skipped} filtered out, "
            f"{report.error_count} malformed, {report.lines} lines read"
        )
