"""Fast inserts for the import: new rows and their history rows.

Django's bulk_create spends most of an import building SQL value by value; these rows
go in with one executemany per table (SQLite) or COPY (PostgreSQL). Ids are allocated
first (PostgreSQL: from the table's sequence, named once; SQLite: after the largest id,
the database being locked for writing by the import's transaction) so that links and
history rows can name them; on PostgreSQL the history rows are then copied by the
server from the rows just written. Rows nothing names yet (links, ``ids=False``) take
their ids from the column default on PostgreSQL, inserted with their history rows in
one statement. Each row gets its history row ("+", created), as simple_history's
bulk_create_with_history writes. With ``steps`` (PostgreSQL), the statements are
collected instead, to be written by a second thread on the same connection (Later).
"""

import contextlib
import json
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import orjson
from django.db import connection, models
from django.utils import timezone

# A statement to run later: (SQL, parameters, None) or (COPY … FROM STDIN, None, rows).
Step = tuple[str, list | None, list[tuple] | None]
Steps = list[Step]

# (database name, table) -> the table's id sequence (PostgreSQL), read once: calling
# pg_get_serial_sequence for every id was a tenth of a first import's time.
_SEQUENCES: dict[tuple[str, str], str] = {}


def _sequence(cursor, table: str, column: str) -> str:
    key = (connection.settings_dict["NAME"], table)
    if key not in _SEQUENCES:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        _SEQUENCES[key] = cursor.fetchone()[0]
    return _SEQUENCES[key]


def _allocate(model: type[models.Model], count: int) -> list[int]:
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
                [_sequence(cursor, table, column), count],
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
    steps: "Steps | None" = None,
) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    if steps is not None:  # PostgreSQL, written later (Steps)
        steps.append((f"COPY {quote(table)} ({names}) FROM STDIN", None, rows))
        return
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


def allocate(model: type[models.Model], count: int) -> list[int]:
    """``count`` new ids of ``model`` (PostgreSQL: from its sequence), for
    ``insert(new_ids=…)``."""
    return _allocate(model, count) if count else []


def insert(
    model: type[models.Model],
    rows: list[dict],
    *,
    ids: bool = True,
    new_ids: list[int] | None = None,
    steps: "Steps | None" = None,
) -> list[int]:
    """Insert ``rows`` (attname -> value, already validated) and
    their history rows; returns the new ids, also set as ``row["id"]``.

    ``ids=False`` (rows nothing else names yet, such as links): on PostgreSQL the
    ids come from the column's default and the history rows are written from the
    inserted rows in the same statement; returns an empty list.
    Missing columns take the field's default (auto_now fields: now). Sends no signals
    (as bulk_create): the caller bumps the data version.
    ``new_ids``: ids allocated already (allocate()); ``steps`` (PostgreSQL): the
    statements are added to it instead of run (Steps runs them later)."""
    if steps is not None and connection.vendor != "postgresql":
        steps = None
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
    if not ids and connection.vendor == "postgresql":
        fields = [f for f in fields if not f.primary_key]
        values = _values(fields, rows, defaults)
        _insert_with_history(model, fields, values, now, steps)
        return []
    if new_ids is None:
        new_ids = _allocate(model, len(rows))
    elif len(new_ids) != len(rows):
        raise ValueError(f"{len(new_ids)} ids allocated for {len(rows)} rows")
    pk = model._meta.pk.attname
    for row, new_id in zip(rows, new_ids, strict=True):
        row[pk] = new_id
    _, marks = _converters(fields)
    values = _values(fields, rows, defaults)
    _write(model._meta.db_table, [f.column for f in fields], values, marks, steps)
    if connection.vendor == "postgresql":
        _history_from_table(model, new_ids, now, steps)
        return new_ids
    history = model.history.model
    names = [f.attname for f in fields]
    index = {name: i for i, name in enumerate(names)}
    picks, history_marks = [], []
    history_fields = _history_fields(model)
    for field in history_fields:
        value = _history_value(field, now)
        if value is not _COPIED:
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
    return new_ids


_COPIED = object()  # a history column copied from the row


def _history_fields(model: type[models.Model]) -> list:
    history = model.history.model
    return [f for f in history._meta.concrete_fields if f.name != "history_id"]


def _history_value(field, now):
    """A history column's own value (created, now, no user), or _COPIED."""
    extra = {
        "history_date": now,
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": None,
    }
    if field.attname not in extra:
        return _COPIED
    value = extra[field.attname]
    if field.get_internal_type() == "DateTimeField":
        value = connection.ops.adapt_datetimefield_value(value)
    return value


def _values(fields: list, rows: list[dict], defaults: dict) -> list[tuple]:
    converters, _ = _converters(fields)
    plain = [
        (f.attname, defaults[f.attname])
        for f, convert in zip(fields, converters, strict=True)
        if convert is None
    ]
    if len(plain) == len(fields):  # the common case (links): no conversion at all
        return [
            tuple([row.get(name, default) for name, default in plain]) for row in rows
        ]
    columns = [
        (f.attname, defaults[f.attname], convert)
        for f, convert in zip(fields, converters, strict=True)
    ]
    values = []
    for row in rows:
        line = []
        for name, default, convert in columns:
            value = row.get(name, default)
            line.append(convert(value) if convert and value is not None else value)
        values.append(tuple(line))
    return values


