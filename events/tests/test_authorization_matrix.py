"""The authorization matrix: every admin page and action x every role x GET/POST.

The pages are found in the URLconf and the actions in ``admin.site._registry``; the
expected outcome of each cell is written once, in role_model.py (the README's role
table is generated from it and checked). A page or action nobody classified fails
``test_every_admin_view_and_action_is_classified``.

Outcomes: "allow" is any answer but a refusal; a refusal is 403, 404 (an app index
the role cannot see) or, for anonymous users, a redirect to the login page. For an
action, "allow" means it is offered (GET: in the changelist's action menu) and runs
(POST: not answered "No action selected."). A POST carries no form data, so an
allowed page answers with its form errors and nothing is written.
"""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import URLResolver, get_resolver, reverse

from control.models import ControlObservation
from events import services
from events.models import DuplicateCandidate, Event, EventType
from events.tests.admin_forms import ROLES, logged_in
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
)
from events.tests.role_model import (
    ANON,
    METHOD_NOT_ALLOWED,
    RECORDS,
    classified_actions,
    classified_views,
    role_model,
)
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


# Discovery --------------------------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern.name


def discovered_admin_views() -> set[str]:
    """Every admin URL pattern, by name (or, unnamed, by what it is)."""
    found = set()
    models = {
        f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry
    }
    for route, namespace, name in _walk(get_resolver().url_patterns):
        if not route.lstrip("^").startswith("admin"):
            continue
        if namespace != "admin":
            found.add(name or "old place URLs")
            continue
        if name is None:
            model = next(
                (m for m in models.values() if route.endswith(_redirect_route(m))), None
            )
            if model is None:
                found.add("admin:catch_all")
            else:
                found.add(f"record:{model._meta.label_lower}:redirect")
        elif name == "app_list":
            apps = re.search(r"\(\?P<app_label>([^)]*)\)", route).group(1)
            found |= {f"admin:app_list[{app}]" for app in apps.split("|")}
        else:
            prefix = next((p for p in models if name.startswith(p + "_")), None)
            if prefix is None:
                found.add(f"admin:{name}")
            else:
                kind = models[prefix]._meta.label_lower
                found.add(f"record:{kind}:{name.removeprefix(prefix + '_')}")
    return found


def _redirect_route(model) -> str:
    return f"{model._meta.app_label}/{model._meta.model_name}/<path:object_id>/"


def discovered_actions() -> set[str]:
    found = set()
    for model, model_admin in admin.site._registry.items():
        names = [n for n, _ in model_admin.admin_site.actions]
        names += [a if isinstance(a, str) else a.__name__ for a in model_admin.actions]
        found |= {f"{model._meta.label_lower}:action:{n}" for n in names}
    return found


# The records each cell acts on -------------------------------------------------------


def subject(kind: str, state: str):
    if kind == "events.event":
        return EventFactory(status=state)
    if kind == "events.actor":
        return EventActorFactory().actor if state == "public" else ActorFactory()
    if kind == "events.source":
        return EventSourceFactory().source if state == "public" else SourceFactory()
    if kind == "places.place":
        return EventFactory().place if state == "public" else PlaceFactory()
    if kind == "events.duplicatecandidate":
        one = EventFactory(status=Event.Status.DRAFT)
        EventFactory(status=Event.Status.DRAFT, place=one.place)
        services.event_flag_duplicates(event=one)
        return DuplicateCandidate.objects.get()
    if kind == "events.correction":
        return services.event_correct(event=EventFactory(), note="Fixed.", user=None)
    if kind == "control.controlobservation":
        return ControlObservation.objects.create(
            place=PlaceFactory(),
            observed_on="2019-07-10",
            controller=ActorFactory(),
            status=state,
        )
    if kind == "events.eventtype":
        return EventType.objects.get(slug="armed-clash")
    if kind == "auth.user":
        return User.objects.create_user("someone-else")
    return Group.objects.get(name="Editor")


def _record_url(kind: str, state: str, page: str) -> str:
    app, model = kind.split(".")
    if page in ("changelist", "add"):
        return reverse(f"admin:{app}_{model}_{page}")
    obj = subject(kind, state)
    if page == "redirect":
        return reverse(f"admin:{app}_{model}_change", args=[obj.pk]).removesuffix(
            "change/"
        )
    if page == "simple_history":
        version = obj.history.latest("history_id").history_id
        return reverse(f"admin:{app}_{model}_simple_history", args=[obj.pk, version])
    return reverse(f"admin:{app}_{model}_{page}", args=[obj.pk])


