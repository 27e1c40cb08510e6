"""`manage.py geocode NAME...`: resolve names as new places would be, offline first;
`manage.py geocode --sweep`: queue again the pending places whose hand-off failed."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from places import gazetteer, geocoding, handoff


class Command(BaseCommand):
    help = "Geocode place names (local gazetteer, then the online geocoder if set)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("names", nargs="*", metavar="NAME")
        parser.add_argument(
            "--sweep",
            action="store_true",
            help="queue again the pending places never handed off or overdue "
            "(what Celery beat runs every minute)",
        )
        parser.add_argument("--country", default="SY", help="ISO code; '' = any")
        parser.add_argument("--admin1", default="", help="governorate hint")
        parser.add_argument("--json", action="store_true", help="one JSON per line")
        parser.add_argument(
            "--together",
            action="store_true",
            help="the names come from one text: each is resolved near the others "
            "(of two villages of one name, the one next to the rest of the story)",
        )

    def handle(self, *args, names: list[str], country: str, admin1: str, **options):
        if options["sweep"]:
            queued = handoff.place_geocode_sweep()
            self.stdout.write(f"{queued} pending place(s) queued for geocoding.")
            return
        if not names:
            raise CommandError("name at least one place, or use --sweep")
        rows = []
        together: list = []
        if options["together"]:
            together = gazetteer.gazetteer_lookup_many(
                names, country=country, admin1=admin1
            )
        for number, name in enumerate(names):
            row = {"query": name, "name": None, "lat": None, "lon": None}
            row |= {"precision": None, "confidence": None, "source": None}
            try:
                result = (
                    together[number]
                    if together
                    else gazetteer.gazetteer_lookup(
                        name, country=country, admin1=admin1
                    )
                )
            except (geocoding.GeocodingUnavailable, geocoding.GeocodingError) as error:
                row["error"] = str(error)
            else:
                if result is not None:
                    row = result.as_dict(query=name)
            rows.append(row)
        if options["json"]:
            for row in rows:
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            return
        header = f"{'query':28} {'name':28} {'lat':>9} {'lon':>9} prec conf  source"
        self.stdout.write(header)
        for row in rows:
            if row["lat"] is None:
                why = row.get("error", "unresolved")
                self.stdout.write(f"{row['query'][:28]:28} -- {why}")
                continue
            self.stdout.write(
                f"{row['query'][:28]:28} {row['name'][:28]:28} {row['lat']:9.4f} "
                f"{row['lon']:9.4f} {row['precision']:4} {row['confidence']:.2f}  "
                f"{row['source']}"
            )