def _history_picks(model: type[models.Model], now, source: str):
    """The history table's columns, their SELECT expressions (copied columns read
    from ``source``) and the parameters of the others."""
    quote = connection.ops.quote_name
    history_fields = _history_fields(model)
    picks, params = [], []
    for field in history_fields:
        value = _history_value(field, now)
        if value is _COPIED:
            picks.append(f"{source}.{quote(field.column)}")
        else:
            picks.append("%s")
            params.append(value)
    columns = ", ".join(quote(f.column) for f in history_fields)
    return columns, ", ".join(picks), params


def _history_from_table(
    model: type[models.Model], ids: list[int], now, steps: "Steps | None" = None
) -> None:
    """PostgreSQL: the history rows copied by the server from the rows just written
    (no second COPY of the same values from here)."""
    quote = connection.ops.quote_name
    columns, picks, params = _history_picks(model, now, "new")
    history = quote(model.history.model._meta.db_table)
    sql = (
        f"INSERT INTO {history} ({columns}) SELECT {picks} "  # noqa: S608
        f"FROM {quote(model._meta.db_table)} AS new "
        f"WHERE new.{quote(model._meta.pk.column)} = ANY(%s::bigint[])"
    )
    # the ids as one array literal: psycopg would dump a list id by id
    _execute(sql, [*params, "{" + ",".join(map(str, ids)) + "}"], steps)


def _execute(sql: str, params: list, steps: "Steps | None") -> None:
    if steps is not None:
        steps.append((sql, params, None))
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _insert_with_history(
    model: type[models.Model],
    fields: list,
    values: list[tuple],
    now,
    steps: "Steps | None" = None,
) -> None:
    """PostgreSQL: one statement inserts the rows (ids from the column default) from
    one JSON array of rows and their history rows from what the insert returns.

    JSON (orjson here, PostgreSQL's parser there) and not one array parameter per
    column: psycopg builds array parameters in Python, element by element, which was
    a tenth of a first import's time in the Python process."""
    quote = connection.ops.quote_name
    columns = [f.column for f in fields]
    for field in fields:
        if getattr(field, "geom_type", None) or field.get_internal_type() in (
            "JSONField", "DateField", "DateTimeField",
        ):  # fmt: skip
            raise ValueError(f"ids=False takes plain columns, not {field.name}")
    pk = quote(model._meta.pk.column)
    names = ", ".join(quote(c) for c in columns)
    typed = ", ".join(
        f"(r->>{i})::{f.db_type(connection)}" for i, f in enumerate(fields)
    )
    history_columns, picks, params = _history_picks(model, now, "new")
    sql = (
        f"WITH new AS (INSERT INTO {quote(model._meta.db_table)} ({names}) "  # noqa: S608
        f"SELECT {typed} FROM json_array_elements(%s::json) AS r "
        f"RETURNING {pk}, {names}) "
        f"INSERT INTO {quote(model.history.model._meta.db_table)} "
        f"({history_columns}) SELECT {picks} FROM new"
    )
    _execute(sql, [orjson.dumps(values).decode(), *params], steps)


def _run(raw, steps: Steps) -> None:
    """Run ``steps`` on the psycopg connection ``raw`` (no Django: its connection
    object belongs to the thread that opened it)."""
    with raw.cursor() as cursor:
        for sql, params, rows in steps:
            if rows is None:
                cursor.execute(sql, params)
                continue
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)


class Later:
    """A batch's inserts, written by a second thread on the import's own connection
    (the same transaction) while the main thread reads and prepares the next batch:
    PostgreSQL's work and the import's Python then run at once instead of in turn.

    One batch at a time: any query of the main thread waits first until the batch in
    flight is written (a Django execute wrapper), so that every read sees every
    write before it and the connection is never used by both threads at once. An
    error of the writing thread is raised in the main thread, as Django's error."""

    def __init__(self) -> None:
        self.steps: Steps = []
        self._future: Future | None = None
        self._pool: ThreadPoolExecutor | None = None

    @property
    def active(self) -> bool:
        return self._pool is not None

    @contextlib.contextmanager
    def running(self) -> Iterator["Later"]:
        """Inside, insert() with ``steps=self.steps`` writes later (PostgreSQL only;
        elsewhere a no-op). Everything is written when the block ends; on an error
        the thread is waited for before it goes on (and the transaction rolls back)."""
        if connection.vendor != "postgresql":
            yield self
            return
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="import-writer")
        done = False
        try:
            with connection.execute_wrapper(self._settle_first):
                yield self
                self.submit()
                self.settle()
            done = True
        finally:
            if not done:
                with contextlib.suppress(Exception):  # the first error is raised
                    self.settle()
            self._pool.shutdown(wait=True)
            self._pool = None
            self.steps = []

    def submit(self) -> None:
        """Hand the steps so far to the writing thread (once the batch before them
        is written)."""
        if not self.steps or self._pool is None:
            return
        self.settle()
        steps, self.steps = self.steps, []
        connection.ensure_connection()
        self._future = self._pool.submit(_run, connection.connection, steps)

    def settle(self) -> None:
        """Wait for the batch in flight; raise its error (as Django's)."""
        future, self._future = self._future, None
        if future is not None:
            with connection.wrap_database_errors:
                future.result()

    def _settle_first(self, execute, sql, params, many, context):
        self.settle()
        return execute(sql, params, many, context)
