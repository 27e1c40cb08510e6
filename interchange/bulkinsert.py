"""Fast inserts for the import: new rows and their history rows, ids allocated up front.

Django's bulk_create spends most of an import building SQL value by value; these rows
go in with one executemany per table
(SQLite) or COPY (PostgreSQL). Ids are allocated first (PostgreSQL: from the table's
sequence; SQLite: after the largest id, the database being locked for writing by the
import's transaction) so that links and history rows can name them. Each row gets
its history row ("+", created), as simple_history's bulk_create_with_history writes.
"""

import json
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


def _write(
    table: str,
    columns: Sequence[str],
    rows: list[tuple],
    marks: Sequence[str] | None = None,
) -> None:
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
        values = ", ".join(marks or ["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {quote(table)} ({names}) VALUES ({values})",  # noqa: S608
            rows,
        )


def _converters(fields: list) -> tuple[list, list[str]]:
    """Per column: how a Python value becomes what the database driver takes, and
    its SQL placeholder (geometry: WKT read by GeomFromText on SpatiaLite; EWKT in
    PostgreSQL's COPY text)."""
    ops = connection.ops
    postgres = connection.vendor == "postgresql"
    converters, marks = [], []
    for field in fields:
        internal = field.get_internal_type()
        mark = "%s"
        if internal == "DateField":
            converters.append(ops.adapt_datefield_value)
        elif internal == "DateTimeField":
            converters.append(ops.adapt_datetimefield_value)
        elif internal == "JSONField":
            converters.append(json.dumps)
        elif getattr(field, "geom_type", None):
            srid = field.srid
            if postgres:
                converters.append(lambda value, srid=srid: f"SRID={srid};{value.wkt}")
            else:
                converters.append(lambda value: value.wkt)
                mark = f"GeomFromText(%s, {srid})"
        else:
            converters.append(None)
        marks.append(mark)
    return converters, marks


def insert(model: type[models.Model], rows: list[dict]) -> list[int]:
    """Insert ``rows`` (attname -> value, already validated) and
    their history rows; returns the new ids, also set as ``row["id"]``.

    Missing columns take the field's default (auto_now fields: now). Sends no signals
    (as bulk_create): the caller bumps the data version."""
    if not rows:
        return []
    now = timezone.now()
    fields = list(model._meta.concrete_fields)
    defaults = {}
    for field in fields:
        auto = getattr(field, "auto_now", False) or getattr(
            field, "auto_now_add", False
        )
        defaults[field.attname] = now if auto else field.get_default()
    ids = _allocate(model, len(rows))
    pk = model._meta.pk.attname
    for row, new_id in zip(rows, ids, strict=True):
        row[pk] = new_id
    converters, marks = _converters(fields)
    names = [f.attname for f in fields]
    values = []
    for row in rows:
        line = []
        for name, convert in zip(names, converters, strict=True):
            value = row.get(name, defaults[name])
            line.append(convert(value) if convert and value is not None else value)
        values.append(tuple(line))
    _write(model._meta.db_table, [f.column for f in fields], values, marks)
    history = model.history.model
    extra = {
        "history_date": now,
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": None,
    }
    history_fields = [
        f for f in history._meta.concrete_fields if f.name != "history_id"
    ]
    index = {name: i for i, name in enumerate(names)}
    picks, history_marks = [], []
    for field in history_fields:
        if field.attname in extra:
            value = extra[field.attname]
            if field.get_internal_type() == "DateTimeField":
                value = connection.ops.adapt_datetimefield_value(value)
            picks.append((True, value))
            history_marks.append("%s")
        else:
            picks.append((False, index[field.attname]))
            history_marks.append(marks[index[field.attname]])
    history_rows = [
        tuple(value if fixed else line[value] for fixed, value in picks)
        for line in values
    ]
    _write(
        history._meta.db_table,
        [f.column for f in history_fields],
        history_rows,
        history_marks,
    )
    return ids
