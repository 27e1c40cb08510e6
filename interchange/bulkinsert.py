"""Fast inserts for the import: new rows and their history rows, ids allocated up front.

Django's bulk_create spends most of an import building SQL value by value; these rows
have plain columns only (no geometry), so they go in with one executemany per table
(SQLite) or COPY (PostgreSQL). Ids are allocated first (PostgreSQL: from the table's
sequence; SQLite: after the largest id, the database being locked for writing by the
import's transaction) so that links and history rows can name them. Each row gets
its history row ("+", created), as simple_history's bulk_create_with_history writes.
"""

from collections.abc import Sequence

from django.db import connection, models
from django.utils import timezone


def _allocate(model: type[models.Model], count: int) -> list[int]:
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                "FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quoted = connection.ops.quote_name(table)
        # A write first, so that the transaction holds SQLite's write lock before
        # the largest id is read (no other writer can take the same ids).
        cursor.execute(f"UPDATE {quoted} SET {column} = {column} WHERE 0")  # noqa: S608
        cursor.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {quoted}")  # noqa: S608
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def _write(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3: COPY, the fastest way in
            with raw.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
            rows,
        )


def insert(model: type[models.Model], objs: list[models.Model]) -> None:
    """Insert unsaved ``objs`` (plain columns only) and their history rows; sets pks.

    Sends no signals (as bulk_create): the caller bumps the data version."""
    if not objs:
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields]
    for obj, pk in zip(objs, _allocate(model, len(objs)), strict=True):
        obj._prepare_related_fields_for_save(operation_name="insert")
        obj.pk = pk
        for field in fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                if getattr(obj, field.attname) is None:
                    setattr(obj, field.attname, now)
        obj._state.adding = False
        obj._state.db = connection.alias
    rows = [
        tuple(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields)
        for obj in objs
    ]
    _write(model._meta.db_table, [f.column for f in fields], rows)
    history = model.history.model
    extra = {
        "history_date": now,
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": None,
    }
    history_fields = [f for f in history._meta.concrete_fields if f.name != "history_id"]
    prepared = {
        f.attname: f.get_db_prep_save(extra[f.attname], connection)
        for f in history_fields
        if f.attname in extra
    }
    index = {f.attname: i for i, f in enumerate(fields)}
    picks = [
        (True, prepared[f.attname]) if f.attname in prepared else (False, index[f.attname])
        for f in history_fields
    ]
    history_rows = [
        tuple(value if fixed else row[value] for fixed, value in picks) for row in rows
    ]
    _write(history._meta.db_table, [f.column for f in history_fields], history_rows)
