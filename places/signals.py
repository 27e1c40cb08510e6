"""Signals places sends for the apps that depend on it (events listens to them)."""

from django.dispatch import Signal

# A place's public data changed by a bulk UPDATE (no post_save is sent for those):
# the map's data version must move on. Sent with ``sender=Place`` and ``place_ids``,
# the places changed (None: any place).
place_changed_in_bulk = Signal()

# Asked before a place is changed: "which public records show this place?" Each
# receiver returns a count (events answers with its published events). Places cannot
# import events, so the role model reaches places through these two signals.
place_public_uses = Signal()

# Sent (with ``place``, ``note`` and ``user``) before a curator's change to a place is
# saved. A receiver enforces who may change what the public sees and files the public
# correction; it raises PermissionDenied or ValidationError to refuse the change.
place_changing = Signal()
