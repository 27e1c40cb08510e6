"""The role model the authorization matrix checks (events/tests/test_authorization_matrix.py):
what each role may do to each kind of record, by its state, each action and each
page that is not one record's, written once; role_model() lists every cell."""

from events.tests.admin_forms import ROLES

ANON = "anonymous"
V, E, R, A = ROLES
EVERYONE = frozenset({ANON, *ROLES})
STAFF = frozenset(ROLES)
WRITERS = frozenset({E, R, A})
REVIEWERS = frozenset({R, A})
ADMINS = frozenset({A})
NOBODY = frozenset()
METHOD_NOT_ALLOWED = "405"
# A read-only page: staff get 405 on POST, anonymous users the login page.
GET_ONLY = {ANON: "deny", **dict.fromkeys(ROLES, METHOD_NOT_ALLOWED)}

# What each role may do to each kind of record, by its state ("public": a published
# event shows it). {kind: {state: (who may read, who may add, who may change, who may
# delete)}}. The history page reads; "Revert" changes; the old-URL redirects read.
RECORDS = {
    "events.event": {
        "draft": (STAFF, WRITERS, WRITERS, ADMINS),
        "in_review": (STAFF, WRITERS, WRITERS, ADMINS),
        # public events are retracted, never deleted (the log would lose them)
        "published": (STAFF, WRITERS, REVIEWERS, NOBODY),
        "retracted": (STAFF, WRITERS, REVIEWERS, NOBODY),
    },
    "places.place": {
        "private": (STAFF, WRITERS, WRITERS, ADMINS),
        "public": (STAFF, WRITERS, REVIEWERS, ADMINS),
    },
    "events.actor": {
        "private": (STAFF, WRITERS, WRITERS, ADMINS),
        "public": (STAFF, WRITERS, REVIEWERS, ADMINS),
    },
    "events.source": {
        "private": (STAFF, WRITERS, WRITERS, ADMINS),
        "public": (STAFF, WRITERS, REVIEWERS, ADMINS),
    },
    "events.duplicatecandidate": {"": (STAFF, NOBODY, REVIEWERS, ADMINS)},
    "events.correction": {"": (STAFF, NOBODY, NOBODY, NOBODY)},  # append-only
    "events.eventtype": {"": (STAFF, ADMINS, ADMINS, ADMINS)},
    # Control observations: editors draft, reviewers publish (what the public sees).
    "control.controlobservation": {
        "draft": (STAFF, WRITERS, WRITERS, REVIEWERS),
        "published": (STAFF, WRITERS, REVIEWERS, REVIEWERS),
    },
    # Users and groups are a superuser's: no role manages accounts.
    "auth.user": {"": (NOBODY, NOBODY, NOBODY, NOBODY)},
    "auth.group": {"": (NOBODY, NOBODY, NOBODY, NOBODY)},
}

# Actions: who is offered each one and may run it. Services still refuse per record
# (an Editor's "submit for review" of a published event is refused by the service).
ACTIONS = {
    "events.event": {
        "delete_selected": ADMINS,
        "publish": REVIEWERS,
        "retract": REVIEWERS,
        "merge_into_first": REVIEWERS,
        "submit_for_review": WRITERS,
        "flag_duplicates": WRITERS,
        "geocode_place_again": WRITERS,
    },
    "events.duplicatecandidate": {
        "delete_selected": ADMINS,
        "merge": REVIEWERS,
        "dismiss": REVIEWERS,
    },
    "places.place": {
        "delete_selected": ADMINS,
        "geocode_again": WRITERS,
        "accept_best_candidate": WRITERS,
    },
    "events.actor": {"delete_selected": ADMINS},
    "events.source": {"delete_selected": ADMINS},
    "events.correction": {"delete_selected": NOBODY},
    "events.eventtype": {"delete_selected": ADMINS},
    "control.controlobservation": {
        "delete_selected": REVIEWERS,
        "publish": REVIEWERS,
        "withdraw": REVIEWERS,
    },
    "auth.user": {"delete_selected": NOBODY},
    "auth.group": {"delete_selected": NOBODY},
}

