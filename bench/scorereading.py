"""ingestbench's two readings of precision: every proposal, and the ones an editor is
offered ticked (neither restated background nor under the confidence threshold of
ingest/confidence.py). Counts only: a held-out run can print them."""


def count_every(score, labels: list[dict], proposal, matched_pairs, parents) -> None:
    """Add to ``score`` the reading of every proposal, ticked or not, and how many
    proposals the confidence left unticked and how many of those a label matches."""
    pairs = matched_pairs(labels, proposal.events, parents)
    score.every += len(proposal.events)
    score.every_matched += len(pairs)
    for i, event in enumerate(proposal.events):
        if getattr(event, "unsure", False) and not event.background:
            score.unsure += 1
            score.unsure_matched += i in pairs


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def report(total, say) -> dict:
    """Print both readings of the OVERALL events (the OVERALL line above is the
    ticked one) and return them."""
    say(
        f"  events, every proposal (ticked or not): {total.every_matched} of "
        f"{total.labels} matched, {total.every} proposals: recall "
        f"{_pct(total.every_matched, total.labels)}, precision "
        f"{_pct(total.every_matched, total.every)}"
    )
    say(
        f"  events, offered ticked (no background, confidence at or over the "
        f"threshold): {total.matched} of {total.labels} matched, {total.proposals} "
        f"proposals: recall {_pct(total.matched, total.labels)}, precision "
        f"{_pct(total.matched, total.proposals)}; left unticked by the confidence: "
        f"{total.unsure}, of which {total.unsure_matched} right"
    )
    return {
        "every_proposals": total.every,
        "every_matched": total.every_matched,
        "unsure": total.unsure,
        "unsure_matched": total.unsure_matched,
    }
