"""What the tests of the public pages share: hostile and unpublished strings, the
client, and readers of a page's map config, oEmbed answer and iframe."""

import json
import re

import pytest
from django.test import Client

from events.models import Event

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


UNPUBLISHED = [Event.Status.DRAFT, Event.Status.IN_REVIEW, Event.Status.RETRACTED]


@pytest.fixture
def client() -> Client:
    return Client()


def map_config(response) -> dict:
    html = response.content.decode()
    found = re.search(
        r'<script id="map-config" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, "the page carries its map config in a json_script element"
    return json.loads(found.group(1))


def oembed(client, url: str, **params):
    return client.get("/oembed", {"url": url, **params})


def iframe_src(html: str) -> str:
    found = re.search(r'<iframe src="([^"]+)"', html)
    assert found
    return found.group(1).replace("&amp;", "&")
