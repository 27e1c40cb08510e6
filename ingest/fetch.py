"""Fetch an article's text from a URL; off unless settings.INGEST_ALLOW_URL_FETCH."""

import urllib.error
import urllib.request
from html.parser import HTMLParser

from django.conf import settings

MAX_BYTES = 2_000_000
TIMEOUT_SECONDS = 5


class FetchError(Exception):
    """The URL could not be fetched (turned off, refused, too big, not HTML or text)."""


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


def article_fetch(url: str) -> tuple[str, str]:
    """(title, text) of the page at ``url``. Raises FetchError; never called when off."""
    if not is_enabled():
        raise FetchError("Fetching URLs is turned off here: paste the article's text.")
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError("Only http and https URLs can be fetched.")
    request = urllib.request.Request(
        url, headers={"User-Agent": settings.GEOCODER_USER_AGENT}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            kind = response.headers.get_content_type()
            if kind not in {"text/html", "text/plain", "application/xhtml+xml"}:
                raise FetchError(f"The URL returned {kind}, not an article.")
            body = response.read(MAX_BYTES + 1)
            charset = response.headers.get_content_charset() or "utf-8"
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
        raise FetchError(f"The URL could not be fetched: {error}") from error
    if len(body) > MAX_BYTES:
        raise FetchError("The page is larger than 2 MB; paste the article's text.")
    page = body.decode(charset, errors="replace")
    if kind == "text/plain":
        return "", page
    parser = _Text()
    parser.feed(page)
    return parser.title.strip(), "".join(parser.parts)
