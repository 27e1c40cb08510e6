"""The shipped actor lexicon (events/fixtures/actors_world.csv) and its loader."""

import pytest
from django.core.management import call_command

from events import actor_lexicon
from events.models import Actor

pytestmark = pytest.mark.django_db


def test_load_actors_creates_sourced_actors_and_is_idempotent():
    call_command("load_actors")
    count = Actor.objects.count()
    m23 = Actor.objects.get(name="March 23 Movement")
    assert "M23" in m23.aliases
    assert m23.description.startswith("Source: https://")
    assert actor_lexicon.actor_lexicon_load() == {"created": 0, "updated": 0}
    assert Actor.objects.count() == count


def test_reloading_keeps_an_editors_changes_and_adds_missing_aliases():
    actor_lexicon.actor_lexicon_load()
    m23 = Actor.objects.get(name="March 23 Movement")
    m23.aliases = ["M23", "Mouvement du 23-Mars"]  # an editor's list
    m23.description = "Edited."
    m23.save()
    assert actor_lexicon.actor_lexicon_load()["updated"] >= 1
    m23.refresh_from_db()
    assert m23.aliases[:2] == ["M23", "Mouvement du 23-Mars"]
    assert "M23 rebels" in m23.aliases
    assert m23.description == "Edited."


def test_a_states_forces_get_their_adjectives_aliases():
    rows = {r["name"]: r for r in actor_lexicon.lexicon_rows()}
    assert "Somali forces" in rows["Somali armed forces"]["aliases"]
    assert "Somali forces" not in rows["Taliban"]["aliases"]


def test_the_admin_finds_and_opens_a_lexicon_actor(admin_client):
    from django.urls import reverse

    actor_lexicon.actor_lexicon_load()
    m23 = Actor.objects.get(name="March 23 Movement")
    found = admin_client.get(reverse("admin:events_actor_changelist"), {"q": "M23"})
    assert "March 23 Movement" in found.content.decode()
    page = admin_client.get(reverse("admin:events_actor_change", args=[m23.pk]))
    assert page.status_code == 200
    assert "wikipedia.org/wiki/March_23_Movement" in page.content.decode()
