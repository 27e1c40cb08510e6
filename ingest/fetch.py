"""Fetch an article's text from a URL; off unless settings.INGEST_ALLOW_URL_FETCH."""

import http.client
import ipaddress
import socket
import ssl
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_BYTES = 2_000_000
TIMEOUT_SECONDS = 5
MAX_REDIRECTS = 3
REDIRECTS = {301, 302, 303, 307, 308}
ARTICLE_TYPES = {"text/html", "text/plain", "application/xhtml+xml"}
# One message for every connection failure (refused, reset, timeout, TLS, no such
# name): different messages would tell an editor which ports are open where.
UNREACHABLE = "The URL could not be fetched."
NOT_PUBLIC = "Only public internet addresses can be fetched."
# Tests only: host names that resolve to the given address and count as public
# (a real local server standing in for a news site). Empty in production.
TEST_PUBLIC_HOSTS: dict[str, str] = {}

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """The URL could not be fetched (turned off, refused, too big, not HTML or text)."""


def is_public_address(address: Address) -> bool:
    """False for private, loopback, link-local, multicast, reserved, unspecified and
    shared addresses, also when wrapped in IPv6 (IPv4-mapped, 6to4, Teredo)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo:
            embedded = address.teredo[1]
        if embedded is not None and not is_public_address(embedded):
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or getattr(address, "is_site_local", False)  # IPv6 only: fec0::/10
    )


def _public_ip(host: str, port: int) -> str:
    """The address to connect to for ``host``: every address it resolves to must be
    public (a name with one private address is refused). Raises FetchError."""
    if host in TEST_PUBLIC_HOSTS:
        return TEST_PUBLIC_HOSTS[host]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(UNREACHABLE) from error
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses or not all(is_public_address(a) for a in addresses):
        raise FetchError(NOT_PUBLIC)
    return str(addresses[0])


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address that was checked, not to a second DNS answer."""

    def __init__(self, host: str, port: int, *, ip: str) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS)
        self.ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self.ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """As _PinnedHTTP; the certificate is checked against the URL's host name."""

    def __init__(self, host: str, port: int, *, ip: str) -> None:
        super().__init__(
            host, port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
        self.ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self.ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _Text(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template", "nav", "footer", "header"}
    _BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "li", "article", "section"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skipping += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skipping:
            self.parts.append(data)


def is_enabled() -> bool:
    return bool(getattr(settings, "INGEST_ALLOW_URL_FETCH", False))


def _get(url: str) -> tuple[int, str, str, bytes]:
    """(status, Location, Content-Type, body) of one GET, at a checked address."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchError("This is not a valid URL.") from error
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchError("Only http and https URLs can be fetched.")
    if not parts.hostname:
        raise FetchError("This is not a valid URL.")
    port = port or (443 if scheme == "https" else 80)
    ip = _public_ip(parts.hostname, port)
    connection_class = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = connection_class(parts.hostname, port, ip=ip)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    try:
        connection.request(
            "GET", path, headers={"User-Agent": settings.GEOCODER_USER_AGENT}
        )
        response = connection.getresponse()
        kind = response.headers.get_content_type()
        location = response.getheader("Location", "")
        body = b"" if response.status in REDIRECTS else response.read(MAX_BYTES + 1)
        charset = response.headers.get_content_charset() or "utf-8"
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise FetchError(UNREACHABLE) from error
    finally:
        connection.close()
    return response.status, location, f"{kind};{charset}", body


def article_fetch(url: str) -> tuple[str, str]:
    """(title, text) of the page at ``url``. Raises FetchError; never called when off.

    Every hop (the URL and each redirect, at most MAX_REDIRECTS) must be http(s) on a
    public address; the connection goes to the address that was checked."""
    if not is_enabled():
        raise FetchError("Fetching URLs is turned off here: paste the article's text.")
    for _hop in range(MAX_REDIRECTS + 1):
        status, location, content_type, body = _get(url)
        if status not in REDIRECTS:
            break
        if not location:
            raise FetchError(UNREACHABLE)
        url = urljoin(url, location)
    else:
        raise FetchError(f"The URL redirected more than {MAX_REDIRECTS} times.")
    if status != 200:
        raise FetchError(f"The URL answered HTTP {status}, not an article.")
    kind, charset = content_type.split(";", 1)
    if kind not in ARTICLE_TYPES:
        raise FetchError(f"The URL returned {kind}, not an article.")
    if len(body) > MAX_BYTES:
        raise FetchError("The page is larger than 2 MB; paste the article's text.")
    try:
        page = body.decode(charset, errors="replace")
    except LookupError:  # an unknown charset name
        page = body.decode("utf-8", errors="replace")
    if kind == "text/plain":
        return "", page
    parser = _Text()
    parser.feed(page)
    return parser.title.strip(), "".join(parser.parts)
