"""A state's adjective before a party's own name names the party, not a bystander
state (ingest/statements/ownnames.py, issue 13). Sentences written for these tests."""

from types import SimpleNamespace

import pytest

from ingest.proposal import ProposedStatement
from ingest.statements import bystanders

_DRONE = (
    "Israeli jets struck a depot near Kfar Kila on Monday. The Lebanese Hezbollah "
    "group said it fired drones at an Israeli army position."
)


def _stance(speaker: str, text: str = _DRONE) -> str:
    event = SimpleNamespace(
        statements=[ProposedStatement("claims", speaker, "", 0)], actors=[]
    )
    bystanders.report_bystanders([event], text)
    return event.statements[0].stance


@pytest.mark.parametrize(
    "speaker",
    [
        "The Lebanese Hezbollah group",
        "Lebanon’s Hezbollah group (via Reuters)",
        "Sudan's paramilitary Rapid Support Forces (RSF)",
        "the Lebanese Hezbollah group's Al-Manar television",
    ],
)
def test_a_partys_own_name_after_a_states_adjective_still_claims(speaker):
    assert _stance(speaker) == "claims"


@pytest.mark.parametrize(
    "speaker",
    [
        "Lebanon",
        "the Lebanese government",
        "Lebanese state media",
        "Lebanon's state-run National News Agency",
        "The Lebanese Ministry of Information",
    ],
)
def test_the_states_own_offices_still_report_as_a_bystander(speaker):  # guard
    assert _stance(speaker) == "reports"
