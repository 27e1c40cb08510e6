"""Lookups shared by the formats: event types by name or slug, external-id prefixes."""

import re
from dataclasses import dataclass

from events.models import Event, EventType

DATASETS = ("acled", "ucdp", "geojson", "conflictmap")
_PREFIXED = re.compile(r"^(acled|ucdp|geojson|conflictmap):(.+)$")


@dataclass(frozen=True)
class TypeIndex:
    by_names: dict[tuple[str, str], EventType]  # (parent name, name), lower case
    by_slug: dict[str, EventType]


def type_index() -> TypeIndex:
    types = list(EventType.objects.select_related("parent"))
    by_names = {}
    for event_type in types:
        if event_type.parent_id:
            key = (event_type.parent.name.lower(), event_type.name.lower())
            by_names[key] = event_type
    return TypeIndex(by_names=by_names, by_slug={t.slug: t for t in types})


def split_external_id(dataset: str, raw: str) -> tuple[str, str]:
    """('acled', 'SYR123') as is; 'ucdp:456' written by our export keeps its origin."""
    match = _PREFIXED.match(raw)
    if match:
        return match.group(1), match.group(2)
    return dataset, raw


def export_id(event: Event, dataset: str) -> str:
    """The id an export writes: the dataset's own id, else 'origin:id' (see crosswalk)."""
    if event.external_id and event.external_dataset == dataset:
        return event.external_id
    if event.external_id:
        return f"{event.external_dataset}:{event.external_id}"
    return f"conflictmap:{event.pk}"
