import pytest

from places import gazetteer, gazetteer_bundle
from places.geocoding import index as geoindex


@pytest.fixture(scope="session")
def index() -> geoindex.GazetteerIndex:
    """The offline index of the bundled gazetteer for the default countries, built once
    (no database). A module that needs another index defines its own ``index``."""
    rows = [
        gazetteer.index_entry_from_row(e)
        for e in gazetteer_bundle.gazetteer_bundled_entries()
    ]
    return geoindex.GazetteerIndex(rows)
