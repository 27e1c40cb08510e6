"""manage.py load_demo: the seed article's events, places, actors and sources."""

from django.core.management.base import BaseCommand

from events import demo


class Command(BaseCommand):
    help = "Load the demo data set made from the seed article (idempotent)."

    def handle(self, *args, **options) -> None:
        counts = demo.demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready: {events} events, {places} places, {actors} actors, "
                "{sources} sources.".format(**counts)
            )
        )
