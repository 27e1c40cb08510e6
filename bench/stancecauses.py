"""Stances and speakers the extractor got wrong, by cause (dev: with examples;
held-out: aggregate counts only).

Usage: .venv/bin/python bench/stancecauses.py [--split dev|heldout] [--series LETTER ...]
       [--list [--show]] [--overall]

Runs the extractor on the articles as bench/ingestbench.py does and reads every
labelled stance (LABELLING_GUIDE, stance rule) against the proposals. A stance of a
matched event is right when a statement of that proposal has its stance and a speaker
that agrees (ingestbench's reading); a wrong one is put under one cause:
- "wrong stance class": a statement with the labelled speaker, another stance (the
  wanted -> got pairs are counted too);
- "attached to another event": the speaker's statement (with the labelled stance or
  not) sits on another proposal of the same article, not this one; split by what that
  other proposal is and what the statement's sentence names (attachment()):
  "twin proposal" (the other proposal is of the same type family and day and matches
  no label: one incident proposed twice), "several events" (the other proposal is a
  labelled event the same speaker is labelled on too: one statement about several
  events, kept on one), "names this place" (the statement's sentence names this
  event's place as written, yet it sits elsewhere), "earlier incident" (this event
  was told in a sentence before the statement's, which names neither place: an
  anaphora such as "the attack" or a statement in a later paragraph), "other";
- "speaker not found: no statement": the proposal holds no statement at all;
- "speaker not found: the outlet's voice": the proposal holds only the article's own
  voice (no speaker, or the publisher), the label names someone else; split by where
  the labelled speaker is written (voice_where(): in the event's sentences, a later
  or an earlier sentence, nowhere);
- "speaker not found: unnamed vs named": statements by others, and one of the
  labelled and the proposed speakers is unnamed ("a war monitor", "local sources",
  "the ministry", "activists") where the other is a name (speaker_shape());
- "speaker not found: relay": the labelled speaker is the outlet that carried the
  statement (the proposal's "(via X)") or the reverse, the quoted side for the
  relaying outlet;
- "speaker not found: written in its sentences": the labelled speaker's words stand in
  the event's sentences, another speaker was taken;
- "wrong speaker": statements, none by the labelled speaker (nor anywhere else);
and the stances of labelled events the extractor missed ("event missed"; ingestbench
does not score them) are counted on their own line. Statements of matched events that
agree with no labelled stance are counted apart (they cost no stance point): "future
statement" (what is said is to come, followups.is_intent's words) or "unlabelled".
With --split heldout only these aggregate counts (and, with --overall, ingestbench's
OVERALL lines of the same pass) are printed: no id, no name, no sentence.
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402

from bench import (  # noqa: E402
    agreement,
    ingestscore,  # noqa: E402
    labelpairs,  # noqa: E402
    voiceshapes,
)

_FUTURE = re.compile(
    r"\b(?:will|would|shall|going to|plans? to|planning to|intends? to|vow(?:s|ed)? to|"
    r"threaten(?:s|ed)? to|preparing to|prepares to|seeks? to|aims? to|"
    r"attempts? to|expects? to|is about to|are about to)\b",
    re.I,
)  # followups._FUTURE's words (the bench imports no private name)


def _agrees(label: dict, statement, publisher: str) -> bool:
    return agreement._speaker_agrees(
        label.get("speaker", ""), statement.speaker, publisher
    )


def _own_voice(statement, publisher: str) -> bool:
    return not agreement._tokens(statement.speaker) or agreement._speaker_agrees(
        publisher, statement.speaker, publisher
    )


def cause(label: dict, event, others: list, publisher: str) -> str:
    """Why the labelled stance ``label`` is not among ``event``'s statements."""
    if any(
        s.stance == label["stance"] and _agrees(label, s, publisher)
        for s in event.statements
    ):
        return "right"
    same = [s for s in event.statements if s.speaker and _agrees(label, s, publisher)]
    if same and agreement._tokens(label.get("speaker", "")):
        return "wrong stance class"
    elsewhere = [
        s for o in others for s in o.statements if _agrees(label, s, publisher)
    ]
    if elsewhere and agreement._tokens(label.get("speaker", "")):
        return "attached to another event"  # split by attachment()
    if not event.statements:
        return "speaker not found: no statement"
    if all(_own_voice(s, publisher) for s in event.statements):
        return "speaker not found: the outlet's voice"
    return "wrong speaker"  # split by wrong_speaker()


