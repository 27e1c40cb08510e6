"""Who said what and who did what (issue 13): speakers, stances, actors and roles."""

import datetime as dt

import pytest

from events import demo
from events.models import Actor
from ingest import propose
from ingest.actors import actors
from ingest.statements import speakers
from places import gazetteer

pytestmark = pytest.mark.django_db
THURSDAY = dt.datetime(2019, 6, 13, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo_data() -> None:
    demo._actors()
    assert len(gazetteer.gazetteer_index()) > 0


def _propose(text: str) -> propose.ArticleProposal:
    return propose.article_propose(text_raw=text, published_at=THURSDAY)


def _roles(proposal: propose.ArticleProposal, slug: str) -> set[tuple[str, str]]:
    return {
        (a.name, a.role)
        for e in proposal.events
        if e.event_type == slug
        for a in e.actors
    }


# ------------------------------------------------------------------------- actors
def test_acronym_aliases_match_only_in_capitals():
    Actor.objects.create(name="Islamic State", kind="rebel_group", aliases=["IS"])
    matcher = actors.ActorMatcher(Actor.objects.all())
    # "fighters" after the acronym still names the group (a force noun).
    assert [m.text for m in matcher.find("The town is quiet; IS fighters left.")] == [
        "IS fighters"
    ]
    assert matcher.find("This is where it is.") == []
    assert matcher.find("What is forces to leave is fighters' choice.") == []


def test_generic_alias_of_a_place_qualified_actor_needs_its_place():
    Actor.objects.create(
        name="Civilians (Idlib)",
        kind="civilians",
        aliases=["civilians", "people in Idlib"],
    )
    matcher = actors.ActorMatcher(Actor.objects.all())
    assert matcher.find("Shelling killed two civilians in Hama.") == []
    assert [m.name for m in matcher.find("It killed civilians in Idlib.")] == [
        "Civilians (Idlib)"
    ]
    Actor.objects.create(name="Civilians", kind="civilians", aliases=["civilians"])
    matcher = actors.ActorMatcher(Actor.objects.all())
    assert [m.name for m in matcher.find("Shelling killed two civilians in Hama.")] == [
        "Civilians"
    ]


@pytest.mark.parametrize(
    ("sentence", "slug", "expected"),
    [
        (
            "Twenty-nine people were killed in a Houthi shelling on Taiz on Thursday.",
            "shelling-artillery-missile-attack",
            {("Houthis", "initiator"), ("Civilians", "victim")},
        ),
        (
            "Five members of the Syrian National Army (SNA) were killed in an attack "
            "by the YPG/PKK in Afrin on Thursday.",
            "armed-clash",  # fighters killed, no weapon named (ingest/tests/test_events.py)
            # A clash has two sides that fought, no target (ingest/actors/clashsides.py).
            {
                ("Syrian National Army", "initiator"),
                ("People's Protection Units", "initiator"),
            },
        ),
        (
            "Turkey-backed Syrian rebels captured two villages from the YPG near "
            "Jarablus on Thursday.",
            "non-state-actor-overtakes-territory",
            {
                ("Syrian National Army", "initiator"),
                ("People's Protection Units", "target"),
            },
        ),
        (
            "Heavy fighting broke out between the Islamic State (ISIS) militants and "
            "the YPG in Kobane on Thursday.",
            "armed-clash",
            {
                ("Islamic State", "initiator"),
                ("People's Protection Units", "initiator"),
            },
        ),
        (
            "On Thursday air strikes hit the town of Jelmeh, which was captured by the "
            "opposition fighters.",
            "air-drone-strike",
            {("Syrian armed opposition", "target")},
        ),
    ],
)
def test_roles_come_from_the_wording(demo_data, sentence, slug, expected):
    assert _roles(_propose(sentence), slug) == expected


# ----------------------------------------------------------------------- speakers
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # a lower-case description before the name
            "The five were killed, reported pro-regime newspaper Al-Watan.",
            ("reports", "pro-regime newspaper Al-Watan"),
        ),
        (  # a lower-case "al-" outlet
            "At least two SDF members were killed, al-Khaboor Facebook page said.",
            ("reports", "al-Khaboor Facebook page"),
        ),
        (  # confirmed at the end is a confirmation, though a party's
            "A car bomb killed a fighter from the SDF, an SDF spokesperson confirmed.",
            ("confirms", "an SDF spokesperson"),
        ),
        (  # what follows the speaker is no part of it
            "“Two of our fighters were martyred,” said the SDF, blaming Turkey for "
            "similar recent attacks in the area.",
            ("claims", "the SDF"),
        ),
        (  # the comma inside the closing quote; "in a statement" is how
            "The attack took place in al-Qayrawan, targeting “the forces guarding the "
            "camp,” said Kurdish-led forces in a statement, referring to al-Hol camp.",
            ("claims", "Kurdish-led forces"),
        ),
        (  # a lead-in and a colon
            "For October 17th-18th, the Coalition reported: “Near Abu Kamal, two "
            "strikes engaged an ISIS tactical unit.”",
            ("claims", "the Coalition"),
        ),
        (  # a description, then the name
            "Another local media activist and former Al-Jazeera correspondent, "
            "Muntasir Abu Nabut, said that Deir al-Adas was contested.",
            (
                "reports",
                "Another local media activist and former Al-Jazeera "
                "correspondent, Muntasir Abu Nabut",
            ),
        ),  # fmt: skip
        (  # the name, then the description
            "Abu Nabout, a military commander in Liwa Tawheed al-Jnoob, said the "
            "regime struck first.",
            ("claims", "Abu Nabout, a military commander in Liwa Tawheed al-Jnoob"),
        ),
        (  # an outlet's own name
            "Syria News Desk reported that two children died in a Russian airstrike.",
            ("reports", "Syria News Desk"),
        ),
        (  # how it was said is not what was said
            "Activist Abu Ahmad told Enab Baladi via WhatsApp, “Regime shelling "
            "killed three civilians in Ariha.”",
            ("reports", "Activist Abu Ahmad"),
        ),
        (  # a party joining a monitor makes it a claim
            "The Syrian Observatory for Human Rights and rebels said jets bombed "
            "the village.",
            ("claims", "The Syrian Observatory for Human Rights and rebels"),
        ),
        (
            "Syrian forces widened their offensive, a war monitor and rebel sources said.",
            ("claims", "a war monitor and rebel sources"),
        ),
        (
            "Southern fighters captured Houta town, sources in the resistance said.",
            ("claims", "sources in the resistance"),
        ),
        (  # in the middle
            "Five civilians were killed, according to the White Helmets, when "
            "warplanes struck Ariha.",
            ("reports", "the White Helmets"),
        ),
        (  # "reported to an outlet" is whom it was said to
            "Local activists reported to Enab Baladi that regime warplanes struck "
            "Kafranbel.",
            ("reports", "Local activists"),
        ),
        (  # an adverb and an auxiliary before the verb
            "The Syrian Observatory for Human Rights similarly reported on Friday "
            "that shelling hit Debs.",
            ("reports", "The Syrian Observatory for Human Rights"),
        ),
        (
            "The Syrian Arab Army has announced that it recaptured Kafranbel.",
            ("claims", "The Syrian Arab Army"),
        ),
        (  # where it was said is no part of what
            "The Syrian Arab Army announced in a statement on Telegram that it "
            "recaptured the town.",
            ("claims", "The Syrian Arab Army"),
        ),
        (  # the outlet relays its sources
            "An explosion targeted an SDF patrol in Raqqa city on Wednesday, Orient "
            "News learnt from local sources.",
            ("reports", "local sources (via Orient News)"),
        ),
        (  # a rescue service's video reports it (guide, 6 December 2026)
            "The opposition's Syrian Civil Defence (SCD) posted a video showing the "
            "bombing attack on the towns of Kafr Nouran and Atarib.",
            ("reports", "The opposition's Syrian Civil Defence (SCD)"),
        ),
        (  # "…, X reported, citing Y": Y speaks, X carries it
            "Russian warplanes struck Ariha on Monday, SANA news agency reported, "
            "citing a military source.",
            ("claims", "a military source (via SANA news agency)"),
        ),
        (
            "A woman was killed in Ibbin, the al-Atareb Media Center reported on "
            "Monday, 10 February.",
            ("reports", "al-Atareb Media Center"),
        ),
        (  # a clause after the speaker
            "Government forces captured Kafr Nabl on Thursday, a war monitor and "
            "pro-government media said, as the army pressed on toward Maarat al-Numan.",
            ("reports", "a war monitor and pro-government media"),
        ),
        (  # a pronoun with nobody named before is no speaker
            "It added that a further 17 civilians were killed.",
            ("reports", ""),
        ),
    ],
)
def test_speakers_and_stances(sentence, expected):
    statement = speakers.attribute(sentence)
    assert (statement.stance, statement.speaker) == expected
    assert "WhatsApp" not in statement.content


