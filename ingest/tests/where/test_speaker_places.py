"""A place named in the speaker's own words, the sentence's content read whole
around them (ingest/where/seats.in_speakers_words). Made-up sentences."""

from types import SimpleNamespace

import pytest

from ingest import propose
from ingest.statements import speakerforms
from ingest.tests.articles import FRIDAY
from ingest.where import seats


def _event_places(text: str) -> list[str]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return [e.place.text if e.place else "" for e in proposal.events]


def _in_speakers_words(sentence: str, name: str) -> bool:
    start = sentence.index(name)
    mention = SimpleNamespace(start=start, end=start + len(name))
    return seats.in_speakers_words(sentence, mention, speakerforms.attribute(sentence))


@pytest.mark.django_db
@pytest.mark.usefixtures("actors_and_gazetteer")
def test_the_speakers_town_set_off_by_what_it_is_is_not_the_events_place():
    # As "Activists in Saraqib said that …" (the speaker read before its content),
    # even alone; the event's own place is kept.
    speaker = "Activists in Saraqib, a rebel-held town, said that "
    alone = _event_places(f"{speaker}shelling killed two people on Friday.")
    assert "Saraqib" not in alone
    both = _event_places(f"{speaker}the army shelled Kafranbel on Friday.")
    assert both == ["Kafranbel"]


def test_the_place_of_a_body_set_off_by_what_it_is():
    sentence = (
        "The Emergency Lawyers group in Wad Madani, the capital of Al Jazirah "
        "state, said on Monday that the RSF attacked the village."
    )
    assert _in_speakers_words(sentence, "Wad Madani")
    assert _in_speakers_words(sentence, "Al Jazirah")
    assert not _in_speakers_words(sentence, "RSF")


def test_what_was_said_before_the_speaker_is_no_part_of_him():
    sentence = '"Shelling hit the market in Saraqib," he said.'
    assert not _in_speakers_words(sentence, "Saraqib")
    sentence = '"The shells fell on Saraqib," the council in Idlib said.'
    assert not _in_speakers_words(sentence, "Saraqib")
