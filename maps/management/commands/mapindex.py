"""Build (or map) the machine's shared cluster and control indexes now, before the
first request."""

from django.core.management.base import BaseCommand

from control import selectors as control_selectors
from maps.selectors import index_build


class Command(BaseCommand):
    help = (
        "Make the machine's cluster and control indexes current (MAP_INDEX_DIR): map "
        "each when another process built it for the current data, else build and "
        "publish it from the database. Run before gunicorn so that no request waits "
        "for a build."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--publish",
            action="store_true",
            help="build from the database and publish, whatever is current (the web "
            "workers run this, holding the build lock); prints the version's name",
        )
        parser.add_argument(
            "--publish-control",
            action="store_true",
            help="the same for the control index (who held what)",
        )

    def handle(self, *args, **options) -> None:
        if options["publish"]:
            self.stdout.write(index_build.event_cluster_index_publish())
            return
        if options["publish_control"]:
            self.stdout.write(control_selectors.control_index_publish())
            return
        index = index_build.event_cluster_index()
        name = (
            getattr(index, "store_name", None)
            or "this process only (MAP_INDEX_DIR empty)"
        )
        self.stdout.write(
            f"cluster index: {index.size} public events at data version "
            f"{index.counter}: {name}"
        )
        control = control_selectors.control_index()
        self.stdout.write(
            f"control index: {len(control.periods)} places with periods at data "
            f"version {control.version}: "
            f"{control.store_name or 'this process only (MAP_INDEX_DIR empty)'}"
        )
