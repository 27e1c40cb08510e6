"""Signals places sends for the apps that depend on it (events listens to them)."""

from django.dispatch import Signal

# A place's public data changed by a bulk UPDATE (no post_save is sent for those):
# the map's data version must move on. Sent with ``sender=Place``.
place_changed_in_bulk = Signal()