def url_of(view: str) -> str:
    if ":" in view and "." in view.split(":")[0]:
        kind_state, page = view.split(":")
        kind, _, state = kind_state.partition("[")
        return _record_url(kind, state.rstrip("]") or next(iter(RECORDS[kind])), page)
    if view.startswith("admin:app_list["):
        return reverse("admin:app_list", kwargs={"app_label": view[15:-1]})
    special = {
        "admin:autocomplete": lambda: (
            reverse("admin:autocomplete")
            + "?app_label=events&model_name=event&field_name=place"
        ),
        "admin:view_on_site": lambda: reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(Event).pk, EventFactory().pk],
        ),
        "admin:catch_all": lambda: "/admin/no-such-page/",
        "places review queue": lambda: (
            reverse("admin:places_place_changelist") + "?review=yes"
        ),
        "old place URLs": lambda: "/admin/events/place/",
        "admin-ingest-places": lambda: reverse("admin-ingest-places") + "?q=Idlib",
    }
    return special[view]() if view in special else reverse(view)


def outcome(response) -> str:
    assert response.status_code < 500
    if response.status_code == 405:
        return METHOD_NOT_ALLOWED
    if response.status_code in (403, 404):
        return "deny"
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("admin:login")):
        return "deny"
    return "allow"


def action_outcome(client, kind: str, action: str) -> tuple[str, str]:
    app, model = kind.split(".")
    url = reverse(f"admin:{app}_{model}_changelist")
    obj = subject(kind, next(iter(RECORDS[kind])))
    page = client.get(url)
    offered = (
        outcome(page) == "allow"
        and page.context["action_form"] is not None
        and action in dict(page.context["action_form"].fields["action"].choices)
    )
    ran = client.post(
        url, {"action": action, ACTION_CHECKBOX_NAME: [obj.pk], "index": "0"}
    )
    refused = outcome(ran) == "deny" or (
        ran.status_code == 200 and "cl" in ran.context  # the list again: not run
    )
    said = [str(m) for m in get_messages(ran.wsgi_request)]
    refused = refused or "No action selected." in said
    return ("allow" if offered else "deny"), ("deny" if refused else "allow")


def expected(who, role: str) -> str:
    if isinstance(who, dict):
        return who[role]
    return "allow" if role in who else "deny"


# The tests ---------------------------------------------------------------------------


def test_every_admin_view_and_action_is_classified():
    assert discovered_admin_views() == classified_views()
    assert discovered_actions() == classified_actions()


def test_every_action_declares_its_permissions():
    """Without allowed_permissions an action runs for anyone who may view the list."""
    for model_admin in admin.site._registry.values():
        for func, name, _ in model_admin._get_base_actions():
            assert getattr(func, "allowed_permissions", ()), (model_admin, name)


@pytest.mark.parametrize("role", [ANON, *ROLES])
@pytest.mark.parametrize("view", sorted(role_model()))
def test_authorization_matrix(view, role):
    who_get, who_post = role_model()[view]
    client = logged_in(None if role == ANON else role)
    if ":action:" in view:
        kind, _, action = view.split(":")
        got = action_outcome(client, kind, action)
    else:
        url = url_of(view)
        got = (outcome(client.get(url)), outcome(client.post(url, {})))
    assert got == (expected(who_get, role), expected(who_post, role))


def readme_table() -> str:
    """The role table of README.md ("Curation: roles, workflow, history")."""
    marks = {
        ("allow", "allow"): "yes",
        ("allow", "deny"): "read",
        ("deny", "deny"): "-",
        (METHOD_NOT_ALLOWED, "allow"): "POST",
        ("allow", METHOD_NOT_ALLOWED): "GET",
    }
    people = [ANON, *ROLES]
    lines = ["| admin page or action | " + " | ".join(people) + " |"]
    lines.append("|---" * (len(people) + 1) + "|")
    for view, (get, post) in sorted(role_model().items()):
        cells = [marks[(expected(get, p), expected(post, p))] for p in people]
        lines.append(f"| `{view}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def test_readme_states_the_same_role_model(settings):
    readme = (settings.BASE_DIR / "README.md").read_text("utf-8")
    assert readme_table() in readme, "README role table is stale:\n" + readme_table()
