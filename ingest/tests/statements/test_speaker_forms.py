"""Speakers the attribution patterns pass over (ingest/statements/speakerforms.py, issue 13):
a lead opening on a wire dateline, a body's bracketed short name before its verb, a
body or a person named by a common noun. Sentences written for these tests."""

from ingest.statements import speakerforms, speakers


def _read(sentence: str, previous_speaker: str = "") -> speakers.Statement:
    return speakerforms.attribute(
        sentence, previous_speaker=previous_speaker, opening=True
    )


def test_a_speaker_after_a_wire_dateline_speaks():
    sentence = (
        "BANGUI, Jan. 12 (Xinhua) -- The country's defence ministry said Sunday "
        "that rebels attacked a convoy near the town."
    )
    statement = _read(sentence)
    assert statement.speaker == "The country's defence ministry"
    assert statement.stance == "claims"
    assert statement.quote.startswith("rebels attacked")
    assert statement.content == sentence  # read whole for actors and places


def test_a_dateline_is_read_only_in_the_articles_opening_sentences():
    sentence = (
        "BANGUI, Jan. 12 (Xinhua) -- The country's defence ministry said Sunday "
        "that rebels attacked a convoy near the town."
    )
    assert speakerforms.attribute(sentence, opening=False).speaker == ""


def test_a_bodys_bracketed_short_name_does_not_hide_it():
    statement = _read(
        "The Northern Liberation Front (NLF) said that its fighters repelled an "
        "attack on the village."
    )
    assert statement.speaker == "The Northern Liberation Front"
    assert statement.stance == "claims"


def test_a_command_named_in_lower_case_speaks_as_a_party():
    statement = _read(
        "The Russian southern command said its aircraft struck a depot near the town."
    )
    assert statement.speaker == "The Russian southern command"
    assert statement.stance == "claims"


def test_a_civilian_named_by_where_he_lives_reports():
    statement = _read(
        "A civilian in the eastern quarter told Radio Tamazuj that shells hit the "
        "market on Sunday."
    )
    assert statement.speaker == "A civilian in the eastern quarter"
    assert statement.stance == "reports"
    assert statement.quote.startswith("shells hit")


def test_the_body_just_named_speaks_again():
    statement = _read(
        "The council said the shelling destroyed two schools.",
        previous_speaker="the local council of Sarmin",
    )
    assert statement.speaker == "the local council of Sarmin"


def test_a_bare_body_noun_naming_none_just_named_is_no_speaker():
    statement = _read("The council said the shelling destroyed two schools.")
    assert statement.speaker == ""


def test_a_dateline_before_the_storys_own_telling_keeps_no_speaker():
    statement = _read(
        "BANGUI, Jan. 12 (Xinhua) -- Rebels attacked a convoy near the town on "
        "Sunday, the second such attack this week, and said nothing."
    )
    assert statement.speaker == ""


def test_a_name_set_off_by_what_it_is_speaks_with_its_kinds_stance():
    statement = _read(
        "The Syrian Observatory for Human Rights, a Britain-based war monitor, said "
        "government aircraft struck the town on Monday."
    )
    assert statement.speaker == "The Syrian Observatory for Human Rights"
    assert statement.stance == "reports"
    assert statement.quote.startswith("government aircraft")


def test_a_clause_set_off_by_commas_is_no_speaker():
    statement = _read(
        "Shells fell on the market, the town's busiest, said nothing of the dead."
    )
    assert statement.speaker == ""
