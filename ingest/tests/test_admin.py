"""Admin page "Propose events from an article": permissions, proposals, confirm, bad input."""

import http.server
import threading
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from events.fixtures import seed_article
from events.models import Actor, Event, Source
from ingest import fetch
from places import gazetteer, gazetteer_load

pytestmark = pytest.mark.django_db

URL = "/admin/events/ingest/"
ARTICLE = (
    Path(seed_article.__file__).with_name(seed_article.ARTICLE_FILE).read_text("utf-8")
)
ARTICLE_FIELDS = {
    "published_on": "2019-07-19",
    "publisher": "Daily Sabah",
    "title": "Russia deploying special forces in Idlib, opposition says",
    "url": "",
}


@pytest.fixture(autouse=True)
def demo_actors() -> None:
    actors: dict[str, Actor] = {}
    for name, kind, aliases, parent, country, _ in seed_article.ACTORS:
        actors[name] = Actor.objects.create(
            name=name,
            kind=kind,
            aliases=aliases,
            parent=actors.get(parent) if parent else None,
            country_code=country,
        )
    assert len(gazetteer.gazetteer_index()) > 0


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_event"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _propose(client, text=ARTICLE, **fields):
    return client.post(URL, {**ARTICLE_FIELDS, "text": text, "_propose": "1", **fields})


