"""Who may change a place: the role model's refusals (events listens to the signals)
and how many public records show it."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError

from places import signals
from places.models import Place


def place_public_uses(*, place: Place) -> int:
    """How many public records (published events) show ``place``."""
    if place.pk is None:
        return 0
    answers = signals.place_public_uses.send(sender=Place, place=place)
    return sum(count for _, count in answers)


def place_change_guard(
    *, place: Place, note: str, user: AbstractBaseUser | None
) -> None:
    """Refuse (PermissionDenied, ValidationError) a change the role model forbids; a
    change to a place the public sees files its correction (events listens)."""
    signals.place_changing.send(sender=Place, place=place, note=note, user=user)


def place_change_check(
    *, place: Place, note: str, user: AbstractBaseUser | None
) -> None:
    """Raise PermissionDenied or ValidationError if ``place_update`` would refuse."""
    signals.place_changing.send(
        sender=Place, place=place, note=note, user=user, check_only=True
    )


def place_change_allowed(*, place: Place, user: AbstractBaseUser | None) -> bool:
    """May ``user`` change ``place`` at all (a note may still be required)?"""
    try:
        place_change_check(place=place, note="", user=user)
    except PermissionDenied:
        return False
    except ValidationError:
        return True
    return True