# Pages that are not one record's: (who may GET, who may POST).
SITE = {
    "admin:index": (STAFF, STAFF),
    "admin:login": (EVERYONE, EVERYONE),
    # logging out is a POST; the admin sends anonymous users to its index page
    "admin:logout": ({ANON: "allow", **dict.fromkeys(ROLES, "405")}, EVERYONE),
    "admin:password_change": (STAFF, STAFF),
    "admin:password_change_done": (STAFF, GET_ONLY),
    "admin:autocomplete": (STAFF, GET_ONLY),
    "admin:jsi18n": (STAFF, GET_ONLY),
    "admin:view_on_site": (STAFF, STAFF),
    "admin:app_list[events]": (STAFF, STAFF),
    "admin:app_list[places]": (STAFF, STAFF),
    "admin:app_list[control]": (STAFF, STAFF),
    "admin:app_list[auth]": (NOBODY, NOBODY),
    "admin:catch_all": (NOBODY, NOBODY),  # unknown admin URLs: 404 (or log in)
    "admin-ingest": (WRITERS, WRITERS),  # propose events from an article
    # its place map's gazetteer search (JSON, GET only)
    "admin-ingest-places": (
        WRITERS,
        {ANON: "deny", V: "deny", E: "405", R: "405", A: "405"},
    ),
    "places review queue": (STAFF, STAFF),  # the place changelist, ?review=yes
    "old place URLs": (EVERYONE, EVERYONE),  # /admin/events/place/… -> /admin/places/
}

# The admin pages of each kind of record, and which RECORDS column each one's GET and
# POST follow. "staff": any logged-in role (the page only redirects to another).
STANDARD = ("changelist", "add", "change", "delete", "history", "redirect")
WITH_REVERT = (*STANDARD, "simple_history")  # django-simple-history's Revert form
PAGES = {
    "events.event": WITH_REVERT,
    "events.actor": WITH_REVERT,
    "events.source": WITH_REVERT,
    "places.place": STANDARD,
    "events.duplicatecandidate": STANDARD,
    "events.correction": STANDARD,
    "events.eventtype": STANDARD,
    "control.controlobservation": WITH_REVERT,
    "auth.user": (*STANDARD, "password_change"),
    "auth.group": STANDARD,
}
PAGE_COLUMNS = {
    "changelist": ("read", "read"),
    "add": ("add", "add"),
    "change": ("read", "change"),
    "delete": ("delete", "delete"),
    "history": ("read", "read"),
    "simple_history": ("read", "change"),
    "redirect": ("staff", "staff"),
    "password_change": ("change", "change"),
}
COLUMNS = {"read": 0, "add": 1, "change": 2, "delete": 3}
PER_RECORD = {"change", "delete", "history", "simple_history", "redirect"}
PER_RECORD |= {"password_change"}


def _who(columns: tuple, column: str) -> frozenset:
    return STAFF if column == "staff" else columns[COLUMNS[column]]


def role_model() -> dict[str, tuple]:
    """Every cell of the matrix: {view: (who may GET, who may POST)}."""
    cells = dict(SITE)
    for kind, pages in PAGES.items():
        states = RECORDS[kind]
        for page in pages:
            for state in states if page in PER_RECORD else list(states)[:1]:
                key = (
                    f"{kind}[{state}]:{page}"
                    if page in PER_RECORD
                    else f"{kind}:{page}"
                )
                get, post = PAGE_COLUMNS[page]
                cells[key] = (_who(states[state], get), _who(states[state], post))
    for kind, actions in ACTIONS.items():
        for action, who in actions.items():
            cells[f"{kind}:action:{action}"] = (who, who)
    return cells


def classified_views() -> set[str]:
    extra = {"places review queue"}  # a filter of a page, not a URL of its own
    pages = {f"record:{kind}:{page}" for kind, names in PAGES.items() for page in names}
    return (set(SITE) - extra) | pages


def classified_actions() -> set[str]:
    return {f"{kind}:action:{a}" for kind, actions in ACTIONS.items() for a in actions}
