"""Export published events to a standalone, offline HTML map (folium)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maps import services as map_services
from maps.forms import EventFilterForm

# Command-line option -> API query parameter (same names, same parser, same errors).
FILTER_OPTIONS = {
    "in_bbox": "--in-bbox",
    "date_from": "--date-from",
    "date_to": "--date-to",
    "type": "--type",
    "actor": "--actor",
    "disputed": "--disputed",
    "q": "--q",
}


class Command(BaseCommand):
    help = (
        "Write published events to one self-contained HTML map that opens offline "
        "(no server, no network). Filters are the API's query parameters."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            metavar="FILE",
            help="HTML file to write (replaced atomically). Default: a new file "
            "under exports/ in the media storage.",
        )
        parser.add_argument("--title", default=map_services.DEFAULT_TITLE)
        parser.add_argument(
            "--limit",
            type=int,
            help="At most this many events, newest first (default MAP_MAX_FEATURES).",
        )
        parser.add_argument(
            "--control-date",
            metavar="YYYY-MM-DD",
            type=dt.date.fromisoformat,
            help="Add who held each place on this date as a layer (with a legend).",
        )
        filters = parser.add_argument_group("filters (as the API's query parameters)")
        filters.add_argument(
            "--in-bbox", metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT", dest="in_bbox"
        )
        filters.add_argument("--date-from", metavar="YYYY-MM-DD", dest="date_from")
        filters.add_argument("--date-to", metavar="YYYY-MM-DD", dest="date_to")
        filters.add_argument(
            "--type", metavar="SLUG[,SLUG]", help="Event type or sub-type slugs."
        )
        filters.add_argument(
            "--actor", metavar="NAME_OR_ID[,...]", help="Actor id or exact name."
        )
        filters.add_argument("--disputed", metavar="true|false")
        filters.add_argument("--q", metavar="TEXT", help="Text in title/summary/place.")

    def handle(self, *args: object, **options: object) -> None:
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        data = {
            field: options[field]
            for field in FILTER_OPTIONS
            if options.get(field) is not None
        }
        form = EventFilterForm(data)
        if not form.is_valid():
            lines = [
                f"  {FILTER_OPTIONS.get(field, 'filters')}: {' '.join(messages)}"
                for field, messages in form.errors.items()
            ]
            raise CommandError("Invalid filters:\n" + "\n".join(lines))
        try:
            result = map_services.map_export_create(
                filters=form.to_filters(),
                out_path=options["out"],
                title=options["title"],
                limit=options["limit"],
                control_on=options["control_date"],
            )
        except map_services.MapExportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {result.count} event{'s' if result.count != 1 else ''} "
                f"to {result.path}"
            )
        )
        if result.truncated:
            self.stderr.write(
                self.style.WARNING(
                    "More events match than were exported; narrow the filters or "
                    "raise --limit."
                )
            )
