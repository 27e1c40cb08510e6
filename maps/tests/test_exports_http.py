"""Downloads of the current view: /export/events.geojson, events.csv and map.html."""

import csv
import datetime as dt
import io
import json

import pytest
from rest_framework.throttling import AnonRateThrottle

from events.models import Event
from events.tests.factories import EventFactory, EventSourceFactory
from interchange import acled, ucdp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_throttle(monkeypatch, settings):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": None})
    settings.EXPORT_RATE_LIMIT = ""


@pytest.fixture
def events():
    old = EventFactory(title="Old published", date_start=dt.date(2019, 5, 1))
    new = EventFactory(title="New published", date_start=dt.date(2019, 8, 1))
    draft = EventFactory(title="Secret draft", status=Event.Status.DRAFT)
    review = EventFactory(title="Secret review", status=Event.Status.IN_REVIEW)
    retracted = EventFactory(title="Secret retracted", status=Event.Status.RETRACTED)
    EventSourceFactory(event=new, quote="A quote in the export")
    return {"old": old, "new": new, "hidden": [draft, review, retracted]}


def _csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "BOM for spreadsheets"
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_geojson_export_is_an_attachment_of_published_events_only(client, events):
    response = client.get("/export/events.geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.geojson"')
    document = json.loads(response.content)
    assert document["type"] == "FeatureCollection"
    ids = [feature["id"] for feature in document["features"]]
    assert ids == [events["new"].pk, events["old"].pk]  # newest first
    assert document["truncated"] is False
    assert response["X-Export-Count"] == "2"
    quotes = [
        source["quote"]
        for feature in document["features"]
        for source in feature["properties"]["sources"]
    ]
    assert "A quote in the export" in quotes


def test_geojson_export_applies_the_map_filters(client, events):
    response = client.get("/export/events.geojson?date_from=2019-07-01")
    ids = [feature["id"] for feature in json.loads(response.content)["features"]]
    assert ids == [events["new"].pk]


def test_export_is_publicly_cacheable_for_a_short_time(client, events):
    response = client.get("/export/events.geojson")
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]


def test_geojson_export_bad_filter_is_400_with_the_field_errors(client, events):
    response = client.get("/export/events.geojson?date_from=2019-13-45&in_bbox=1,2")
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"date_from", "in_bbox"}
    assert "min_lon,min_lat,max_lon,max_lat" in errors["in_bbox"][0]


def test_csv_export_defaults_to_acled_columns(client, events):
    response = client.get("/export/events.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "-acled-" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert list(rows[0]) == list(acled.COLUMNS)
    assert [row["location"] for row in rows] == [
        events["new"].place.name,
        events["old"].place.name,
    ]


def test_csv_export_ucdp_format(client, events):
    response = client.get("/export/events.csv?format=ucdp&date_to=2019-06-01")
    assert "-ucdp-" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert list(rows[0]) == list(ucdp.COLUMNS)
    assert len(rows) == 1


def test_csv_export_unknown_format_is_400(client, events):
    response = client.get("/export/events.csv?format=xlsx")
    assert response.status_code == 400
    assert "format=acled or format=ucdp" in response.content.decode()


def test_csv_export_bad_filter_is_400_with_a_message(client, events):
    response = client.get("/export/events.csv?disputed=maybe")
    assert response.status_code == 400
    body = response.content.decode()
    assert "disputed: Expected disputed=true or disputed=false." in body


def test_csv_export_escapes_formula_cells(client):
    EventFactory(title='=HYPERLINK("http://evil.example","x")', summary="@SUM(1)")
    rows = _csv_rows(client.get("/export/events.csv"))
    assert rows[0]["notes"].startswith("'")
    assert not any(value.startswith(("=", "@")) for value in rows[0].values())


def test_csv_export_leaves_hidden_events_out(client, events):
    response = client.get("/export/events.csv")
    assert len(_csv_rows(response)) == 2
    assert "Secret" not in response.content.decode()


def test_map_export_is_a_standalone_html_attachment(client, events):
    response = client.get("/export/map.html?date_from=2019-07-01")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response["Content-Disposition"].endswith('.html"')
    assert response["Content-Disposition"].startswith("attachment;")
    html = response.content.decode()
    assert "New published" in html
    assert "Old published" not in html
    assert "Secret" not in html
    assert "date_from=2019-07-01" in html  # the filters are stated in the file
    assert response["X-Export-Count"] == "1"


def test_map_export_bad_filter_is_400(client, events):
    response = client.get("/export/map.html?type=no-such-type")
    assert response.status_code == 400
    assert "Unknown event type: no-such-type." in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/export/events.geojson", "/export/events.csv", "/export/map.html"]
)
def test_exports_are_capped_newest_first(client, events, settings, url):
    settings.EXPORT_MAX_EVENTS = 1
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Export-Count"] == "1"
    assert response["X-Export-Truncated"] == "true"
    body = response.content.decode()
    assert "New published" in body or events["new"].place.name in body
    assert "Old published" not in body


def test_exports_answer_head_requests(client, events):
    assert client.head("/export/events.csv").status_code == 200


def test_exports_refuse_post(client, events):
    assert client.post("/export/events.geojson").status_code == 405


def test_exports_have_their_own_lower_rate_limit(client, events, settings):
    """The API's limit does not cover exports; EXPORT_RATE_LIMIT does, per client."""
    settings.EXPORT_RATE_LIMIT = "3/min"
    codes = [
        client.get("/export/events.geojson").status_code,
        client.get("/export/events.csv").status_code,
        client.get("/export/map.html").status_code,
    ]
    limited = client.get("/export/map.html")
    assert codes == [200, 200, 200]
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) >= 1
    assert b"Too many requests" in limited.content
    assert client.get("/api/v1/events/").status_code == 200  # the API is not spent
    other = client.get("/export/map.html", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200  # another client has its own budget


def test_map_export_never_runs_curated_text_as_a_template(client):
    # branca re-renders macro output with Jinja: "{{ … }}" in data must stay text.
    EventFactory(title="T{{ 6*7 }}X {% if 1 %}Y{% endif %}Z", summary="{# gone #}W")
    html = client.get("/export/map.html").content.decode()
    assert "T42X" not in html
    assert "\\u007b{ 6*7 }}X \\u007b% if 1 %}Y\\u007b% endif %}Z" in html
    assert "\\u007b# gone #}W" in html
