"""Speakers and stances in the general shapes of attribution (issue 13): passive
("was reported by X"), citing ("X, citing Y, said"), verbs of posting ("wrote on
Telegram"), asides on how it was said, security and military speakers, a party's own
outlet, and statements of intent that are no evidence. The shapes are those wires
outside Syria use as much as the corpus's dev part; each case failed before
(guards marked)."""

import datetime as dt

import pytest

from ingest import propose
from ingest.statements import followups, speakers

pytestmark = pytest.mark.django_db
MONDAY = dt.datetime(2019, 6, 10, 12, tzinfo=dt.UTC)


def _said(sentence: str, previous: str = "") -> tuple[str, str]:
    statement = speakers.attribute(sentence, previous_speaker=previous)
    return statement.stance, statement.speaker


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The shelling was reported by the Syrian Observatory for Human Rights.",
            ("reports", "Syrian Observatory for Human Rights"),
        ),
        (
            "The strike on the market was reported by local activists.",
            ("reports", "local activists"),
        ),
        ("The attack was claimed by JNIM.", ("claims", "JNIM")),
        (  # dev A03: "… was announced by various FSA factions in a statement Thursday."
            "The battle, which aims to capture several regime-controlled areas, was "
            "announced by various FSA factions in a statement Thursday.",
            ("claims", "various FSA factions"),
        ),
    ],
)
def test_a_passive_attribution_names_its_speaker(sentence, expected):
    assert _said(sentence) == expected


def test_the_passive_speaker_leaves_the_event_as_content():
    statement = speakers.attribute(
        "Two civilians were killed in Ariha, which was reported by the White Helmets."
    )
    assert statement.speaker == "White Helmets"
    assert statement.content.startswith("Two civilians were killed in Ariha")


def test_what_the_passive_speaker_goes_on_to_say_is_told_too():
    statement = speakers.attribute(
        "The attack was reported by the Observatory, which said that five fighters "
        "were killed in Kafr Nabl."
    )
    assert statement.speaker == "Observatory"
    assert "Kafr Nabl" in statement.content


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "SANA, citing a military source, said the army shelled the village.",
            ("claims", "a military source (via SANA)"),
        ),
        (
            "Reuters, citing two residents, reported that warplanes struck the town.",
            ("reports", "two residents (via Reuters)"),
        ),
        (
            "Warplanes struck Saraqib, the Syrian Observatory for Human Rights "
            "reported, citing activists on the ground.",
            (
                "reports",
                "activists on the ground (via Syrian Observatory for Human Rights)",
            ),
        ),
    ],
)
def test_the_cited_source_speaks_and_the_outlet_carries_it(sentence, expected):
    assert _said(sentence) == expected


def test_citing_leaves_the_event_as_content():
    statement = speakers.attribute(
        "SANA, citing a military source, said the army shelled the village."
    )
    assert statement.content == "the army shelled the village."


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Russian troops shelled Kherson, killing two people, Governor Oleksandr "
            "Prokudin wrote on Telegram.",
            ("claims", "Governor Oleksandr Prokudin"),
        ),
        (
            "Turkish drones struck Qamishli, the SDF said in a statement on its "
            "Telegram channel.",
            ("claims", "SDF"),
        ),
        (
            "The SDF, in a statement on Telegram, said Turkish drones struck Qamishli.",
            ("claims", "The SDF"),
        ),
        (
            "The Ukrainian Armed Forces shot down 20 drones over Kharkiv, the air "
            "force said.",
            ("claims", "air force"),
        ),
        (
            "Gunmen attacked the convoy, two security sources told Reuters.",
            ("claims", "two security sources"),
        ),
        (
            "Hamas' armed wing said its fighters ambushed Israeli troops in Jabalia.",
            ("claims", "Hamas' armed wing"),
        ),
        (
            "Houthi-run Al-Masirah TV reported that coalition jets struck Saada.",
            ("claims", "Houthi-run Al-Masirah TV"),
        ),
        (
            "A spokesman for the Saudi-led coalition, Turki al-Malki, said Houthi "
            "drones were intercepted.",
            ("claims", "A spokesman for the Saudi-led coalition, Turki al-Malki"),
        ),
    ],
)
def test_speakers_of_other_wars_wires(sentence, expected):
    assert _said(sentence) == expected


