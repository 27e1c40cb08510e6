"""An incident named only as the time of another ("after the drone attack") is the
one told before, even in a clause naming its own place (issue 13, dev series F)."""

from ingest.incidents import grouping

CLAUSE = "ANHA also reported that Turkish shelling occurred near Tal Tamir after the drone attack."


def _refers(cue: str) -> str:
    at = CLAUSE.index(cue)
    return grouping.refers(CLAUSE, at, at + len(cue), placed=True)


def test_the_attack_after_which_something_happened_was_told_before():
    assert _refers("drone attack") == "same"


def test_the_new_incident_in_that_clause_stays_new():
    assert _refers("shelling") == ""
