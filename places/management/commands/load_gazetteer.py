"""`manage.py load_gazetteer`: load the bundled offline gazetteer (idempotent)."""

from django.core.management.base import BaseCommand

from places import gazetteer, gazetteer_load


class Command(BaseCommand):
    help = "Load GeoNames cities, Syria's governorates/districts and the supplement."

    def handle(self, *args, **options) -> None:
        count = gazetteer_load.gazetteer_load_bundled()
        self.stdout.write(self.style.SUCCESS(f"gazetteer: {count} rows loaded"))
        self.stdout.write(gazetteer.GAZETTEER_ATTRIBUTION)