def test_the_outlet_told_is_capitalised_so_told_reporters_keeps_the_event():
    # "told [A-Z]…" under re.I took "told reporters that the bomb" as an outlet's
    # name, and the event lost its subject ("the bomb", "unknown gunmen").
    statement = speakers.attribute(
        "Police spokesman Ali Hassan told reporters that the bomb exploded near the "
        "mosque."
    )
    assert statement.speaker == "Police spokesman Ali Hassan"
    assert statement.content == "the bomb exploded near the mosque."
    dev_shape = speakers.attribute(  # dev B22's shape
        "On Jan. 4, a local source told North Press unknown gunmen shot a woman in "
        "the city of Daraa al-Balad."
    )
    assert dev_shape.content.startswith("unknown gunmen shot")


def test_a_posted_video_of_a_rescue_service_reports():
    # Guide (6 December 2026): civil defence reports, also when it posts a video.
    stance, _ = _said(
        "The Civil Defence posted a video showing the rescue of two children."
    )
    assert stance == "reports"


def test_a_partys_posted_video_confirms():  # guard: a party's own footage
    stance, _ = _said("The army posted a video showing the capture of the hill.")
    assert stance == "confirms"


def test_how_it_was_said_is_no_part_of_the_speaker():  # guard
    assert _said(
        "Abu Ahmad, a resident, told Syria Direct via WhatsApp that warplanes struck "
        "the market."
    ) == ("reports", "Abu Ahmad, a resident")
    assert _said("The army said in a video statement on Monday that it shelled X.")[
        1
    ] == ("The army")


@pytest.mark.parametrize(
    ("sentence", "intent"),
    [
        ("The Syrian army said it will launch an offensive on Kafr Nabl.", True),
        ("The RSF said it plans to take El Fasher.", True),
        ("The army said it seeks to recapture the town.", True),
        ("The army said it shelled the town.", False),
        (
            "The Observatory said 12 people were killed in the strikes on Kafr Nabl "
            "and warned the toll would rise.",
            False,
        ),
    ],
)
def test_what_a_speaker_says_is_to_come_is_intent(sentence, intent):
    assert followups.is_intent(speakers.attribute(sentence)) is intent


def test_a_statement_of_intent_is_no_evidence_of_the_event_before(
    actors_and_gazetteer,
):
    proposal = propose.article_propose(
        text_raw=(
            "Regime forces shelled Kafr Nabl on Monday, local activists said.\n\n"
            "The Syrian army said it will launch an offensive on Kafr Nabl."
        ),
        published_at=MONDAY,
    )
    said = [(s.stance, s.speaker) for e in proposal.events for s in e.statements]
    assert ("reports", "local activists") in said
    assert all("army" not in speaker for _, speaker in said)


def test_a_sides_own_source_claims(actors_and_gazetteer):
    # "source" alone reports (guide: local sources); a side's own source claims.
    proposal = propose.article_propose(
        text_raw="The RSF shelled Omdurman on Sunday, an SAF source told Sudan Tribune.",
        published_at=MONDAY,
    )
    said = {s.speaker: s.stance for e in proposal.events for s in e.statements}
    assert said == {"an SAF source": "claims"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # a relative clause between the speaker and its verb
            "The Syrian Observatory for Human Rights, which relies on a network of "
            "sources inside Syria, said five people were killed.",
            ("reports", "The Syrian Observatory for Human Rights"),
        ),
        (  # dev C27's shape
            "The local security official, who asked to remain anonymous, said that "
            "mortar shells fired by Houthi fighters landed in Taiz.",
            ("claims", "The local security official"),
        ),
        (  # an appositive after a trailing speaker's name
            "Regime forces shelled Kafr Nabl, the Observatory, a Britain-based war "
            "monitor, said.",
            ("reports", "Observatory"),
        ),
        (  # … while a description before the verb alone is still the speaker
            "At least one civilian was killed in Idlib, northwestern Syria, a civil "
            "defense group said.",
            ("reports", "a civil defense group"),
        ),
        (
            "Regime forces shelled Kafr Nabl, said the Observatory, which has a wide "
            "network of sources.",
            ("reports", "Observatory"),
        ),
        (
            "Speaking on condition of anonymity, a military official said the army "
            "shelled the town.",
            ("claims", "a military official"),
        ),
        (
            "Speaking to Enab Baladi, a resident said warplanes struck the market.",
            ("reports", "a resident"),
        ),
        (
            "Two weeks ago, the army said it shelled the village.",
            ("claims", "the army"),
        ),
        (
            "Militants attacked an army post near Kidal, a local elected official told "
            "AFP on condition of anonymity for security reasons.",
            ("claims", "a local elected official"),
        ),
        (
            "Regime forces shelled Kafr Nabl, local sources told Enab Baladi's "
            "correspondent.",
            ("reports", "local sources"),
        ),
        (  # dev A20's shape: the day and the channel are no part of the speaker
            "YPG/PKK terrorists carried out 14 attacks, said Turkish National Defense "
            "Ministry Saturday on Twitter.",
            ("claims", "Turkish National Defense Ministry"),
        ),
    ],
)
def test_asides_appositives_and_lead_ins_around_the_speaker(sentence, expected):
    assert _said(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [  # dev F11's shapes (guide: a later admission is a confirms stance)
        (
            "Australia later explicitly accepted responsibility for part of the event.",
            "Australia",
        ),
        (
            "Fifteen months later in May 2020, the United States accepted "
            "responsibility for a further 11 deaths in the event.",
            "the United States",
        ),
        ("The Israeli military admitted that its strike hit the school.", ""),
    ],
)
def test_a_side_admitting_it_confirms(sentence, speaker):
    stance, said_by = _said(sentence)
    assert stance == "confirms"
    assert said_by == (speaker or "The Israeli military")


