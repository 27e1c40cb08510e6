"""Hostile import files end in a clear error, not minutes of work or a traceback."""

import pytest
from django.core.management import CommandError, call_command

from events.models import Event
from interchange import csvio

pytestmark = pytest.mark.django_db


def _import_events(fmt: str, path) -> tuple[str, str]:
    """Run ``manage.py import_events`` as an operator would; (stderr, CommandError)."""
    import io

    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_events", "--format", fmt, str(path), stderr=err)
    return err.getvalue(), str(failed.value)


def test_csv_with_a_million_columns_is_refused_at_the_header(tmp_path):
    """As found: 1M columns kept import_events busy for minutes (quadratic header
    check); now the header alone is read and refused."""
    columns = 1_000_000
    header = ",".join(f"c{i}" for i in range(columns))
    path = tmp_path / "wide.csv"
    path.write_text(header + "\n" + ",".join("x" * columns) + "\n")
    stderr, error = _import_events("acled", path)
    # problems are grouped by kind (interchange.problems); the row's own line is kept
    assert (
        f"line 1: header: has {columns} columns, more than the "
        f"{csvio.MAX_COLUMNS} allowed"
    ) in stderr
    assert "nothing was imported" in error
    assert Event.objects.count() == 0


def test_csv_just_over_the_column_cap_is_refused(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(csvio.MAX_COLUMNS + 1)) + "\n")
    stderr, _ = _import_events("ucdp", path)
    assert "more than the 500 allowed" in stderr


def test_duplicate_column_check_still_works(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("id,year,ID,year\n1,2,3,4\n")
    stderr, _ = _import_events("ucdp", path)
    assert "line 1: header: duplicate columns: id, year" in stderr


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_geojson_nested_200k_levels_is_a_clear_error(tmp_path, opening):
    """As found: an uncaught RecursionError instead of a message."""
    depth = 200_000
    closing = "]" if opening == "[" else "}"
    path = tmp_path / "deep.geojson"
    path.write_text(opening * depth + "1" + closing * depth)
    stderr, error = _import_events("geojson", path)
    assert "file: is nested too deeply to be a GeoJSON file" in stderr
    assert "nothing was imported" in error


def test_geojson_nested_in_a_feature_property_is_handled(tmp_path):
    """Nesting the JSON decoder accepts (a few hundred levels) inside a property is
    refused as a bad property, not a crash."""
    nested = "[" * 300 + "]" * 300
    path = tmp_path / "prop.geojson"
    path.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","id":"x",'
        f'"geometry":null,"properties":{{"title":{nested}}}}}]}}'
    )
    stderr, _ = _import_events("geojson", path)
    assert "title" in stderr