def test_a_surname_alone_is_the_speaker_named_before():
    previous = "Anwar Muslim, co-chair of the Kobane canton"
    for sentence in (
        "Muslim said that heavy fighting is going on in the city.",
        "“The YPG have countered all the attacks,” said Muslim.",
    ):
        statement = speakers.attribute(sentence, previous_speaker=previous)
        assert statement.speaker == previous


def test_a_speaker_the_actor_list_knows_as_a_party_claims(demo_data):
    proposal = _propose("A Turkish drone struck al-Qayrawan on Thursday, the SDF said.")
    assert {(s.stance, s.speaker) for e in proposal.events for s in e.statements} == {
        ("claims", "SDF")
    }
    proposal = _propose(
        "Regime warplanes struck Ariha on Thursday, pro-opposition news agency "
        "Smart News reported."
    )
    assert {s.stance for e in proposal.events for s in e.statements} == {"reports"}


def test_a_later_confirmation_joins_the_claimed_events(demo_data):
    proposal = _propose(
        "Rebels retook the villages of Kafr Nasij and Deir Makir on Thursday, a "
        "reporter with an opposition brigade said. A high school in Deir Makir was "
        "destroyed in the fighting. The head of the Independent Houran Reporters "
        "campaign confirmed rebel control over the two villages."
    )
    captures = [
        e
        for e in proposal.events
        if e.event_type == "non-state-actor-overtakes-territory"
    ]
    assert len(captures) == 2
    for event in captures:
        # Reporters are no party: their confirmation reports it (guide: stances by
        # who speaks, 6 December 2026).
        assert (
            "reports",
            "The head of the Independent Houran Reporters campaign",
        ) in {(s.stance, s.speaker) for s in event.statements}
        assert 2 in event.sentences  # the editor sees the confirming sentence