def test_a_persons_role_after_according_to_is_the_speakers():
    # dev B14: "the head of the SDF press office" was read as the event's content.
    statement = speakers.attribute(
        "According to Mustafa Bali, the head of the SDF press office, a car bomb "
        "belonging to the Islamic State killed an SDF fighter."
    )
    assert statement.speaker == "Mustafa Bali, the head of the SDF press office"
    assert statement.content.startswith("a car bomb")


def test_according_to_an_outlet_keeps_what_follows_as_content():  # guard
    statement = speakers.attribute(
        "According to the Observatory, the army shelled Kafr Nabl, killing two."
    )
    assert statement.speaker == "the Observatory"
    assert statement.content.startswith("the army shelled Kafr Nabl")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # a side's own news agency speaks for it (guide: SANA, Saba)
            "Coalition jets struck Saada, the Houthis' Saba news agency reported.",
            ("claims", "Houthis' Saba news agency"),
        ),
        (
            "The attack killed 20 soldiers, the group's Amaq news agency said.",
            ("claims", "group's Amaq news agency"),
        ),
        ("Ukrainian drones struck Belgorod, TASS reported.", ("claims", "TASS")),
        (  # activists and media report whatever side they are on
            "Opposition activists reported that regime forces shelled the town.",
            ("reports", "Opposition activists"),
        ),
        (
            "Regime forces shelled the town, opposition activists reported.",
            ("reports", "opposition activists"),
        ),
        (  # a trailing speaker in lower case, a headline's "says X"
            "Israeli strike kills 12 in Gaza, says health ministry",
            ("reports", "health ministry"),
        ),
        (
            "Israeli strike kills 12 in Gaza, said a local health official.",
            ("reports", "a local health official"),
        ),
        (
            "A drone struck a house in Bakhmut, said a soldier who asked not to be "
            "named.",
            ("claims", "a soldier"),
        ),
        (  # a headline's source after a dash (dev: "… Kharkiv -regional governor")
            "Russian shelling kills five civilians in Kharkiv -regional governor",
            ("claims", "regional governor"),
        ),
    ],
)
def test_outlets_of_a_side_reporters_of_any_side_and_headline_sources(
    sentence, expected
):
    assert _said(sentence) == expected


def test_a_headline_dash_before_a_place_names_no_speaker():  # guard
    assert _said("Clashes in Tripoli – Tajoura") == ("reports", "")


def test_a_clause_after_said_is_no_speaker():  # guard for the lower-case speaker
    assert (
        _said("Fighting resumed, and witnesses said the army shelled Kafr Nabl.")[1]
        != "the army shelled Kafr Nabl"
    )


def test_a_relative_clause_after_according_to_is_no_part_of_the_speaker():
    # dev B40's shape; "an SAF source" (a side's own source) claims
    assert (
        _said(
            "An RSF drone targeted the Sixth Infantry Division Command, according to an "
            "SAF source who spoke to Radio Dabanga."
        )[1]
        == "an SAF source"
    )


def test_a_sides_own_tv_claims():
    assert _said(
        "Saudi-led coalition warplanes struck Saada, Al-Masirah TV reported."
    ) == ("claims", "Al-Masirah TV")


def test_a_noun_ending_in_ly_is_no_adverb():  # guard for the adverbs before a verb
    assert _said("The family said the boy was killed by a sniper.")[1] != "The"