_ROLE_WORDS = re.compile(
    r"^(?:the|a|an|local|activists?|residents?|sources?|medical|security|military|"
    r"witness(?:es)?|officials?|rebels?|monitors?|several|two|three|some|unnamed|"
    r"opposition|state|government|media|pro-\w+|anti-\w+|citizen|journalists?)$",
    re.I,
)


def speaker_shape(speaker: str) -> str:
    """ "named" when a word is a name (capitalised, not a common role word at the
    head), else "unnamed": "a war monitor", "local sources", "the ministry"."""
    words = re.findall(r"[\w'’.-]+", speaker.split(" (via ")[0])
    for i, word in enumerate(words):
        if word[:1].isupper() and not (i == 0 and _ROLE_WORDS.match(word)):
            return "named"
    return "unnamed"


def wrong_speaker(label: dict, event, texts, publisher: str) -> str:
    """Which kind of wrong speaker: see the module's docstring."""
    wanted = label.get("speaker", "")
    spoken = [s for s in event.statements if not _own_voice(s, publisher)]
    for s in spoken:
        head, _, via = s.speaker.partition(" (via ")
        via = via.rstrip(")")
        if (via and agreement._speaker_agrees(wanted, via, publisher)) or (
            " (via " in wanted
            and agreement._speaker_agrees(wanted.split(" (via ")[0], head, publisher)
        ):
            return "speaker not found: relay"
    if any(speaker_shape(wanted) != speaker_shape(s.speaker) for s in spoken):
        return "speaker not found: unnamed vs named"
    tokens = agreement._tokens(wanted)
    told = " ".join(texts[i] for i in event.sentences if 0 <= i < len(texts))
    if tokens and tokens <= agreement._tokens(told):
        return "speaker not found: written in its sentences"
    return "wrong speaker"


def extra_statement(statement, labels: list[dict], publisher: str) -> str | None:
    """A statement of a matched event no labelled stance agrees with: its kind."""
    if any(
        s.get("stance") == statement.stance and _agrees(s, statement, publisher)
        for s in labels
    ):
        return None
    if _FUTURE.search(statement.quote[:60]):
        return "extra: future statement"
    return "extra: unlabelled"


def voice_where(label: dict, event, texts, publisher: str) -> str:
    """Where the labelled speaker of an "outlet's voice" miss is written: half its
    words in one of the event's sentences, in a sentence after or before them, or in
    none (the title, a caption, the labeller's reading)."""
    wanted = label.get("speaker", "")
    told = [i for i in event.sentences if 0 <= i < len(texts)]
    first = min(told, default=0)
    for where, sentences in (
        ("in the event's sentences", told),
        ("in a later sentence", range(first + 1, len(texts))),
        ("in an earlier sentence", range(first)),
    ):
        if any(
            agreement._speaker_agrees(wanted, texts[i], publisher) for i in sentences
        ):
            return f"voice: {where}"
    return "voice: written nowhere"


def _names(sentence: str, place) -> bool:
    written = getattr(place, "text", "") or ""
    return bool(written) and written.lower() in sentence.lower()


def attachment(label: dict, event, others: list, labelled: dict, texts, publisher):
    """Which kind of wrong attachment: see the module's docstring. ``labelled`` maps
    id(proposal) to the label it matched (absent: matched none)."""
    holders = [
        (o, s) for o in others for s in o.statements if _agrees(label, s, publisher)
    ]
    for o, _ in holders:
        if (
            id(o) not in labelled
            and labelpairs.family(o.event_type, PARENTS)
            == labelpairs.family(event.event_type, PARENTS)
            and o.date_start == event.date_start
        ):
            return "attach: twin proposal"
    for o, _ in holders:
        other = labelled.get(id(o))
        if other is not None and any(
            agreement._speaker_agrees(
                x.get("speaker", ""), label.get("speaker", ""), publisher
            )
            for x in other.get("stances", [])
        ):
            return "attach: several events"
    for _, s in holders:
        if 0 <= s.sentence < len(texts) and _names(texts[s.sentence], event.place):
            return "attach: names this place"
    told = min(event.sentences, default=10**6)
    for o, s in holders:
        if told < s.sentence and not _names(texts[s.sentence], o.place):
            return "attach: earlier incident"
    return "attach: other"


PARENTS: dict = {}


