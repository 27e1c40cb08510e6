"""The role model, in one place: who may change what. Services call these checks (the
admin's permission methods ask the same questions, so pages and services agree).

Roles are groups made by migration 0007 (the README's role table mirrors this):

- **Viewer** reads the admin; changes nothing.
- **Editor** creates and edits draft and in-review events, submits them for review, and
  edits shared records (places, actors, sources) that no published event shows.
- **Reviewer** (``events.publish_event``) also publishes, retracts, corrects and merges,
  and changes published events or the shared records they show, always with a public
  correction note.
- **Admin** holds every permission (a Reviewer who may also delete).

``user=None`` is the system itself (demo loader, imports and restores an operator runs).
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from events.models import Event

# What the public sees: a published event's page, a retracted event's line in the
# corrections log. A change to either goes through a reviewer and leaves a correction.
PUBLIC_STATUSES = (Event.Status.PUBLISHED, Event.Status.RETRACTED)
PUBLISH_PERMISSION = "events.publish_event"

User = AbstractBaseUser | AnonymousUser | None


def is_reviewer(user: User) -> bool:
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def require_reviewer(user: User, what: str) -> None:
    if not is_reviewer(user):
        raise PermissionDenied(f"Only reviewers may {what}.")


def require_event_writable(user: User, status: str) -> None:
    """Editors write drafts and events in review; a public event needs a reviewer."""
    if status in PUBLIC_STATUSES:
        require_reviewer(user, "change a published or retracted event")
    elif user is not None and not (
        user.has_perm("events.change_event") or user.has_perm("events.add_event")
    ):
        raise PermissionDenied("This role may not write events (read-only).")


def require_shared_record_writable(user: User, shown_by: int, what: str) -> None:
    """A place, actor or source that ``shown_by`` published events show is public."""
    if shown_by:
        require_reviewer(user, f"change {what}: {shown_by} published event(s) show it")
