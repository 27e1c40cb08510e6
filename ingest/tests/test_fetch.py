"""The article URL fetch refuses every address that is not public, at every hop (SSRF)."""

import http.server
import ipaddress
import socket
import threading

import pytest

from ingest import fetch

ARTICLE = "<html><head><title>Hilltops</title></head><body><p>Fighting in Idlib.</p>"
SECRET = "internal admin panel"


class _Handler(http.server.BaseHTTPRequestHandler):
    redirect_to = ""

    def do_GET(self):
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to)
            self.end_headers()
            return
        payload = (SECRET if self.path == "/secret" else ARTICLE).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1; ``server.hits`` counts the requests it got."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.redirect_to = ""
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.port = httpd.server_address[1]
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _fetch_on(settings):
    settings.INGEST_ALLOW_URL_FETCH = True


@pytest.fixture
def news_site(monkeypatch, server):
    """``news.example`` stands for a public news site: the test hook resolves it to
    the local server and counts it as public (nothing else is allowed)."""
    monkeypatch.setitem(fetch.TEST_PUBLIC_HOSTS, "news.example", "127.0.0.1")
    return f"http://news.example:{server.port}"


def test_public_site_is_fetched(news_site):
    title, text = fetch.article_fetch(f"{news_site}/article")
    assert title == "Hilltops"
    assert "Fighting in Idlib." in text


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "2130706433", "0.0.0.0"]
)
def test_loopback_server_is_refused(server, host):
    with pytest.raises(fetch.FetchError, match="public internet") as caught:
        fetch.article_fetch(f"http://{host}:{server.port}/secret")
    assert SECRET not in str(caught.value)


def test_redirect_from_a_public_site_to_loopback_is_refused(server, news_site):
    server.redirect_to = f"http://127.0.0.1:{server.port}/secret"
    with pytest.raises(fetch.FetchError, match="public internet"):
        fetch.article_fetch(f"{news_site}/redirect")


def test_redirect_to_a_name_resolving_to_loopback_is_refused(server, news_site):
    server.redirect_to = f"http://localhost:{server.port}/secret"
    with pytest.raises(fetch.FetchError, match="public internet"):
        fetch.article_fetch(f"{news_site}/redirect")


def test_redirect_to_another_scheme_is_refused(server, news_site):
    server.redirect_to = "file:///etc/passwd"
    with pytest.raises(fetch.FetchError, match="Only http and https"):
        fetch.article_fetch(f"{news_site}/redirect")


def test_redirect_within_the_public_site_is_followed(server, news_site):
    server.redirect_to = "/article"
    assert fetch.article_fetch(f"{news_site}/redirect")[0] == "Hilltops"


def test_redirect_loop_is_capped(server, news_site):
    server.redirect_to = "/redirect-again"
    with pytest.raises(fetch.FetchError, match="redirected more than 3 times"):
        fetch.article_fetch(f"{news_site}/redirect")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://news.example/", "gopher://x"]
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(fetch.FetchError, match="Only http and https"):
        fetch.article_fetch(url)


@pytest.mark.parametrize("url", ["http://[::1", "http://news.example:99999/"])
def test_malformed_urls_are_refused_clearly(url):
    with pytest.raises(fetch.FetchError, match="not a valid URL"):
        fetch.article_fetch(url)


def test_closed_and_open_ports_give_the_same_message(news_site, monkeypatch, server):
    """A closed port and an unresolvable name say no more than "could not be fetched":
    the messages cannot be used to scan ports."""
    with socket_closed_port() as closed:
        monkeypatch.setitem(fetch.TEST_PUBLIC_HOSTS, "closed.example", "127.0.0.1")
        with pytest.raises(fetch.FetchError) as refused:
            fetch.article_fetch(f"http://closed.example:{closed}/")

    def no_such_name(*args, **kwargs):  # as the resolver says; no DNS in tests
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    with pytest.raises(fetch.FetchError) as unknown:
        fetch.article_fetch("http://no-such-host.example/")
    assert str(refused.value) == str(unknown.value) == fetch.UNREACHABLE


class socket_closed_port:
    """A port on 127.0.0.1 that nothing listens on (bound, never listened)."""

    def __enter__(self) -> int:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        self.sock.close()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # shared address space
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fec0::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused(address):
    assert not fetch.is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]
)
def test_public_addresses_are_allowed(address):
    assert fetch.is_public_address(ipaddress.ip_address(address))


# --- through the admin page, as the review did ---------------------------------------


@pytest.fixture
def editor_client(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_event"))
    client.force_login(user)
    return client


def _propose_url(client, url):
    return client.post(
        "/admin/events/ingest/",
        {
            "published_on": "2019-07-19",
            "publisher": "Daily Sabah",
            "title": "Idlib",
            "url": url,
            "text": "",
            "_propose": "1",
        },
    )


@pytest.mark.django_db
def test_admin_page_does_not_show_a_loopback_page(editor_client, server):
    response = _propose_url(editor_client, f"http://127.0.0.1:{server.port}/secret")
    assert response.status_code == 400
    page = response.content.decode()
    assert "public internet" in page
    assert SECRET not in page


@pytest.mark.django_db
def test_admin_page_does_not_follow_a_redirect_to_loopback(
    editor_client, server, news_site
):
    server.redirect_to = f"http://localhost:{server.port}/secret"
    response = _propose_url(editor_client, f"{news_site}/redirect")
    assert response.status_code == 400
    assert SECRET not in response.content.decode()