def test_a_speaker_cut_off_by_a_line_break_is_the_previous_sentences(demo_data):
    proposal = _propose(
        "BEIRUT Aug 28 Turkey-backed Syrian rebels\ncaptured the town of Saraqib "
        "from forces allied to the Kurdish-backed SDF on Thursday, the\n"
        "Syrian Observatory for Human Rights said."
    )
    assert ("reports", "Syrian Observatory for Human Rights") in {
        (s.stance, s.speaker) for e in proposal.events for s in e.statements
    }


def test_a_monitor_still_reports_a_denied_event(demo_data):
    # Guide (6 December 2026): a stance is who speaks; a party's denial makes the
    # event disputed, not the monitor a claimant (dev B04/B11 were relabelled).
    proposal = _propose(
        "Government forces seized the village of Saraqib on Thursday, the "
        "Observatory said. A rebel official in Idlib denied the forces had taken it."
    )
    stances = {(s.stance, s.speaker) for e in proposal.events for s in e.statements}
    assert stances == {
        ("reports", "Observatory"),
        ("denies", "A rebel official in Idlib"),
    }


def test_a_statement_of_intent_is_no_evidence_of_the_event_before(demo_data):
    proposal = _propose(
        "Regime forces shelled Ariha on Thursday. The opposition denied it would "
        "withdraw and said it will strike back."
    )
    assert {(s.stance, s.speaker) for e in proposal.events for s in e.statements} == {
        ("reports", "")
    }


def test_who_did_it_is_carried_to_the_next_sentences_events_of_that_type(demo_data):
    proposal = _propose(
        "Turkish-backed forces shelled areas near Tal Tamr on Thursday, the Rojava "
        "Information Centre said. The villages of Um Keif and Zirghan were shelled. "
        "Two civilians were killed in Zirghan."
    )
    shelled = [
        e
        for e in proposal.events
        if e.event_type == "shelling-artillery-missile-attack"
    ]
    assert len(shelled) == 3
    for event in shelled:
        assert ("Syrian National Army", "initiator") in {
            (a.name, a.role) for a in event.actors
        }
    others = [e for e in proposal.events if e not in shelled]
    assert all("Syrian National Army" not in {a.name for a in e.actors} for e in others)


def test_a_speaker_naming_the_event_again_in_the_next_sentence_joins_it(demo_data):
    proposal = _propose(
        "Warplanes struck Saraqib on Thursday, killing five. The Syrian Observatory "
        "for Human Rights said the toll could rise. The UN envoy said that any "
        "military escalation risks a setback."
    )
    [event] = proposal.events
    assert {(s.stance, s.speaker) for s in event.statements} == {
        ("reports", ""),
        ("reports", "The Syrian Observatory for Human Rights"),
    }
