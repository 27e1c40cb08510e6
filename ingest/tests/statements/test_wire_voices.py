"""Speakers in the shapes wire copy puts them (issue 13, series K): a carrier's tail
after the real source, an aside between a speaker and its verb, a speaker inside a
relative clause, a wrapped "statement from X", a pronoun for the source just named,
"declines to comment" (no denial) and a command's media office (a party). Sentences are
made up."""

import pytest

from ingest.statements import speakers, voices


def _read(sentence: str, previous: str = "") -> tuple[str, str]:
    statement = voices.reread(speakers.attribute(sentence, previous_speaker=previous))
    return statement.stance, statement.speaker


@pytest.mark.parametrize(
    ("sentence", "previous", "stance", "speaker"),
    [
        ("Air defences downed missiles fired at the Kandar countryside early on "
         "Saturday, the Kandaran army said, in the second such attack in a day, "
         "Reuters reports.", "", "claims", "Kandaran army"),
        ("A security source, requesting anonymity as he was not allowed to brief "
         "the press, said the strike killed three.", "", "claims",
         "A security source"),
        ("Two people were killed in the village of Marun, which Haddad said was "
         "struck eight times.", "Governor Sami Haddad", "claims",
         "Governor Sami Haddad"),
        ("Five died in a strike on a house in Kandar, according to a statement "
         "from the Kandar Civil Defence and the Red Crescent early on Saturday.",
         "", "reports", "the Kandar Civil Defence and the Red Crescent"),
        ("Twelve people were killed in strikes on Kandar overnight, regional "
         "media outlets reported Monday morning.", "", "reports",
         "regional media outlets"),
        ("Warplanes pounded two towns near Kandar on Thursday, it said.",
         "the Observatory", "reports", "the Observatory"),
        ("Elsewhere, witnesses said soldiers raided the village of Marun.", "",
         "reports", "witnesses"),
        ("Seven died in a strike on a house in Kandar, the civil defence said. [...]",
         "", "reports", "civil defence"),
        ("Two people were injured in the attack on the district, the Emergency "
         "Service of Kandar said.", "", "reports", "Emergency Service of Kandar"),
        ("A rocket landed near a mosque in Kandar, the media office of the Joint "
         "Operations Command said in a statement.", "", "claims",
         "media office of the Joint Operations Command"),
    ],
)  # fmt: skip
def test_the_speaker_is_read_from_wire_shapes(sentence, previous, stance, speaker):
    assert _read(sentence, previous) == (stance, speaker)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kandaran military has said it does not comment on foreign reports.",
        "The army said it did not immediately confirm the strike.",
    ],
)
def test_declining_to_comment_is_no_denial(sentence):
    assert _read(sentence)[0] != "denies"


def test_a_party_saying_it_did_not_strike_still_denies():  # guard
    assert _read("The militia said it did not shell the market.") == (
        "denies",
        "The militia",
    )


def test_a_surname_after_a_titled_name_is_that_speaker():
    first = speakers.attribute(
        "Local civil society representative Amal Haddad confirmed that 25 were dead."
    )
    assert (first.stance, first.speaker) == (
        "reports",
        "Local civil society representative Amal Haddad",
    )
    later = speakers.attribute(
        "Others were kidnapped, Haddad said.", previous_speaker=first.speaker
    )
    assert later.speaker == "Local civil society representative Amal Haddad"
