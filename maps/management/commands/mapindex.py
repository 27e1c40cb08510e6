"""Build (or map) the machine's shared cluster index now, before the first request."""

from django.core.management.base import BaseCommand

from maps import selectors as map_selectors


class Command(BaseCommand):
    help = (
        "Make the machine's cluster index current (MAP_INDEX_DIR): map it when another "
        "process built it for the current data, else build and publish it from the "
        "database. Run before gunicorn so that no request waits for the build."
    )

    def handle(self, *args, **options) -> None:
        index = map_selectors.event_cluster_index()
        name = (
            getattr(index, "store_name", None)
            or "this process only (MAP_INDEX_DIR empty)"
        )
        self.stdout.write(
            f"cluster index: {index.size} public events at data version "
            f"{index.counter}: {name}"
        )
