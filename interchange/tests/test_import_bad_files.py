"""Bad input: bad rows write nothing and are all reported, missing columns named, NUL
bytes, huge cells, invalid UTF-8, repeated ids, files over the limit, dry runs."""

import pytest

from events.models import Event
from interchange.tests.samples import (
    DATA,
    SAMPLES,
    _acled_csv,
    _counts,
    _errors,
    _import,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fmt", "name", "expected"),
    [
        (
            "acled",
            "acled_bad_rows.csv",
            [
                "line 3: event_date: '2019-02-30' is not a valid date",
                "line 4: latitude: 'north' is not a number",
                "line 6: sub_event_type: 'Dogfight' under 'Battles' is not in the "
                "event-type taxonomy",
                "line 7: has 3 cells, the header has 31",
            ],
        ),
        (
            "ucdp",
            "ucdp_bad_rows.csv",
            [
                "line 3: type_of_violence: '4' is not one of 1, 2, 3",
                "line 4: date_end: '2019-07-14' is before date_start",
                "line 5: country: 'Atlantis' is not a known country",
            ],
        ),
        (
            "geojson",
            "geojson_bad_features.geojson",
            [
                "feature 1: date_start: '2019-02-30' is not a valid date",
                "feature 2: type.slug: 'no-such-type' is not an event-type slug",
                "feature 3: geometry.coordinates: [500, 1] is out of range",
            ],
        ),
    ],
)
def test_bad_rows_write_nothing_and_are_all_reported(fmt, name, expected):
    assert _errors(fmt, DATA / name) == expected
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_bad_file_leaves_earlier_imports_untouched():
    _import("acled")
    before = _counts()
    _errors("acled", DATA / "acled_bad_rows.csv")
    assert _counts() == before


def test_missing_required_columns_are_named(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("event_id_cnty,event_date,country\nSYR1,2019-01-01,Syria\n")
    assert _errors("acled", path) == [
        "line 1: header: missing required columns: event_type, sub_event_type, "
        "actor1, location, latitude, longitude"
    ]


def test_nul_bytes_and_huge_cells_are_row_errors(tmp_path):
    path = _acled_csv(
        tmp_path,
        [
            {"event_id_cnty": "A1"},
            {"event_id_cnty": "A2", "notes": "x" * 10_001},
            {"event_id_cnty": "A3", "location": "Kab\x00ani"},
        ],
    )
    assert _errors("acled", path) == [
        "line 3: notes: is 10001 characters long (at most 10000)",
        "line 4: location: contains a NUL byte",
    ]
    assert Event.objects.count() == 0


def test_invalid_utf8_names_its_line(tmp_path):
    good = _acled_csv(tmp_path, [{"event_id_cnty": "A1"}, {"event_id_cnty": "A2"}])
    data = good.read_bytes().replace(b"Kabani", b"Kab\xe9ni", 2)
    good.write_bytes(data.replace(b"Kab\xe9ni", b"Kabani", 1))
    assert _errors("acled", good) == [
        "line 3: is not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_duplicate_ids_in_one_file_are_errors(tmp_path):
    path = _acled_csv(tmp_path, [{"event_id_cnty": "A1"}, {"event_id_cnty": "A1"}])
    assert _errors("acled", path) == ["line 3: id: 'A1' repeats line 2"]


def test_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 100
    size = SAMPLES["acled"].stat().st_size
    assert _errors("acled", SAMPLES["acled"]) == [
        f"file: is {size} bytes, more than the 100 allowed"
    ]
    assert Event.objects.count() == 0


def test_dry_run_writes_nothing():
    report = _import("acled", dry_run=True)
    assert (report.created, report.places_created) == (3, 3)
    assert _counts() == (0, 0, 0, 0, 0, 0)
