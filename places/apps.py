"""App configuration for places."""

from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = "Places and gazetteer"

    def ready(self) -> None:
        # Register the geocode task with Celery in every process (web, commands):
        # the hand-off finds it by name (places.handoff.GEOCODE_TASK).
        from places import gazetteer_abroad, tasks  # noqa: F401
        from places.geocoding import villages

        # lookup reads a configured country's bundled villages through it.
        villages.register(gazetteer_abroad.villages_index)
