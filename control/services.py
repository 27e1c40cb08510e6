"""Writes of control observations: create as draft, publish, withdraw (roles enforced)."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from control.models import ControlObservation
from events.models import Actor, Source
from places.models import Place

PUBLISH_PERMISSION = "control.publish_controlobservation"


@transaction.atomic
def observation_create(
    *,
    place: Place,
    observed_on: dt.date,
    state: str = ControlObservation.State.HELD,
    controller: Actor | None = None,
    precision: str = ControlObservation.Precision.DAY,
    source: Source | None = None,
    quote: str = "",
    note: str = "",
    user: AbstractBaseUser | None = None,
) -> ControlObservation:
    """A draft observation ("held by X as of date, per source"); ValidationError if
    it is incomplete (a held place needs a controller)."""
    observation = ControlObservation(
        place=place,
        observed_on=observed_on,
        state=state,
        controller=controller,
        precision=precision,
        source=source,
        quote=quote,
        note=note,
        created_by=user,
    )
    observation.full_clean()
    observation.save()
    return observation


def _require_publisher(user: AbstractBaseUser | None) -> None:
    if user is not None and not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(
            "Only a reviewer can change what the public map shows of control."
        )


@transaction.atomic
def observation_publish(
    *, observation: ControlObservation, user: AbstractBaseUser | None = None
) -> ControlObservation:
    """Show the observation on the public control layer (reviewers). Idempotent."""
    _require_publisher(user)
    locked = ControlObservation.objects.select_for_update().get(pk=observation.pk)
    if locked.status != ControlObservation.Status.PUBLISHED:
        locked.full_clean()
        locked.status = ControlObservation.Status.PUBLISHED
        locked.save(update_fields=["status", "updated_at"])
    return locked


@transaction.atomic
def observation_withdraw(
    *, observation: ControlObservation, user: AbstractBaseUser | None = None
) -> ControlObservation:
    """Take a published observation off the public layer (reviewers). Idempotent."""
    _require_publisher(user)
    locked = ControlObservation.objects.select_for_update().get(pk=observation.pk)
    if locked.status != ControlObservation.Status.DRAFT:
        locked.status = ControlObservation.Status.DRAFT
        locked.save(update_fields=["status", "updated_at"])
    return locked
