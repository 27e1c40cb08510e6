import pytest

from events import demo
from places import gazetteer


@pytest.fixture
def actors_and_gazetteer() -> None:
    """The demo actors and a loaded gazetteer, as the extractor reads them."""
    demo._actors()
    assert len(gazetteer.gazetteer_index()) > 0
