"""The demo actors that ingest/tests/conftest.py loads once for a module (every test
here asks for them) are the rows ``demo._actors()`` leaves, and what one test changes
is gone for the next: each case checks it starts from them, then changes them its way."""

import sys

import pytest

from events import demo
from events.models import Actor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_actors_loaded")]
ADDED = "Actor added by a test"


def _rows() -> list[tuple]:
    return sorted(
        (a.name, a.kind, tuple(a.aliases), a.parent_id, a.country_code, a.description)
        for a in Actor.objects.all()
    )


@pytest.mark.parametrize("change", ["rename", "delete", "add", "realias"])
def test_each_test_starts_from_the_demo_actors(change):
    shared = sys.modules["ingest.tests.conftest"]._loaded_for_module
    assert __name__ in shared  # loaded for the module, not by this test
    rows = _rows()
    assert len(rows) > 100
    demo._actors()  # re-creates what an earlier test renamed or deleted
    assert _rows() == rows
    assert not Actor.objects.filter(name__startswith=ADDED).exists()
    actor = Actor.objects.order_by("name").first()
    if change == "rename":
        Actor.objects.filter(pk=actor.pk).update(name=f"{actor.name} (renamed)")
    elif change == "delete":
        Actor.objects.filter(parent__isnull=True, members__isnull=True).first().delete()
    elif change == "add":
        Actor.objects.create(name=ADDED, kind=actor.kind)
    else:
        Actor.objects.filter(pk=actor.pk).update(aliases=["an alias a test gave"])
    assert _rows() != rows
