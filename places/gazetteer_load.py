"""Writes to the GazetteerEntry table: the bundled files loaded, GeoNames dumps imported
(both upserts by ref); each tells every process to rebuild its index."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from places import gazetteer, gazetteer_bundle, gazetteer_entry, gazetteer_geonames
from places.models import GazetteerEntry

_UPDATE_FIELDS = [
    "name",
    "name_ar",
    "alternate_names",
    "feature_class",
    "feature_code",
    "feature_type",
    "country_code",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "population",
    "source",
    "key",
    "precision",
]


def _upsert(entries: list[GazetteerEntry]) -> int:
    for entry in entries:
        if entry.dataset in gazetteer_entry._BULK:
            continue  # parsed and range-checked on the way in; validating is slow
        try:
            entry.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ValueError(f"{entry.dataset}:{entry.ref}: {error}") from error
    GazetteerEntry.objects.bulk_create(
        entries,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["dataset", "ref"],
        update_fields=_UPDATE_FIELDS,
    )
    return len(entries)


@transaction.atomic
def gazetteer_load_bundled() -> int:
    """Load the bundled gazetteer into GazetteerEntry; idempotent (upsert by ref).

    GeoNames cities are restricted to settings.GAZETTEER_COUNTRIES; curated rows
    that left the CSV files are removed. Returns the number of rows loaded.
    """
    entries = gazetteer_bundle.gazetteer_bundled_entries()
    count = _upsert(entries)
    for dataset in (
        GazetteerEntry.Dataset.ADMIN,
        GazetteerEntry.Dataset.SUPPLEMENT,
        GazetteerEntry.Dataset.PLACES,
    ):
        refs = [e.ref for e in entries if e.dataset == dataset]
        GazetteerEntry.objects.filter(dataset=dataset).exclude(ref__in=refs).delete()
    transaction.on_commit(gazetteer.gazetteer_index_invalidate)
    return count


@dataclass
class ImportReport:
    lines: int = 0
    imported: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    error_count: int = 0


def gazetteer_import_geonames(
    lines: Iterable[str],
    *,
    countries: Iterable[str] | None = None,
    feature_classes: str = "PATSL",
    batch_size: int = 2000,
) -> ImportReport:
    """Upsert GeoNames-format lines (19 tab-separated columns) in batches; idempotent.

    Malformed lines are skipped and reported (line number and reason), never fatal.
    """
    wanted = {c.upper() for c in (countries or settings.GAZETTEER_COUNTRIES)}
    report = ImportReport()
    batch: list[GazetteerEntry] = []
    for number, line in enumerate(lines, start=1):
        report.lines = number
        if not line.strip() or line.startswith("#"):
            continue
        try:
            columns = gazetteer_geonames._parse_geonames_line(line)
            if columns[8] not in wanted or columns[6] not in feature_classes:
                report.skipped += 1
                continue
            entry = gazetteer_geonames._geonames_entry(
                columns, source="GeoNames (CC BY 4.0) dump"
            )
        except ValueError as error:
            report.error_count += 1
            if len(report.errors) < 20:
                report.errors.append(f"line {number}: {error}")
            continue
        batch.append(entry)
        if len(batch) >= batch_size:
            report.imported += _upsert_batch(batch)
            batch = []
    if batch:
        report.imported += _upsert_batch(batch)
    if report.imported:
        gazetteer.gazetteer_index_invalidate()
    return report


@transaction.atomic
def _upsert_batch(batch: list[GazetteerEntry]) -> int:
    return _upsert(batch)