def _confirm_data(response, *, keep=None) -> dict:
    """The confirm POST an editor sends after ticking the rows in ``keep``."""
    formset = response.context["formset"]
    data = {**ARTICLE_FIELDS, "text": ARTICLE, "_confirm": "1"}
    data.update(
        {
            f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
            f"{formset.prefix}-INITIAL_FORMS": str(len(formset.forms)),
        }
    )
    for index, form in enumerate(formset.forms):
        for name, value in form.initial.items():
            if value is None or name == "include":
                continue
            data[form.add_prefix(name)] = str(value)
        if keep is None or index in keep:
            data[form.add_prefix("include")] = "on"
    return data


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_non_staff_user_is_sent_to_login(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    response = client.post(URL, {**ARTICLE_FIELDS, "text": ARTICLE})
    assert response.status_code == 302
    assert not Event.objects.exists()


def test_staff_without_add_event_permission_gets_403(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    )
    assert client.get(URL).status_code == 403


def test_event_changelist_links_to_the_page(editor_client, editor):
    editor.user_permissions.add(Permission.objects.get(codename="view_event"))
    response = editor_client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 200
    assert URL in response.content.decode()


def test_form_renders(editor_client):
    response = editor_client.get(URL)
    assert response.status_code == 200
    assert b"Propose events" in response.content


def test_proposals_show_types_dates_places_and_stances(editor_client):
    response = _propose(editor_client)
    assert response.status_code == 200
    page = response.content.decode()
    assert "disputed" in page
    assert "8 July 2019 – 14 July 2019 — “last week”" in page
    assert "Tell Hamamiyat" in page
    assert "Northern Hama countryside" in page
    assert "non-state-actor-overtakes-territory" in page
    assert "denies | the Russian Defense Ministry (via TASS)" in page
    assert not Event.objects.exists()  # proposing saves nothing


def test_confirming_the_ticked_rows_creates_drafts(editor_client, editor):
    proposed = _propose(editor_client)
    response = editor_client.post(URL, _confirm_data(proposed, keep={0, 1}))
    assert response.status_code == 302
    assert "status__exact=draft" in response["Location"]
    events = Event.objects.all()
    assert events.count() == 2
    assert {e.status for e in events} == {Event.Status.DRAFT}
    assert {e.created_by for e in events} == {editor}
    assert Source.objects.get().publisher == "Daily Sabah"


def test_confirming_everything_twice_adds_nothing_the_second_time(editor_client):
    proposed = _propose(editor_client)
    data = _confirm_data(proposed)
    assert editor_client.post(URL, data).status_code == 302
    count = Event.objects.count()
    assert count >= 8
    response = editor_client.post(URL, data)
    assert Event.objects.count() == count
    message = [str(m) for m in get_messages(response.wsgi_request)][-1]
    assert message.startswith("Created 0 draft event(s)")
    assert "already existed" in message


def test_an_edited_invalid_row_saves_nothing(editor_client):
    proposed = _propose(editor_client)
    data = _confirm_data(proposed)
    data["events-2-statements"] = "shouts | someone | something"
    data["events-3-actors"] = "Nobody we know | initiator"
    response = editor_client.post(URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Unknown actor(s): Nobody we know" in page
    assert "stance | speaker | quote" in page
    assert not Event.objects.exists()
    assert not Source.objects.exists()


def test_confirming_with_nothing_ticked_is_refused(editor_client):
    proposed = _propose(editor_client)
    response = editor_client.post(URL, _confirm_data(proposed, keep=set()))
    assert response.status_code == 400
    assert "Tick at least one" in response.content.decode()


def test_tampered_management_form_is_refused(editor_client):
    response = editor_client.post(URL, {**ARTICLE_FIELDS, "_confirm": "1"})
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_html_and_script_are_stripped_and_escaped(editor_client):
    hostile = (
        "<script>alert('x')</script><p>The <b>Humaymat</b> hilltops fell into "
        'opposition hands last week, "<img src=x onerror=alert(1)>" said a commander.</p>'
    )
    response = _propose(editor_client, text=hostile)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "HTML markup was removed" in page


def test_one_megabyte_of_text_is_refused_clearly(editor_client):
    response = _propose(editor_client, text="Idlib " * 180_000)
    assert response.status_code == 400
    assert "too long" in response.content.decode()


def test_empty_text_is_refused_clearly(editor_client):
    response = _propose(editor_client, text="   ")
    assert response.status_code == 400
    assert "Paste the article" in response.content.decode()


@pytest.mark.parametrize("bad", ["2019-13-45", "yesterday", "0001-01-01", "2999-01-01"])
def test_bad_publication_date_is_refused_clearly(editor_client, bad):
    response = _propose(editor_client, published_on=bad)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_url_is_not_fetched_by_default(editor_client):
    response = _propose(editor_client, text="", url="http://127.0.0.1:9/article")
    assert response.status_code == 400
    assert "turned off" in response.content.decode()


@pytest.fixture
def article_server():
    body = f"<html><head><title>T</title><script>x()</script></head><body><p>{ARTICLE}</p></body></html>"

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            payload = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/article"
    server.shutdown()
    server.server_close()


def test_url_is_fetched_when_allowed(
    editor_client, settings, article_server, monkeypatch
):
    settings.INGEST_ALLOW_URL_FETCH = True
    # The local server stands for a public news site (loopback is refused otherwise).
    monkeypatch.setitem(fetch.TEST_PUBLIC_HOSTS, "news.example", "127.0.0.1")
    url = article_server.replace("127.0.0.1", "news.example")
    response = _propose(editor_client, text="", url=url)
    assert response.status_code == 200
    assert len(response.context["proposal"].events) >= 8


def test_proposing_with_the_gazetteer_table_loaded(editor_client):
    gazetteer_load.gazetteer_load_bundled()
    response = _propose(editor_client)
    assert response.status_code == 200
    names = {p.name for p in response.context["proposal"].places}
    assert {"Idlib", "Tell Hamamiyat", "Northern Hama countryside"} <= names


def test_confirm_never_touches_a_published_event(editor_client):
    """Issue 11, item 2: an Editor confirmed a proposal matching a published event
    and attached an invented denial to it ("1 already existed and were updated")."""
    proposed = _propose(editor_client)
    data = _confirm_data(proposed, keep={0})
    assert editor_client.post(URL, data).status_code == 302
    published = Event.objects.get()
    published.status = Event.Status.PUBLISHED
    published.save()
    links = list(published.event_sources.values_list("pk", flat=True))
    disputed = published.disputed
    data["events-0-statements"] = "claims | Ministry of Defence | It happened.\n" + (
        "denies | Ministry of Defence | It never happened."
    )
    response = editor_client.post(URL, data)
    assert response.status_code == 302
    published.refresh_from_db()
    assert list(published.event_sources.values_list("pk", flat=True)) == links
    assert published.disputed is disputed
    assert published.corrections.count() == 0
    fresh = Event.objects.exclude(pk=published.pk).get()
    assert fresh.status == Event.Status.DRAFT
    assert fresh.title == published.title
    assert fresh.event_sources.filter(stance="denies").exists()
