"""Ingest actor errors on the development part, counted per class.

Usage: .venv/bin/python bench/actorerrors.py [--series LETTER ...] [--only ID ...]
       [--show CLASS ...]

Runs the extractor on the development part of bench/corpus/ingest as
``bench/ingestbench.py --split dev`` does and sorts every labelled actor of a matched
event that the bench scores wrong into one class:

- foreign state forces: the label names a state's forces by its nationality or name
  ("Russian warplanes", "an Israeli drone", "U.S. military", "Cameroon army");
- role wrong: the actor is proposed, in another role (perpetrator vs target);
- civilians, wrong area: the victims proposed as the civilians of another place;
- wrong actor: the label's actor is in the list, and another party was proposed in its
  role (a generic "rebels" read as one war's opposition);
- actor missing: an armed party the actor list does not know, not proposed (neither
  known nor as a new actor for the editor);
- known actor not found: in the list, not proposed;
- victims named otherwise: a target that is people the list has no word for
  ("a 43-year-old man", "students", a person's name).

Development part only: the held-out part is read through ``ingestbench.py
--overall-only`` and nothing else.
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import actorscore, ingestbench, ingestscore  # noqa: E402

# A state named by its adjective or name, before a word for its forces or alone.
_NATIONALITY = (
    r"(?:U\.?S\.?|American|Russians?|Israeli|Turkish|Saudi(?:-led)?|Syrian|Iraqi|"
    r"Iranian|Ukrainian|Yemeni|Sudanese|Libyan|Malian|Somali|Cameroon(?:ian)?|"
    r"Congolese|Myanmar|Afghan|Nigerian|Ethiopian|Kenyan|Rwandan|Ugandan|Egyptian|"
    r"Lebanese|Jordanian|Pakistani|Indian|French|British|Emirati|Burmese)"
)
_STATE = re.compile(
    rf"^(?:the\s+|an?\s+)?{_NATIONALITY}(?:\s+(?:and|or)\s+\w+)?(?:\s+(?:"
    r"regime|government|air\s+force))?(?:\s+(?:forces|troops|army|military|soldiers|"
    r"drones?|warplanes|jets|aircraft|planes|air ?strikes|artillery|side|fighter jets|"
    r"\(warplanes\)))?\s*$",
    re.I,
)
# A word for a party that fights; else a target is people.
_ARMED = re.compile(
    r"\b(?:forces?|troops|army|military|militias?|militants|rebels|fighters|"
    r"group|brigades?|battalions?|regime|junta|insurgents|gunmen|bomber|"
    r"coalition|jihadists|extremists|terrorists?|squad|council|police(?:men)?|"
    r"officers?|kidnappers|government|drones?|warplanes|jets|planes|aircraft|side|"
    r"convoy|base|party|soldiers|union)\b|(?-i:\b[A-Z]{2,}\b)",
    re.I,
)
CLASSES = (
    "foreign state forces",
    "role wrong",
    "civilians, wrong area",
    "wrong actor",
    "actor missing",
    "known actor not found",
    "victims named otherwise",
)


def classify(label: dict, actor: dict, event, matcher) -> str:
    """The class of a labelled actor the bench scores wrong on this event."""
    ids = actorscore.label_ids(actor["name"], label["type"], matcher)
    roles = ingestscore._ROLES.get(actor.get("role", ""), set())
    proposed = event.actors + getattr(event, "new_actors", [])
    same = [
        p
        for p in proposed
        if actorscore.agrees(actor["name"], label["type"], p, matcher)
    ]
    name = actor["name"]
    is_target = actor.get("role") == "target"
    if same:
        return "role wrong"
    civilians = [p for p in proposed if p.name.startswith("Civilians (")]
    if is_target and civilians:
        area = civilians[0].name[len("Civilians (") : -1]
        if area.lower() not in label["place"].get("admin1", "").lower():
            return "civilians, wrong area"
    if _STATE.search(name) and not is_target:
        return "foreign state forces"
    if ids:
        others = [p for p in proposed if p.role in roles]
        return "wrong actor" if others else "known actor not found"
    if is_target and not _ARMED.search(name):
        return "victims named otherwise"
    return "actor missing"


def errors(article_ids: list[str]) -> list[tuple[str, str, str]]:
    """(class, article id, note) for every actor the bench scores wrong."""
    from events.models import Actor
    from ingest import propose
    from ingest.actors import actors

    parents = ingestbench.type_parents()
    matcher = actors.ActorMatcher(Actor.objects.all())
    found: list[tuple[str, str, str]] = []
    original = ingestscore._score_actors
    for article_id in article_ids:
        article = ingestbench.load_article(article_id)
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ingestbench.published_at(article)
        )

        def spy(score, label, event, actor_matcher, _id=article_id):
            for actor in label.get("actors", []):
                alone = ingestscore.Score()
                original(alone, {**label, "actors": [actor]}, event, actor_matcher)
                if alone.actors_right:
                    continue
                kind = classify(label, actor, event, actor_matcher)
                got = "; ".join(
                    f"{p.name or '(new)'}/{p.role}/{p.text}"
                    for p in event.actors + getattr(event, "new_actors", [])
                )
                found.append(
                    (
                        kind,
                        _id,
                        f"wanted {actor['name']}/{actor.get('role')}, got {got}",
                    )
                )
            original(score, label, event, actor_matcher)

        ingestscore._score_actors = spy
        try:
            ingestscore.score_article(
                article, proposal, parents=parents, actor_matcher=matcher
            )
        finally:
            ingestscore._score_actors = original
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--show", nargs="*", default=None, help="classes to list")
    args = parser.parse_args()
    ingestbench.setup_database()
    ids = ingestbench.select_ids(
        ingestbench.corpus_index(), "dev", only=args.only, series=args.series
    )
    found = errors(ids)
    for kind, article_id, note in sorted(found):
        if args.show is None or kind in args.show:
            ingestbench.say(f"{kind:24} {article_id[:24]:24} {note}")
    counts = Counter(kind for kind, _, _ in found)
    ingestbench.say(f"\nactor errors on {len(ids)} dev reports: {len(found)}")
    for kind in CLASSES:
        ingestbench.say(f"  {kind:26} {counts[kind]:4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
