"""An armed clash's sides both fought; a tribal or Druze militia is one of them."""

from types import SimpleNamespace

import pytest

from events.models import Actor
from ingest import drafts
from ingest.actors import roles
from ingest.actors.actors import ActorMatcher


@pytest.fixture(scope="module")
def matcher() -> ActorMatcher:
    rows = [
        (1, "Druze militias", "identity_militia", "SY", ["Druze fighters"]),
        (2, "Tribal militias", "identity_militia", "SY", ["Bedouin gunmen"]),
        (3, "Syrian Democratic Forces", "rebel_coalition", "SY", ["SDF"]),
        (4, "Syrian government forces", "state_forces", "SY", ["government forces"]),
        (5, "Civilians", "civilians", "", ["civilians"]),
    ]
    return ActorMatcher(
        Actor(pk=pk, name=name, kind=kind, country_code=country, aliases=aliases)
        for pk, name, kind, country, aliases in rows
    )


def _roles(matcher, slug: str, sentence: str, cue: str) -> dict[str, str]:
    found = matcher.find(sentence)
    at = sentence.index(cue)
    hints = roles.position_roles(slug, sentence, (at, at + len(cue)), found)
    mention = SimpleNamespace(actors=found, roles=hints)
    return {a.name: a.role for a in drafts._actors(slug, [mention])}


def test_both_sides_of_a_clash_fought(matcher):
    sentence = "Clashes between Druze fighters and Bedouin gunmen killed 89 people."
    got = _roles(matcher, "armed-clash", sentence, "Clashes")
    assert got == {"Druze militias": "initiator", "Tribal militias": "initiator"}


def test_a_tribal_militia_is_a_side_of_a_clash(matcher):
    sentence = "Clashes in eastern Syria with Bedouin gunmen and the SDF left two dead."
    got = _roles(matcher, "armed-clash", sentence, "Clashes")
    assert got["Tribal militias"] == "initiator"
    assert got["Syrian Democratic Forces"] == "initiator"


def test_civilians_caught_in_a_clash_stay_victims(matcher):
    sentence = "Clashes between the SDF and government forces killed three civilians."
    got = _roles(matcher, "armed-clash", sentence, "Clashes")
    assert got["Civilians"] == "victim"
    assert got["Syrian Democratic Forces"] == "initiator"


def test_a_target_of_a_shelling_stays_a_target(matcher):
    sentence = "Government forces shelled SDF positions near the town."
    got = _roles(matcher, "shelling-artillery-missile-attack", sentence, "shelled")
    assert got["Syrian Democratic Forces"] == "target"


def test_a_side_the_wording_shows_attacked_fought_the_clash(matcher):
    sentence = "A car of government forces was attacked by the SDF near the town."
    got = _roles(matcher, "armed-clash", sentence, "attacked")
    assert got["Syrian government forces"] == "initiator"
    assert got["Syrian Democratic Forces"] == "initiator"
