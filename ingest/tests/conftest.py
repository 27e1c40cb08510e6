import pytest
from django.db import transaction

from conftest import uses_database  # the root conftest (rootdir is on sys.path)
from events import demo
from places import gazetteer

SHARED = "demo_actors_loaded"
# Modules whose demo actors this process loaded once, for all their tests (below).
_loaded_for_module: set[str] = set()


def _every_test_wants_the_actors(request: pytest.FixtureRequest) -> bool:
    """True when every test of this module collected here that may reach the database
    asks for the demo actors and runs in pytest-django's rolled-back transaction (none
    is transactional). The module's other tests are refused any query, as before."""
    items = [i for i in request.session.items if i.module is request.module]
    wanting = 0
    for item in items:
        if not uses_database(item):
            continue  # no database: it cannot see the actors
        fixtures = set(getattr(item, "fixturenames", ()))
        marker = item.get_closest_marker("django_db")
        if SHARED not in fixtures or fixtures & {"transactional_db", "live_server"}:
            return False
        if marker is not None and marker.kwargs.get("transaction"):
            return False
        wanting += 1
    return wanting > 0


@pytest.fixture(scope="module", autouse=True)
def _demo_actors_once_per_module(request, django_db_blocker):
    """The demo actors (~580 queries: 0.2 CPU-s a test on SpatiaLite, more on PostGIS)
    are loaded once for a module whose every database test asks for them, in a
    transaction rolled back at the module's end (as test_demo.py loads the demo). Each
    test runs in a savepoint within it (pytest-django's ``db``), so what a test changes
    is gone for the next one, and each starts from the rows ``demo._actors()`` leaves,
    as when each test loaded its own. A module with other database tests (they would see actors they did
    not ask for) or a transactional test loads them per test, as before."""
    if not _every_test_wants_the_actors(request):
        yield
        return
    request.getfixturevalue("django_db_setup")  # the test database, as db makes it
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        demo._actors()
    _loaded_for_module.add(request.module.__name__)
    try:
        yield
    finally:
        _loaded_for_module.discard(request.module.__name__)
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


@pytest.fixture
def demo_actors_loaded(request) -> None:
    """The demo actors (events.demo._actors: the seed article's, the common ones and the
    sourced lexicon of other wars), as the extractor reads them."""
    if request.module.__name__ not in _loaded_for_module:
        demo._actors()


@pytest.fixture
def actors_and_gazetteer(demo_actors_loaded) -> None:
    """The demo actors and a loaded gazetteer, as the extractor reads them."""
    assert len(gazetteer.gazetteer_index()) > 0
