"""One base cluster index per machine: built by one process (under a file lock) into
one file of arrays that every worker maps read-only, published by an atomic switch
of the ``current`` link (the mechanism: events.shared_index, shared with the control
index); the per-write delta stays per process (maps.clusters.live).

Layout under the root (settings.MAP_INDEX_DIR, one root per database):
``v<counter>-<id>/index.bin`` (the arrays, 64-byte aligned) and ``meta.json`` (where
each array lies, the scalars, the types), ``current`` -> the version in use,
``build.lock`` (events.shared_index says how a version is switched and why a
half-written one is never read).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from django.conf import settings

from events import indexfile, shared_index
from events.indexfile import Writer
from events.shared_index import CURRENT, LOCK, BuildFailed, root_for
from maps.clusters.engine import ClusterIndex
from maps.clusters.grid import Grids, Level, TypeInfo, add_build_s
from maps.clusters.packed import PackedPlaces

FORMAT = 2  # 2: the grids' coordinate sums as q-bit uint32 (maps.clusters.sums)
MAGIC = b"CMAPIDX1"
__all__ = ["CURRENT", "LOCK", "BuildFailed", "current", "obtain", "publish", "root_for"]
# Per process, never shared: the Feature cache, mask sub-indexes, the export columns
# (stored on their own below), and what is rebuilt from the types.
INDEX_OWN = frozenset(
    {
        "levels", "types", "slug_idx", "_subs", "_subs_lock", "features",
        "features_nbytes", "features_since", "columns", "built_at", "store_name",
        "built_wall", "_parent",
    }
)  # fmt: skip
LEVEL_OWN = frozenset({"_cells"})
COLUMN_ARRAYS = ("end", "precision", "place", "fatalities", "actors")

# What this process did (tests and logs read it): bases built, versions mapped.
stats = {"builds": 0, "maps": 0, "builds_elsewhere": 0}


# --- writing ----------------------------------------------------------------------
def _scalars(obj: object, writer: Writer, prefix: str, own: frozenset) -> dict:
    """Arrays of ``obj`` to the file, its other attributes as JSON values."""
    found: dict = {}
    for name, value in vars(obj).items():
        if name in own:
            continue
        if isinstance(value, np.ndarray):
            writer.array(f"{prefix}{name}", value)
        elif isinstance(value, type) and issubclass(value, np.generic):
            found[name] = {"dtype": np.dtype(value).str}
        elif isinstance(value, tuple):
            found[name] = {"tuple": [float(v) for v in value]}
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            found[name] = {"list": value}
        elif value is None or isinstance(value, bool | int | float | str):
            found[name] = value
        elif isinstance(value, np.generic):
            found[name] = value.item()
        else:
            raise TypeError(f"{prefix}{name}: cannot be shared ({type(value)})")
    return found


def _write_columns(columns, writer: Writer) -> None:
    for name in COLUMN_ARRAYS:
        writer.array(f"c.{name}", getattr(columns, name))
    for name in ("titles", "actor_lists", "kinds"):
        writer.packed(f"c.{name}", getattr(columns, name))
    ids = sorted(columns.places)
    writer.array("c.place_ids", np.array(ids, dtype=np.int64))
    writer.packed("c.place_coords", [columns.places[pk][0] for pk in ids])
    writer.packed("c.place_json", [columns.places[pk][1] for pk in ids])


def _write_blob(index: ClusterIndex, writer: Writer) -> list[str]:
    """Every Feature encoded, in blob order, in compressed blocks (maps.feature_blob);
    the URL prefixes they hold."""
    from maps import feature_blob, features  # Django: imported only when needed

    urls = features.urls()
    order = feature_blob.blob_order(index)
    writer.array("c.blob_pos", feature_blob.positions_of(order))
    offsets = np.zeros(index.size + 1, dtype=np.int64)
    chunks = feature_blob.blob_chunks(index, index.columns, order, urls, offsets)
    dictionary = feature_blob.dictionary_for(index, index.columns, order, urls)
    blocks = feature_blob.Blocks()
    writer.stream(
        "c.blob_data",
        feature_blob.compressed(chunks, offsets, blocks, dictionary=dictionary),
    )
    writer.array("c.blob_off", offsets)
    writer.array("c.blob_first", np.array(blocks.firsts, dtype=np.int64))
    writer.array("c.blob_at", np.array(blocks.at, dtype=np.int64))
    if dictionary is not None:
        writer.array("c.blob_dict", np.frombuffer(dictionary, dtype=np.uint8))
    return list(urls)


def _write_levels(index: ClusterIndex, writer: Writer) -> list[dict]:
    """Each zoom's grid to the file in turn. Grids not yet built (Grids) are built
    one at a time and freed once written: the builder holds one grid, never all
    (10M events: 12.1 GB of heap for the 13 at once; bench/README.md "Index build
    memory"); their time joins the index's ``build_s``."""
    grids = index.levels
    started = time.monotonic()
    built_here = isinstance(grids, Grids) and not grids.built
    found = []
    for i, level in enumerate(grids.each() if isinstance(grids, Grids) else grids):
        found.append(_scalars(level, writer, f"l{i}.", LEVEL_OWN))
        del level  # freed before the next zoom's is built
    if built_here:
        add_build_s(index, time.monotonic() - started)
    return found


def write_version(directory: Path, index: ClusterIndex) -> None:
    """``index`` as ``directory``/index.bin + meta.json, synced to disk."""

    def fill(writer: Writer) -> dict:
        meta = {
            "format": FORMAT,
            "built_wall": time.time(),
            "types": [vars(t) for t in index.types],
            "index": _scalars(index, writer, "", INDEX_OWN),
            "levels": _write_levels(index, writer),
            "columns": index.columns is not None,
        }
        if "build_s" in meta["index"]:  # with the grids' time, known only now
            meta["index"]["build_s"] = index.build_s
        if index.columns is not None:
            _write_columns(index.columns, writer)
            if settings.MAP_INDEX_FEATURES:
                meta["blob_urls"] = _write_blob(index, writer)
        return meta

    indexfile.write_files(directory, MAGIC, fill)


def _write(directory: Path, index: ClusterIndex) -> None:
    write_version(directory, index)  # looked up when called (tests replace it)


def publish(root: Path, index: ClusterIndex) -> str:
    """Write ``index`` as a new version and make it current (call with the lock
    held); returns its name."""
    return shared_index.publish(root, index, _write)


# --- reading ----------------------------------------------------------------------
def _map(path: Path) -> ClusterIndex:
    """The index of one published version, its arrays read-only views of the file."""
    mapped = indexfile.Mapped(path, MAGIC, FORMAT)
    meta, arrays, array, packed = (
        mapped.meta,
        mapped.arrays,
        mapped.array,
        mapped.packed,
    )

    def restore(obj: object, scalars: dict, prefix: str) -> None:
        for name, value in scalars.items():
            if isinstance(value, dict):
                kind, value = next(iter(value.items()))
                value = {
                    "dtype": lambda v: np.dtype(v).type,
                    "tuple": tuple,
                    "list": list,
                }[kind](value)
            setattr(obj, name, value)
        for key in arrays:
            if key.startswith(prefix) and "." not in key[len(prefix) :]:
                setattr(obj, key[len(prefix) :], array(key))

    index = ClusterIndex.__new__(ClusterIndex)
    restore(index, meta["index"], "")
    index.types = [TypeInfo(**t) for t in meta["types"]]
    index.slug_idx = {t.slug: i for i, t in enumerate(index.types)}
    levels = []
    for i, scalars in enumerate(meta["levels"]):
        level = Level.__new__(Level)
        restore(level, scalars, f"l{i}.")
        levels.append(level)
    index.levels = levels
    built_wall = float(meta["built_wall"])
    # The build's moment on this process's monotonic clock (MAX_AGE counts from it).
    index.process_init(time.monotonic() - max(0.0, time.time() - built_wall))
    index.built_wall, index.store_name = built_wall, path.name
    if meta["columns"]:
        from maps import feature_columns  # Django models: imported only when needed

        index.columns = feature_columns.FeatureColumns(
            titles=packed("c.titles"),
            **{name: array(f"c.{name}") for name in COLUMN_ARRAYS},
            actor_lists=packed("c.actor_lists"),
            places=PackedPlaces(
                array("c.place_ids"), packed("c.place_coords"), packed("c.place_json")
            ),
            kinds=list(packed("c.kinds")),
            blob=_mapped_blob(mapped, meta),
        )
    stats["maps"] += 1
    return index


def _mapped_blob(mapped: indexfile.Mapped, meta: dict):
    """The version's encoded Features (maps.feature_blob), None in a file without."""
    if "blob_urls" not in meta:
        return None
    from maps import feature_blob

    arrays = mapped.arrays
    dictionary = mapped.array("c.blob_dict") if "c.blob_dict" in arrays else None
    return feature_blob.FeatureBlob(
        data=mapped.buffer,
        start=arrays["c.blob_data"][0],
        offsets=mapped.array("c.blob_off"),
        positions=mapped.array("c.blob_pos"),
        urls=tuple(meta["blob_urls"]),
        firsts=mapped.array("c.blob_first"),
        block_at=mapped.array("c.blob_at"),
        dictionary=feature_blob.zstd_dict(dictionary),
    )


def current(root: Path) -> ClusterIndex | None:
    """The current version of ``root``, mapped once per process; None when none."""
    return shared_index.current(root, _map)


def obtain(
    root: Path,
    build: Callable[[int], ClusterIndex],
    version: int,
    *,
    held: ClusterIndex | None,
    usable: Callable[[ClusterIndex], bool],
    max_age: float | Callable[[ClusterIndex], float],
    elsewhere: Callable[[], str] | None = None,
    elsewhere_from: int = 0,
) -> ClusterIndex:
    """A base index for data ``version`` (events.shared_index.obtain): the machine's
    current one when ``usable``, younger than ``max_age`` and not ``held``, else built
    (here, or past ``elsewhere_from`` events by ``elsewhere()`` in another process)
    and published; ``build`` may leave its grids to the write (ClusterIndex's
    Grids)."""
    found = shared_index.obtain(
        root, build, version, write=_write, load=_map, stats=stats, held=held,
        usable=usable, max_age=max_age, elsewhere=elsewhere,
        elsewhere_from=elsewhere_from, what="cluster index",
    )  # fmt: skip
    # Mapped: its grids are the file's. The one built here when it could not be
    # shared (a full disk) is served from this heap: its grids built now.
    return found.grids_build()


def forget() -> None:
    """Drop this process's mapped versions (tests; the files stay)."""
    shared_index.forget()
