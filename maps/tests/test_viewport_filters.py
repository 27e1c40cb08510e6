"""maps.forms.viewport_filters: the form's filters of a cluster request, its fields but
in_bbox parsed once per distinct values (issue 16), never other than the form's."""

import itertools

import pytest
from django.http import QueryDict

from events import dataversion
from events.models import EventType
from maps import forms
from maps.forms import EventFilterForm, viewport_filters

URL = "/api/v1/clusters/"
BBOXES = [
    None, "", "36,35,37,36", " 36.1,35.2,36.9,35.8 ", "36,35,36,36", "37,35,36,36",
    "36,35,37", "36,35,37,nan", "36,35,37,inf", "x,35,37,36", "36,35,37,36\x00",
    "1," * 60 + "1", "-180,-90,180,90", "36,35,37,91",
]  # fmt: skip
OTHERS = [
    {},
    {"date_from": "2024-01-01", "date_to": "2024-12-31"},
    {"date_from": "2024-12-31", "date_to": "2024-01-01"},  # reversed: an error
    {"date_from": "2024-13-01"},
    {"type": "{slug}"},
    {"type": "{slug},no-such-type"},
    {"actor": "1, Some army ,", "disputed": "yes", "q": "  Idlib "},
    {"disputed": "maybe"},
    {"q": "a" * 201},
    {"place": "Idlib", "type": ""},
]


def _params(bbox: str | None, others: dict, slug: str) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in others.items():
        query[name] = value.format(slug=slug)
    if bbox is not None:
        query["in_bbox"] = bbox
    return query


def _fields(filters) -> tuple:
    return (
        filters.bbox_extent, filters.date_from, filters.date_to, filters.types,
        filters.actors, filters.disputed, filters.q, filters.place,
    )  # fmt: skip


@pytest.mark.django_db
def test_viewport_filters_are_the_forms_filters_or_none_on_its_errors():
    slug = EventType.objects.values_list("slug", flat=True).first()
    checked = 0
    for _ in range(2):  # the second time from the kept fields
        for bbox, others in itertools.product(BBOXES, OTHERS):
            params = _params(bbox, others, slug)
            form = EventFilterForm(params)
            found = viewport_filters(params)
            if not form.is_valid():
                assert found is None, (bbox, others)
                continue
            assert found is not None, (bbox, others)
            assert _fields(found) == _fields(form.to_filters()), (bbox, others)
            checked += 1
    assert checked > 40


@pytest.mark.django_db
def test_a_kept_type_filter_is_checked_again_when_the_types_change():
    EventType.objects.create(slug="sieges", name="Sieges")
    dataversion.memos_reset()
    params = _params("36,35,37,36", {"type": "sieges"}, "")
    assert viewport_filters(params).types == ["sieges"]
    EventType.objects.filter(slug="sieges").delete()
    dataversion.memos_reset()  # the next data version's type slugs
    assert viewport_filters(params) is None


@pytest.mark.django_db
def test_a_reader_panning_has_the_form_parse_its_filters_once(client, monkeypatch):
    """A new view that differs from the last by its bbox and zoom alone (a reader
    panning) is parsed without the form."""
    params = {"zoom": 9, "date_from": "2024-01-01", "date_to": "2024-12-31"}
    assert client.get(URL, {**params, "in_bbox": "36,35,37,36"}).status_code == 200
    parsed = []
    is_valid = EventFilterForm.is_valid
    monkeypatch.setattr(
        EventFilterForm, "is_valid", lambda form: parsed.append(1) or is_valid(form)
    )
    for k in range(1, 5):
        bbox = f"36.{k},35.{k},37.{k},36.{k}"
        response = client.get(URL, {**params, "zoom": 9 + k % 2, "in_bbox": bbox})
        assert response.status_code == 200
    assert parsed == []
    bad = client.get(URL, {**params, "in_bbox": "37,35,36,36"})
    assert bad.status_code == 400
    assert "in_bbox" in bad.json()
    assert parsed == [1]  # the form's errors


def test_kept_fields_are_bounded(monkeypatch):
    monkeypatch.setattr(forms, "OTHERS_KEPT", 3)
    for day in range(1, 10):
        assert viewport_filters(QueryDict(f"date_from=2024-01-0{day}")) is not None
    assert len(forms._others) <= 3


@pytest.mark.django_db
def test_in_bbox_is_checked_by_the_forms_own_field(monkeypatch):
    """One definition of in_bbox: a rule the form's field gains holds for the cluster
    requests' parser too (it once re-stated the field's checks)."""
    field = EventFilterForm.base_fields["in_bbox"]

    def no_western_hemisphere(value: str) -> None:
        if value.startswith("-"):
            raise forms.forms.ValidationError("East of Greenwich only.")

    monkeypatch.setattr(field, "validators", [*field.validators, no_western_hemisphere])
    params = QueryDict("in_bbox=-10,35,37,36")
    assert not EventFilterForm(params).is_valid()
    assert viewport_filters(params) is None
    assert viewport_filters(QueryDict("in_bbox=10,35,37,36")) is not None
