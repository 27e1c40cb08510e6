"""manage.py load_actors: the shipped lexicon of the armed actors of current wars."""

from django.core.management.base import BaseCommand

from events import actor_lexicon


class Command(BaseCommand):
    help = (
        "Add the sourced lexicon of armed actors (events/fixtures/actors_world.csv) to "
        "the actor list; adds missing aliases, never removes an editor's (idempotent)."
    )

    def handle(self, *args, **options) -> None:
        counts = actor_lexicon.actor_lexicon_load()
        self.stdout.write(
            self.style.SUCCESS(
                "Actor lexicon loaded: {created} actors created, {updated} given new "
                "aliases.".format(**counts)
            )
        )
