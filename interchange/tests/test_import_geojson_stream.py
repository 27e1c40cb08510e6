"""GeoJSON files are read feature by feature (interchange.jsonstream), not whole: our
format and UCDP GED releases as GeoJSON (issue 15)."""

import copy
import io
import json
from pathlib import Path

import pytest

from events.models import Event
from interchange import files, geojson, jsonstream, ucdp, writer
from interchange.records import ImportRejected
from interchange.tests.samples import _counts

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "interchange" / "geojson_sample.geojson"
GED = DATA / "real" / "ucdp_ged_231_car_thirdparty_excerpt.geojson"
READ_LIMIT = 64 * 1024  # ijson reads 64 KiB at a time


class _Source(io.BytesIO):
    """A file that records the largest read asked of it (the old importer read the
    whole file with one read())."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.largest = 0

    def read(self, size: int | None = -1) -> bytes:
        wanted = len(self.getbuffer()) if size is None or size < 0 else size
        self.largest = max(self.largest, min(wanted, len(self.getbuffer())))
        return super().read(size)


def _features(count: int, *, note: str = "") -> bytes:
    """``count`` copies of the sample's first feature with their own ids."""
    template = json.loads(SAMPLE.read_text(encoding="utf-8"))["features"][0]
    features = []
    for number in range(1, count + 1):
        feature = copy.deepcopy(template)
        props = feature["properties"]
        props["external_dataset"], props["external_id"] = "geojson", f"f{number}"
        props["summary"] = note
        features.append(feature)
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def test_features_are_parsed_and_written_batch_by_batch_as_the_file_is_read(
    monkeypatch,
):
    """As found: the whole document was decoded (json.loads) before the first feature
    was parsed; now the first batch is parsed when a fraction of the file is read."""
    monkeypatch.setattr(writer, "BATCH", 5)
    data = _features(60, note="A long summary. " * 400)
    source = _Source(data)
    positions = []
    parse = geojson.parse

    def watching(features, **kwargs):
        positions.append(source.tell())
        return parse(features, **kwargs)

    monkeypatch.setattr(geojson, "parse", watching)

    report = files.event_import_stream(source=source, fmt="geojson")

    assert (report.rows, report.created) == (60, 60)
    assert len(positions) == 12
    assert positions[0] < len(data) / 2
    assert source.largest <= READ_LIMIT
    assert Event.objects.filter(external_dataset="geojson").count() == 60


def test_ged_geojson_release_is_read_in_small_pieces():
    """The real GED 23.1 GeoJSON excerpt loads as before, never read whole."""
    data = GED.read_bytes()
    source = _Source(data * 1)
    report = files.event_import_stream(source=source, fmt="ucdp")
    assert report.layout == ucdp.GED_GEOJSON
    assert report.created == report.rows == 20
    assert source.largest <= max(4096, READ_LIMIT)
    assert source.largest < len(data)


def test_a_repeated_id_in_a_later_batch_refuses_the_file(monkeypatch):
    monkeypatch.setattr(writer, "BATCH", 2)
    document = json.loads(_features(5))
    document["features"][4]["properties"]["external_id"] = "f1"
    data = json.dumps(document).encode()
    before = _counts()
    with pytest.raises(ImportRejected) as refused:
        files.event_import_bytes(data=data, fmt="geojson")
    assert [str(e) for e in refused.value.errors] == [
        "feature 5: id: 'f1' repeats feature 1"
    ]
    assert _counts() == before


def test_a_json_fault_is_refused_with_its_line():
    data = b'{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",}\n]}'
    with pytest.raises(ImportRejected) as refused:
        files.event_import_bytes(data=data, fmt="geojson")
    (error,) = refused.value.errors
    assert str(error).startswith("line 3: is not valid JSON")


def test_a_byte_that_is_not_utf8_is_named_with_its_line():
    data = _features(2).replace(b"Kafr Nabudah", b"Kafr Nab\xfddah", 1)
    line = data[: data.index(b"\xfd")].count(b"\n") + 1
    with pytest.raises(ImportRejected) as refused:
        files.event_import_bytes(data=data, fmt="geojson")
    (error,) = refused.value.errors
    assert str(error) == (
        f"line {line}: is not valid UTF-8 (byte 0xfd); save the file as UTF-8"
    )


def test_a_byte_order_mark_is_accepted():
    report = files.event_import_bytes(
        data=b"\xef\xbb\xbf" + _features(3), fmt="geojson"
    )
    assert report.created == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'[{"type": "Feature"}]', "file: type: must be a GeoJSON FeatureCollection"),
        (b'{"features": [], "type": "Topology"}', "file: type: must be a GeoJSON FeatureCollection"),
        (b'{"type": "FeatureCollection", "features": {}}', "file: features: must be a list"),
        (b'{"type": "FeatureCollection"}', "file: features: must be a list"),
        (b"", "file: is empty, not a GeoJSON FeatureCollection"),
    ],
)  # fmt: skip
def test_a_document_that_is_not_a_feature_collection_is_refused(data, message):
    with pytest.raises(ImportRejected) as refused:
        files.event_import_bytes(data=data, fmt="geojson")
    assert [str(e) for e in refused.value.errors] == [message]
    assert Event.objects.count() == 0


def test_the_type_may_follow_the_features():
    document = json.loads(_features(2))
    data = json.dumps({"features": document["features"], "type": "FeatureCollection"})
    report = files.event_import_bytes(data=data.encode(), fmt="geojson")
    assert report.created == 2


def test_counting_features_builds_none():
    assert jsonstream.count(io.BytesIO(_features(7))) == 7
    assert jsonstream.count(io.BytesIO(GED.read_bytes())) == 20
