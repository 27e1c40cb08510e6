"""manage.py import_events: load an ACLED, UCDP GED or GeoJSON file, all rows or none."""

import argparse
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from interchange import files, problems
from interchange.records import ImportFailed, ImportRejected


class _Progress:
    """A one-line progress bar on a terminal: rows done, rows/s, time left."""

    def __init__(self, out) -> None:
        self.out = out
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        width = 30
        filled = int(width * done / total) if total else width
        self.out.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} rows "
            f"{rate:,.0f} rows/s ETA {int(left) // 60}:{int(left) % 60:02d}"
        )
        if done >= total:
            self.out.write("\n")
        self.out.flush()


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
            help="Check and count everything, write nothing; print what was found "
            "(layout, date format, countries, counts, problems by kind).",
        )
        parser.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="Progress bar with rows/s and time left (default: on a terminal).",
        )

    def handle(self, *args, **options) -> None:
        show = options["progress"]
        if show is None:
            show = sys.stderr.isatty()
        try:
            report = files.event_import_file(
                path=options["path"],
                fmt=options["format"],
                status=options["status"],
                dry_run=options["dry_run"],
                progress=_Progress(self.stderr) if show else None,
            )
        except FileNotFoundError:
            raise CommandError(f"{options['path']}: no such file") from None
        except IsADirectoryError:
            raise CommandError(f"{options['path']}: is a directory") from None
        except ImportFailed as failed:  # the system's fault, not the file's
            raise CommandError(str(failed)) from None
        except ImportRejected as rejected:
            info = rejected.info
            if info is not None and info.layout:
                label = problems.layout_label(options["format"], info.layout)
                self.stderr.write(f"Layout: {label}")
                if info.date_format:
                    self.stderr.write(f"Date format: {info.date_format}")
            for line in problems.grouped(rejected.errors):
                self.stderr.write(line)
            raise CommandError(
                f"{len(rejected.errors)} error(s) in {options['path']}; "
                "nothing was imported."
            ) from None
        lines = report.summary()
        for line in lines[:-1]:
            self.stdout.write(line)
        prefix = "Dry run, nothing written: " if report.dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + lines[-1]))