def _details(args, event, others, proposal, stance, why, publisher) -> str:
    got = "; ".join(f"{s.stance}/{s.speaker or '-'}" for s in event.statements)
    case = f"wanted {stance['stance']}/{stance.get('speaker', '')} | got {got or '-'}"
    if not args.show:
        return case
    case += (
        f"\n    this: {event.event_type} {getattr(event.place, 'text', '-')} "
        f"{event.date_start} sentences {event.sentences}"
    )
    for i in event.sentences[:3]:
        case += f"\n      [{i}] {proposal.texts[i][:300]}"
    where = [
        (o, s) for o in others for s in o.statements if _agrees(stance, s, publisher)
    ]
    for o, s in where[:2]:
        case += (
            f"\n    on:   {o.event_type} {getattr(o.place, 'text', '-')} "
            f"{o.date_start} sentences {o.sentences} <- [{s.sentence}] "
            f"{proposal.texts[s.sentence][:240]}"
        )
    return case


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--series", nargs="*", default=())
    parser.add_argument("--list", action="store_true", help="dev only: each case")
    parser.add_argument("--ids", nargs="*", default=(), help="dev only: these ids")
    parser.add_argument(
        "--show", action="store_true", help="with --list: the statement's sentence"
    )
    parser.add_argument(
        "--overall", action="store_true", help="ingestbench's OVERALL lines too"
    )
    args = parser.parse_args()
    if args.split == "heldout" and (args.list or args.ids or args.show):
        parser.error("held-out: aggregate counts only (no --list, --ids, --show)")
    ib.setup_database()
    from events.models import Actor
    from ingest import propose
    from ingest.actors import actors

    parents = ib.type_parents()
    PARENTS.update(parents)
    matcher = actors.ActorMatcher(Actor.objects.all()) if args.overall else None
    causes: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    extras: Counter[str] = Counter()
    cases: list[str] = []
    results: dict = {}
    for article_id in ib.select_ids(
        ib.corpus_index(), args.split, only=args.ids, series=args.series
    ):
        article = ib.load_article(article_id)
        publisher = article["publisher"]
        started = ib.time.perf_counter()
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ib.published_at(article)
        )
        seconds = ib.time.perf_counter() - started
        if args.overall:
            score = ingestscore.score_article(
                article, proposal, parents=parents, actor_matcher=matcher
            )
            score.seconds.append(seconds)
            score.country = proposal.country
            score.words = len(article["text"].split())
            results[article_id] = score
        proposed, labels, paired = labelpairs.pairing(article, proposal, parents)
        labelled = {id(proposed[i]): labels[j] for i, j in paired.items()}
        matched = {j: i for i, j in paired.items()}
        for j, label in enumerate(labels):
            if j not in matched:
                causes["(event missed)"] += len(label.get("stances", []))
                continue
            event = proposed[matched[j]]
            others = [p for p in proposed if p is not event]
            for statement in event.statements:
                kind = extra_statement(statement, label.get("stances", []), publisher)
                if kind:
                    extras[kind] += 1
            for stance in label.get("stances", []):
                why = cause(stance, event, others, publisher)
                if why == "attached to another event":
                    why = attachment(
                        stance, event, others, labelled, proposal.texts, publisher
                    )
                elif why == "wrong speaker":
                    why = wrong_speaker(stance, event, proposal.texts, publisher)
                causes[why] += 1
                if why == "right":
                    continue
                if why == "speaker not found: the outlet's voice":
                    pairs[voice_where(stance, event, proposal.texts, publisher)] += 1
                    shape = voiceshapes.voice_shape(event, proposal.texts)
                    pairs[shape or "voice shape: plain telling"] += 1
                if why == "speaker not found: unnamed vs named":
                    pairs[
                        voiceshapes.named_shape(stance, event, publisher, speaker_shape)
                    ] += 1
                if why == "wrong stance class":
                    mine = {
                        s.stance
                        for s in event.statements
                        if _agrees(stance, s, publisher)
                    }
                    pairs[f"{stance['stance']} -> {'/'.join(sorted(mine))}"] += 1
                if args.list:
                    case = _details(
                        args, event, others, proposal, stance, why, publisher
                    )
                    cases.append(f"{why:40} {article_id}: {case}")
    scored = sum(n for k, n in causes.items() if k != "(event missed)")
    ib.say(f"{args.split} stances of matched events: {scored}, right {causes['right']}")
    for why, n in causes.most_common():
        if why != "right":
            ib.say(f"{n:5}  {why}")
    for pair, n in pairs.most_common():
        ib.say(f"{n:9}  {pair}")
    for kind, n in extras.most_common():
        ib.say(f"{n:5}  {kind} (statements on matched events)")
    if args.list:
        ib.say("\n".join(sorted(cases)))
    if args.overall:
        ib.report(args.split, results, verbose=False, overall_only=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
