"""A cheap fingerprint of the tables the gazetteer index is built from, in one query.

The rows and last id of the gazetteer, of the hand-fixed places and of their names:
a write that bypassed gazetteer_index_invalidate() (bulk SQL, a rolled-back test
transaction) changes it. One round trip where three aggregates took three (ingest asks
once per article: bench/README.md, "Ingest CPU, round 6")."""

from django.db import connection

from places.models import GazetteerEntry, Place, PlaceName


def _sql() -> str:
    quote = connection.ops.quote_name
    entries = quote(GazetteerEntry._meta.db_table)
    places = quote(Place._meta.db_table)
    names = quote(PlaceName._meta.db_table)
    entry_id = quote(GazetteerEntry._meta.pk.column)
    place_id = quote(Place._meta.pk.column)
    name_id = quote(PlaceName._meta.pk.column)
    name_place = quote(PlaceName._meta.get_field("place").column)
    provenance = quote(Place._meta.get_field("provenance").column)
    manual_names = (
        f"FROM {names} INNER JOIN {places} "
        f"ON {names}.{name_place} = {places}.{place_id} "
        f"WHERE {places}.{provenance} = %s"
    )
    manual_places = f"FROM {places} WHERE {places}.{provenance} = %s"
    return (
        f"SELECT (SELECT COUNT(*) FROM {entries}), "
        f"(SELECT MAX({entry_id}) FROM {entries}), "
        f"(SELECT COUNT(*) {manual_names}), "
        f"(SELECT MAX({names}.{name_id}) {manual_names}), "
        f"(SELECT COUNT(*) {manual_places}), "
        f"(SELECT MAX({places}.{place_id}) {manual_places})"
    )


def fingerprint() -> str:
    """ "{rows}:{manual names}:{manual places}", each {'n': count, 'last': max id}."""
    manual = Place.Provenance.MANUAL.value
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [manual] * 4)
        values = cursor.fetchone()
    parts = [{"n": values[i], "last": values[i + 1]} for i in (0, 2, 4)]
    return ":".join(str(part) for part in parts)
