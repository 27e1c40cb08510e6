"""manage.py export_events: published events as ACLED-style CSV, UCDP GED-style CSV or GeoJSON."""

from django.core.management.base import BaseCommand, CommandError

from interchange import files
from maps.forms import EventFilterForm

FILTER_OPTIONS = ("in_bbox", "date_from", "date_to", "type", "actor", "disputed")


class Command(BaseCommand):
    help = (
        "Export the published events that match the filters (the API's) to a file. "
        "CSV cells that spreadsheets would run as formulas get a leading apostrophe."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", required=True, choices=files.FORMATS)
        parser.add_argument("--out", required=True, help="File to write.")
        parser.add_argument("--in-bbox", metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")
        parser.add_argument("--date-from", metavar="YYYY-MM-DD")
        parser.add_argument("--date-to", metavar="YYYY-MM-DD")
        parser.add_argument("--type", metavar="SLUG[,SLUG]")
        parser.add_argument("--actor", metavar="ID_OR_NAME[,…]")
        parser.add_argument("--disputed", metavar="true|false")

    def handle(self, *args, **options) -> None:
        query = {
            name: options[name] for name in FILTER_OPTIONS if options[name] is not None
        }
        form = EventFilterForm(query)
        if not form.is_valid():
            problems = "; ".join(
                f"--{field.replace('_', '-')}: {' '.join(messages)}"
                for field, messages in form.errors.items()
            )
            raise CommandError(problems)
        try:
            count = files.event_export_file(
                fmt=options["format"], path=options["out"], filters=form.to_filters()
            )
        except OSError as error:
            raise CommandError(f"{options['out']}: {error.strerror}") from None
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {count} events to {options['out']}.")
        )
