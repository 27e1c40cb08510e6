"""manage.py import_events: load an ACLED, UCDP GED or GeoJSON file, all rows or none."""

from django.core.management.base import BaseCommand, CommandError

from interchange import files
from interchange.records import ImportFailed, ImportRejected


class Command(BaseCommand):
    help = (
        "Import events from an ACLED-style CSV, a UCDP GED-style CSV or a GeoJSON "
        "FeatureCollection. Every row is checked first; one bad row and nothing is "
        "written. Re-running the same file creates nothing new. See docs/crosswalk.md."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", required=True, choices=files.FORMATS)
        parser.add_argument("path")
        parser.add_argument(
            "--status",
            choices=["draft", "published"],
            default="draft",
            help="Status of new events (existing events keep theirs). Default: draft.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and count everything, write nothing.",
        )

    def handle(self, *args, **options) -> None:
        try:
            report = files.event_import_file(
                path=options["path"],
                fmt=options["format"],
                status=options["status"],
                dry_run=options["dry_run"],
            )
        except FileNotFoundError:
            raise CommandError(f"{options['path']}: no such file") from None
        except IsADirectoryError:
            raise CommandError(f"{options['path']}: is a directory") from None
        except ImportFailed as failed:  # the system's fault, not the file's
            raise CommandError(str(failed)) from None
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(rejected.errors)} error(s) in {options['path']}; "
                "nothing was imported."
            ) from None
        prefix = "Dry run, nothing written: " if report.dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + str(report)))
