"""The shipped lexicon of the armed actors of current wars (fixtures/actors_world.csv),
merged into the actor list; every row names its source."""

import csv
from pathlib import Path

from django.db import transaction

from events.models import Actor

LEXICON = Path(__file__).resolve().parent / "fixtures" / "actors_world.csv"
# What a state's forces are called after its demonym ("Somali forces"); the matcher
# reads "<demonym> forces" as that word with its arms too ("Somali troops", "Somali
# drones", "Somali artillery": ingest.actors.actors.STATE_NOUNS).
_STATE_FORCES = ("forces", "armed forces", "security forces", "air force",
                 "government forces", "government troops")  # fmt: skip
_STATE_KINDS = {Actor.Kind.STATE_FORCES, Actor.Kind.FOREIGN_FORCES}


def lexicon_rows(path: Path = LEXICON) -> list[dict]:
    """The lexicon's rows: name, kind, country, parent, aliases (a list), source."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            demonyms = [d.strip() for d in row["demonyms"].split("|") if d.strip()]
            aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
            if row["kind"] in _STATE_KINDS:
                aliases += [f"{d} {noun}" for d in demonyms for noun in _STATE_FORCES]
            rows.append(
                {
                    "name": row["name"].strip(),
                    "kind": row["kind"].strip(),
                    "country": row["country"].strip().upper(),
                    "parent": row["parent"].strip(),
                    "aliases": list(dict.fromkeys(aliases)),
                    "source": row["source"].strip(),
                }
            )
    return rows


@transaction.atomic
def actor_lexicon_load(*, path: Path = LEXICON) -> dict[str, int]:
    """Create the lexicon's actors the list lacks; for those it has, add the aliases it
    lacks and never remove or rewrite what an editor set. Safe to re-run."""
    created = updated = 0
    for row in lexicon_rows(path):
        parent = (
            Actor.objects.filter(name=row["parent"]).first() if row["parent"] else None
        )
        actor = Actor.objects.filter(name=row["name"]).first()
        if actor is None:
            Actor.objects.create(
                name=row["name"],
                kind=row["kind"],
                aliases=row["aliases"],
                parent=parent,
                country_code=row["country"],
                description=f"Source: {row['source']}",
            )
            created += 1
            continue
        have = {a.lower() for a in actor.aliases or [] if isinstance(a, str)}
        missing = [a for a in row["aliases"] if a.lower() not in have]
        if missing:
            actor.aliases = [*(actor.aliases or []), *missing]
            actor.save(update_fields=["aliases"])
            updated += 1
    return {"created": created, "updated": updated}
