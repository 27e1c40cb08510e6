"""EventFilterForm: every surface's query parameters parse, or fail clearly."""

import dataclasses
import datetime as dt
import pickle

import pytest
from django.contrib.gis.geos import Polygon

from events.filters import EventFilters, parse_id
from maps.forms import EventFilterForm

pytestmark = pytest.mark.django_db


def form(**params: str) -> EventFilterForm:
    return EventFilterForm(params)


def test_empty_query_is_valid_and_unfiltered():
    f = form()
    assert f.is_valid(), f.errors
    filters = f.to_filters()
    assert filters.bbox is None
    assert filters.types == []
    assert filters.disputed is None


def test_bbox_parses_lon_lat_order():
    f = form(in_bbox="35.5,34.9,37.5,36.5")
    assert f.is_valid(), f.errors
    assert f.to_filters().bbox.extent == (35.5, 34.9, 37.5, 36.5)


def test_the_bbox_extent_is_known_without_asking_geos(monkeypatch):
    """Issue 16: reading the polygon's envelope back from GEOS cost ~35 µs of every
    map request; the parser has the numbers."""
    bounds = (36.12345, 35.2, 36.9, 35.987654)
    reference = EventFilters(bbox=Polygon.from_bbox(bounds))
    query = reference.as_query()  # asks GEOS
    f = form(in_bbox=",".join(map(str, bounds)))
    assert f.is_valid(), f.errors

    def asked(polygon):
        raise AssertionError("GEOS asked for the extent")

    monkeypatch.setattr(Polygon, "extent", property(asked))
    filters = f.to_filters()
    assert filters.bbox_extent == bounds
    assert filters.as_query() == query
    assert filters.bbox.equals_exact(reference.bbox, tolerance=0)


def test_the_bbox_polygon_is_built_only_when_read(monkeypatch):
    """Issue 16: the cluster index reads the extent alone; building the polygon of
    every new view's bbox (~20 GEOS calls) was wasted on it."""
    f = form(in_bbox="36.1,35.2,36.9,35.9", q="x")
    assert f.is_valid(), f.errors
    built, real = [], Polygon.from_bbox
    monkeypatch.setattr(
        Polygon, "from_bbox", staticmethod(lambda b: built.append(b) or real(b))
    )
    filters = f.to_filters()
    assert filters.as_query()["in_bbox"] == "36.1,35.2,36.9,35.9"
    assert built == []
    assert filters.bbox.extent == (36.1, 35.2, 36.9, 35.9)
    assert filters.bbox is filters.bbox
    assert len(built) == 1
    # Equal to the same filters made with a polygon; replace() and pickling keep it.
    made = EventFilters(bbox=Polygon.from_bbox((36.1, 35.2, 36.9, 35.9)), q="x")
    assert f.to_filters() == made
    assert dataclasses.replace(f.to_filters(), q="y").bbox.extent == made.bbox.extent
    assert pickle.loads(pickle.dumps(f.to_filters())) == made
    assert EventFilters().bbox is None
    assert EventFilters.of_extent(None).bbox is None


def test_forms_share_their_fields_and_not_their_state():
    """Issue 16: Django deep-copied the eight fields for every request's form (two
    fifths of parsing a map request); they are shared, the errors are not."""
    good, bad = form(disputed="true"), form(disputed="maybe", date_from="x")
    assert good.fields["disputed"] is EventFilterForm.base_fields["disputed"]
    assert good.fields is not bad.fields
    assert good.is_valid()
    assert not bad.is_valid()
    assert set(bad.errors) == {"disputed", "date_from"}
    assert not good.errors
    assert good.cleaned_data["disputed"] is True


@pytest.mark.parametrize(
    "value",
    [
        "1,2,3",
        "a,b,c,d",
        "37.5,34.9,35.5,36.5",  # min_lon > max_lon
        "35,95,36,96",  # latitude out of range
        "nan,1,2,3",
        "inf,1,2,3",
        "1,2,3,4,5",
    ],
)
def test_bad_bbox_is_rejected_with_its_format(value):
    f = form(in_bbox=value)
    assert not f.is_valid()
    assert "min_lon,min_lat,max_lon,max_lat" in f.errors["in_bbox"][0]


@pytest.mark.parametrize("value", ["2019-13-01", "19/07/2019", "yesterday", "2019-7"])
def test_bad_date_is_rejected(value):
    f = form(date_from=value)
    assert not f.is_valid()
    assert f.errors["date_from"] == ["Enter a valid date."]


