"""ConflictMap extension columns: optional extra CSV columns that make our exports lossless.

Other tools ignore unknown columns; our importer uses them, when present and not
empty, in preference to the approximations the dataset columns allow.
"""

from control import selectors as control_selectors
from events.models import Event
from interchange.records import EventRecord, RowChecker
from interchange.taxonomy import TypeIndex

TEXT_COLUMNS = frozenset({"cm_title", "cm_summary", "cm_place_ar", "cm_control"})
PRECISIONS = {value: value for value in Event.DatePrecision.values}


ACLED_COLUMNS = (
    "cm_title",
    "cm_date_precision",
    "cm_date_end",
    "cm_fatalities_low",
    "cm_fatalities_high",
    "cm_place_ar",
    "cm_control",
)
UCDP_COLUMNS = ("cm_title", "cm_type", "cm_summary", "cm_place_ar", "cm_control")
# cm_control is written, never read: who took control is derived again on import
# from the type and the first actor (the control layer's reading of the event).


def read(
    cells: dict[str, str], check: RowChecker, types: TypeIndex, columns: tuple[str, ...]
) -> dict[str, object]:
    """Values of the format's extension columns that are present and not empty."""
    cells = {name: cells[name] for name in columns if name in cells}
    found: dict[str, object] = {}
    if cells.get("cm_title", "").strip():
        found["title"] = check.text("cm_title", cells["cm_title"], max_length=300)
    if cells.get("cm_type", "").strip():
        slug = cells["cm_type"].strip()
        if slug in types.by_slug:
            found["event_type"] = types.by_slug[slug]
        else:
            check.error("cm_type", f"{slug[:80]!r} is not an event-type slug")
    if cells.get("cm_date_precision", "").strip():
        value = check.choice(
            "cm_date_precision", cells["cm_date_precision"], PRECISIONS
        )
        if value:
            found["date_precision"] = value
    if cells.get("cm_date_end", "").strip():
        found["date_end"] = check.date("cm_date_end", cells["cm_date_end"])
    if cells.get("cm_summary", "").strip():
        found["summary"] = check.text(
            "cm_summary", cells["cm_summary"], max_length=10_000
        )
    for name in ("low", "high"):
        column = f"cm_fatalities_{name}"
        if cells.get(column, "").strip():
            found[f"fatalities_{name}"] = check.integer(column, cells[column])
    if cells.get("cm_place_ar", "").strip():
        found["name_ar"] = check.text(
            "cm_place_ar", cells["cm_place_ar"], max_length=200
        )
    return found


def export(event: Event) -> dict[str, object]:
    taken_by = control_selectors.event_taken_by(event)
    return {
        "cm_control": taken_by.name if taken_by else "",
        "cm_title": event.title,
        "cm_type": event.event_type.slug,
        "cm_date_precision": event.date_precision,
        "cm_date_end": event.date_end.isoformat() if event.date_end else "",
        "cm_summary": event.summary,
        "cm_fatalities_low": event.fatalities_low,
        "cm_fatalities_high": event.fatalities_high,
        "cm_place_ar": event.place.name_ar if event.place else "",
    }


def apply(record: EventRecord, found: dict[str, object], check: RowChecker) -> None:
    """Let the extension values override the record's; they become carried fields."""
    carried = set(record.carried)
    for name, value in found.items():
        if name == "name_ar":
            record.place.name_ar = value
        elif name == "event_type":
            record.event_type_id = value.pk
            carried.add("event_type")
        else:
            setattr(record, name, value)
            carried.add(name)
    record.carried = frozenset(carried)
    if record.date_end and record.date_end < record.date_start:
        check.error("cm_date_end", "is before the start date")
