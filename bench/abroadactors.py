"""Actors on reports from wars other than Syria's: one war's actors proposed abroad,
and the labelled parties the bench scores wrong there, by phrasing.

Usage: .venv/bin/python bench/abroadactors.py [--split dev|heldout] [--series ...]
       [--only ID ...] [--list]

A report is "abroad" when its labels' places are in a country other than Syria (the
most common ``country`` of its labelled places; reports whose labels name no country
are left out). On every proposal (ticked or not) of such a report it counts the
proposed actors of the list that belong to another country than the report's (a
Syria-only actor for Central African rebels), by phrasing: the list's generic word
written ("rebels", "government forces") or a name. On the events the bench matches it
sorts each labelled actor scored wrong into ``bench/actorerrors.py``'s classes, by the
label's phrasing (a generic role phrase, or a name).

Each report is read once: the counts are printed before and after the read-time
renaming of ``ingest/actors/otherwars.py`` (the proposal as it stood before
``otherwars.localise``, then as returned). ``--list`` prints one line per case (after),
on the development part only. On the held-out
part the script prints aggregate counts only (categories; no ids, names or text).
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import actorerrors, ingestbench, ingestscore  # noqa: E402

# The generic role phrases a report names a party by (the label's "written" words or
# its name); anything else is a name.
_ROLE_PHRASE = re.compile(
    r"^(?:the\s+|an?\s+|some\s+)?(?:(?:suspected|armed|unknown|unidentified|"
    r"government|security|state|local)\s+)?(?P<head>rebels?|army|military|militants?|"
    r"forces|troops|soldiers|gunmen|insurgents|police|militias?|fighters|"
    r"jihadists|assailants|attackers|terrorists|regime|junta|government)\s*$",
    re.I,
)


def phrasing(text: str) -> str:
    """The generic role phrase ``text`` is ("government forces"), else "a name"."""
    match = _ROLE_PHRASE.match(" ".join((text or "").split()))
    if not match:
        return "a name"
    return re.sub(r"^(?:the|an?|some)\s+", "", match.group(0).lower()).strip()


def report_country(article: dict) -> str:
    """The labels' country: the most common ``country`` of the labelled places."""
    found = Counter(
        e.get("place", {}).get("country")
        for e in article.get("events", [])
        if e.get("place", {}).get("country")
    )
    return found.most_common(1)[0][0] if found else ""


def foreign_proposals(article: dict, proposal, matcher) -> list[tuple[str, str]]:
    """(phrasing, actor name) for every proposed actor of another country's."""
    country = report_country(article)
    found = []
    for event in proposal.events:
        for actor in event.actors:
            own, _ = matcher.country_and_kind(actor.actor_id)
            if own and own != country:
                generic = matcher.is_generic(actor.text)
                found.append(("generic word" if generic else "named", actor.name))
    return found


def label_errors(article: dict, proposal, matcher) -> list[tuple[str, str, str]]:
    """(class, phrasing, note) for each labelled actor of a matched event the bench
    scores wrong (``bench/actorerrors.py``'s classes)."""
    found = []
    original = ingestscore._score_actors

    def spy(score, label, event, actor_matcher):
        for actor in label.get("actors", []):
            alone = ingestscore.Score()
            original(alone, {**label, "actors": [actor]}, event, actor_matcher)
            if not alone.actors_right:
                kind = actorerrors.classify(label, actor, event, actor_matcher)
                written = actor.get("written") or actor["name"]
                found.append((kind, phrasing(written), f"wanted {actor['name']}"))
        original(score, label, event, actor_matcher)

    ingestscore._score_actors = spy
    try:
        ingestscore.score_article(
            article, proposal, parents=_parents(), actor_matcher=matcher
        )
    finally:
        ingestscore._score_actors = original
    return found


_PARENTS: list = []


def _parents() -> dict:
    if not _PARENTS:
        _PARENTS.append(ingestbench.type_parents())
    return _PARENTS[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "heldout"])
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    listing = args.list and args.split == "dev"
    ingestbench.setup_database()
    from events.models import Actor
    from ingest import propose
    from ingest.actors import actors, otherwars

    matcher = actors.ActorMatcher(Actor.objects.all())
    localise, before = otherwars.localise, []

    def spy(events, *args, **kwargs):
        before.clear()
        before.extend(
            (e, list(e.actors), list(e.new_actors)) for e in events
        )  # the names as they stood
        localise(events, *args, **kwargs)

    otherwars.localise = spy
    ids = ingestbench.select_ids(
        ingestbench.corpus_index(), args.split, only=args.only, series=args.series
    )
    reports, foreign, labelled = 0, Counter(), Counter()
    foreign_before, labelled_before = Counter(), Counter()
    for article_id in ids:
        article = ingestbench.load_article(article_id)
        if report_country(article) in ("", "SY"):
            continue
        reports += 1
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ingestbench.published_at(article)
        )
        after = [(e, e.actors, e.new_actors) for e, _, _ in before]
        for event, known, new in before:
            event.actors, event.new_actors = known, new
        for how, _ in foreign_proposals(article, proposal, matcher):
            foreign_before[how] += 1
        for kind, how, _ in label_errors(article, proposal, matcher):
            labelled_before[(kind, how)] += 1
        for event, known, new in after:
            event.actors, event.new_actors = known, new
        for how, name in foreign_proposals(article, proposal, matcher):
            foreign[how] += 1
            if listing:
                ingestbench.say(f"proposed {article_id[:24]:24} {how:12} {name}")
        for kind, how, note in label_errors(article, proposal, matcher):
            labelled[(kind, how)] += 1
            if listing:
                ingestbench.say(f"label    {article_id[:24]:24} {kind:22} {note}")
    ingestbench.say(f"\n{args.split}: {reports} reports abroad (labels outside Syria)")
    ingestbench.say(
        "  proposed actors of another country's (every proposal), before → after:"
    )
    for how in sorted(set(foreign) | set(foreign_before)):
        ingestbench.say(f"    {how:24} {foreign_before[how]:4} → {foreign[how]:4}")
    ingestbench.say(
        "  labelled actors scored wrong (ticked), class / phrasing, before → after:"
    )
    for kind, how in sorted(set(labelled) | set(labelled_before)):
        ingestbench.say(
            f"    {kind:24} {how:20} {labelled_before[(kind, how)]:4} → "
            f"{labelled[(kind, how)]:4}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
