"""Build the article reader's tables now, and keep the gazetteer index's file written."""

from django.core.management.base import BaseCommand

from ingest import warm


class Command(BaseCommand):
    help = (
        "Warm the article reader (gazetteer index, name tables, places abroad, actors, "
        "dateparser) and write the gazetteer index with its tables to "
        "GAZETTEER_CACHE_DIR, so that the web and worker processes started next read "
        "it instead of building it. Run after a deployment or a gazetteer load."
    )

    def handle(self, *args, **options) -> None:
        steps = warm.reader_warm()
        for step, seconds in steps.items():
            self.stdout.write(f"{step}: {seconds:.2f} CPU s")
        self.stdout.write(f"reader warm: {sum(steps.values()):.2f} CPU s in all")
