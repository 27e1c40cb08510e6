"""Per labelled event: the country of its place against the country its proposal's
place was read in, and what in the text points to the label's country.

Usage: .venv/bin/python bench/eventcountry.py [--series LETTER ...] [--list] [--heldout]

For every DEV report, each labelled event's place country (``countrycauses.place_country``)
is compared with the country the place of its proposal was read in (the mention's own
country when it has one, else the article's). The proposal is the matched one, else one
of its type family whose place shares a word with the label's, else any whose place
does. Unmatched proposals whose place is a labelled place of another country count as
"extra". Each mismatch is put under what points to the label's country:
- "sentence names the country", "... its capital", "... its adjective", "... an armed
  group of it" (``ingest.country.pointedcountry``), in the proposal's first sentence;
- "the paragraph does": another sentence of the same line of text;
- "the dateline does"; "only the place name does": nothing in the text near it.
--list prints every dev mismatch. --heldout prints AGGREGATE counts for the held-out
split (kind and cause only), never a report's id, name or sentence.
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import countrycauses as cc  # noqa: E402
import ingestbench as ib  # noqa: E402
import nopointcauses as npc  # noqa: E402

from bench import labelpairs  # noqa: E402


def _paragraph(text: str, sentence: str) -> str:
    """The line of ``text`` holding ``sentence`` (its first 40 characters)."""
    head = sentence.strip()[:40]
    for line in text.split("\n"):
        if head and head in line:
            return line
    return ""


def why(article: dict, proposal, p, want: str) -> str:
    from ingest.country import pointedcountry
    from ingest.reading import wire

    sentence = proposal.texts[p.sentences[0]] if p.sentences else ""
    # the name itself is no cue ("a house in Baghdad" points to Iraq by its name only)
    own = pointedcountry.pointed(p.place.text if p.place is not None else "")
    kind = pointedcountry.pointed(sentence).get(want)
    if kind and want not in own:
        return f"sentence: {kind}"
    paragraph = _paragraph(article["text"], sentence)
    if want in pointedcountry.pointed(paragraph) and want not in own:
        return "the paragraph does"
    if wire.filed_from(article["text"].split("\n")[:8]) == want:
        return "the dateline does"
    return "only the place name does"


def _read_in(proposal, p) -> str:
    return (p.place.country_code if p.place is not None else "") or proposal.country


def _proposal_for(label: dict, proposed: list, parents) -> int | None:
    family = labelpairs.family(label["type"], parents)
    named = [
        i for i, p in enumerate(proposed)
        if p.place is not None and npc._related(p.place.text, label["place"]["name"])
    ]  # fmt: skip
    same = [
        i for i in named if labelpairs.family(proposed[i].event_type, parents) == family
    ]
    return (same or named or [None])[0]


def cases(article: dict, proposal, parents) -> list[tuple[str, str, str, str, str]]:
    """(kind, cause, labelled country, read country, place name) per mismatch; kind:
    "matched", "missed" or "extra", with "no point" or "point" added."""
    proposed, labels, used = labelpairs.pairing(article, proposal, parents)
    found = []
    for n, label in enumerate(labels):
        want = cc.place_country(label["place"])
        matched = [i for i, j in used.items() if j == n]
        i = matched[0] if matched else _proposal_for(label, proposed, parents)
        if not want or i is None:
            continue
        p = proposed[i]
        read = _read_in(proposal, p)
        if read == want:
            continue
        point = "point" if p.place is not None and p.place.lat is not None else "none"
        kind = f"{'matched' if matched else 'missed'}, {point}"
        found.append(
            (kind, why(article, proposal, p, want), want, read, label["place"]["name"])
        )
    for i, p in enumerate(proposed):
        if i in used or p.place is None:
            continue
        label = npc._label_for(p.place.text, article)
        want = cc.place_country(label) if label else ""
        read = _read_in(proposal, p)
        if not want or want == read:
            continue
        point = "point" if p.place.lat is not None else "none"
        found.append(
            (
                f"extra, {point}",
                why(article, proposal, p, want),
                want,
                read,
                p.place.text,
            )
        )
    return found


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--heldout", action="store_true", help="aggregate counts only")
    args = parser.parse_args()
    ib.setup_database()
    parents = ib.type_parents()
    counts: Counter = Counter()
    if args.heldout:
        from ingest import propose
        from places import gazetteer

        index = gazetteer.gazetteer_index()
        wrong_country: Counter = Counter()

        ids = ib.select_ids(ib.corpus_index(), "heldout", series=args.series)
        for article_id in ids:
            article = ib.load_article(article_id)
            proposal = propose.article_propose(
                text_raw=article["text"], published_at=ib.published_at(article)
            )
            for kind, cause, *_ in cases(article, proposal, parents):
                counts[(kind, cause)] += 1
            for kind, text, label in npc.cases(article, proposal, parents):
                if label is not None and npc.cause(
                    text, label, proposal.country, index
                ) == ("read in the wrong country"):
                    wrong_country[kind] += 1
        ib.say(
            "held-out no-point losses 'read in the wrong country' (nopointcauses): "
            f"{sum(wrong_country.values())} ({wrong_country['missed']} missed, "
            f"{wrong_country['extra']} extra)"
        )
        split = f"held-out ({len(ids)} reports)"
    else:
        n = 0
        for article_id, article, proposal in ib.split_proposals("dev", args.series):
            n += 1
            for kind, cause, want, read, name in cases(article, proposal, parents):
                counts[(kind, cause)] += 1
                if args.list:
                    ib.say(
                        f"  {article_id[:30]:30} {kind:14} {cause:26} "
                        f"{want}<-{read} {name!r}"
                    )
        split = f"dev ({n} reports)"
    kinds = Counter()
    for (kind, _), k in counts.items():
        kinds[kind] += k
    ib.say(
        f"{split}: events read in another country than labelled: "
        f"{sum(counts.values())} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        + ")"
    )
    for (kind, cause), k in sorted(counts.items()):
        ib.say(f"  {k:4}  {kind:14} {cause}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
