"""Run the pending on-commit hooks of the test's transaction, as a real commit would.

A pytest-django test is one transaction, so a write's on-commit hooks (the data
version bump of events.dataversion, the geocode and index tasks) never run by
themselves. Tests that need each step to be a committed version of its own call
``commit_hooks()`` after it. pytest-django's ``django_capture_on_commit_callbacks``
does not fit: it runs the hooks but leaves them pending, and
``events.dataversion.clusters_invalidate`` adds a later write's ids to the pending
bump, so the next step would not be a version of its own."""

from django.db import transaction


def commit_hooks() -> None:
    """Run and drop the pending on-commit hooks of the current connection."""
    connection = transaction.get_connection()
    for _sids, hook, _robust in list(connection.run_on_commit):
        hook()
    connection.run_on_commit.clear()