def test_date_window_must_not_be_reversed():
    f = form(date_from="2019-07-19", date_to="2019-07-01")
    assert not f.is_valid()
    assert "date_to" in f.errors


def test_dates_parse():
    f = form(date_from="2019-04-26", date_to="2019-07-19")
    assert f.is_valid()
    assert f.to_filters().date_from == dt.date(2019, 4, 26)


def test_known_top_level_and_sub_types_pass():
    f = form(type="battles,air-drone-strike")
    assert f.is_valid(), f.errors
    assert f.to_filters().types == ["battles", "air-drone-strike"]


def test_unknown_type_names_the_culprit():
    f = form(type="battles,<script>")
    assert not f.is_valid()
    assert "<script>" in f.errors["type"][0]


@pytest.mark.parametrize(("raw", "parsed"), [("true", True), ("0", False), ("", None)])
def test_disputed_flag(raw, parsed):
    f = form(disputed=raw)
    assert f.is_valid()
    assert f.to_filters().disputed is parsed


def test_disputed_rejects_other_words():
    assert not form(disputed="maybe").is_valid()


def test_huge_values_are_rejected_not_processed():
    f = form(q="x" * 10_000, actor="a," * 5_000)
    assert not f.is_valid()
    assert set(f.errors) == {"q", "actor"}


def test_too_many_list_items_are_rejected():
    f = form(actor=",".join(str(i) for i in range(60)))
    assert not f.is_valid()
    assert "At most 50" in f.errors["actor"][0]


def test_as_query_round_trips():
    params = {
        "in_bbox": "35.5,34.9,37.5,36.5",
        "date_from": "2019-04-26",
        "date_to": "2019-07-19",
        "type": "battles",
        "actor": "National Liberation Front",
        "disputed": "true",
        "q": "hilltops",
    }
    f = EventFilterForm(params)
    assert f.is_valid(), f.errors
    assert f.to_filters().as_query() == params


def test_place_filter_parses_and_round_trips():
    f = form(place=" Kafr Nabudah ")
    assert f.is_valid(), f.errors
    filters = f.to_filters()
    assert filters.place == "Kafr Nabudah"
    assert filters.as_query() == {"place": "Kafr Nabudah"}


def test_place_filter_rejects_null_characters():
    assert not form(place="Idlib\x00").is_valid()


def _events_by_place():
    from events import selectors
    from events.tests.factories import EventFactory
    from places.models import PlaceName
    from places.tests.factories import PlaceFactory

    kafr = PlaceFactory(name="Kafr Nabudah", name_ar="كفر نبودة")
    PlaceName.objects.create(place=kafr, name="Kafr Nbouda", language="en")
    other = PlaceFactory(name="Kabani")
    inside, outside = EventFactory(place=kafr), EventFactory(place=other)

    def ids(**params: str) -> set[int]:
        f = form(**params)
        assert f.is_valid(), f.errors
        events = selectors.event_list_public(filters=f.to_filters())
        return set(events.values_list("pk", flat=True))

    return kafr, inside, outside, ids


@pytest.mark.parametrize("how", ["id", "name", "name-any-case", "arabic", "alternate"])
def test_place_filter_matches_id_and_exact_names(how):
    kafr, inside, _, ids = _events_by_place()
    value = {
        "id": str(kafr.pk),
        "name": "Kafr Nabudah",
        "name-any-case": "kafr nabudah",
        "arabic": "كفر نبودة",
        "alternate": "Kafr Nbouda",
    }[how]
    assert ids(place=value) == {inside.pk}


def test_place_filter_is_exact_not_a_substring():
    _, _, _, ids = _events_by_place()
    assert ids(place="Kafr") == set()
    assert ids(place="999999") == set()


def test_place_filter_combines_with_other_filters():
    kafr, inside, _, ids = _events_by_place()
    assert ids(place=str(kafr.pk), date_from="2019-07-01") == {inside.pk}
    assert ids(place=str(kafr.pk), date_from="2020-01-01") == set()


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("¹", None),
        ("²3", None),
        ("٣", None),
        ("9" * 19, None),
        ("", None),
        ("-1", None),
    ],
)
def test_parse_id_takes_ascii_digits_only(raw, parsed):
    assert parse_id(raw) == parsed


@pytest.mark.parametrize(
    "params",
    [{"actor": "¹"}, {"place": "²"}, {"actor": "9" * 30}, {"zoom": "¹"}],
)
def test_unicode_digits_never_crash_the_api(client, params):
    for url in ("/api/v1/events/", "/api/v1/clusters/?zoom=6"):
        response = client.get(url, params)
        assert response.status_code in (200, 400), (url, params)
