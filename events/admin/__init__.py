"""Admin registration: curation of events (events.py) and places (places.py)."""

from events.admin import events, ingest, places  # noqa: F401
