"""Admin registration: curation of events (events.py) and places (places.py)."""

from events.admin import events, places  # noqa: F401
