"""The base cluster index's build memory by phase: `manage.py mapindex --publish`'s
anonymous memory (RssAnon, /proc) sampled every second, under `/usr/bin/time -v`.

usage: .venv/bin/python bench/buildmem.py --database-url postgis://…/conflictmap_…
           [--whole] [--digest] [--index-dir DIR] [--interval 1.0]

The build runs in a child process (this file with --child) that marks where it is
(reading the rows, the index's arrays, the export columns, the write) in a file the
parent reads at each sample. It prints one line per phase,
``build memory: <phase>: peak RssAnon <N> MB (<s> s)``, then
``build: peak RssAnon <N> MB, max RSS <N> MB, wall <s> s, CPU <s> s``.
The index directory (a new temporary one unless given) is removed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASES = (
    "start", "read rows", "index arrays", "export columns", "write", "control index",
    "done",
)  # fmt: skip


def out(*parts: object) -> None:
    print(*parts, flush=True)  # noqa: T201 - a bench prints


# --- the child: the build, with its phases marked -------------------------------------
def child(marks: str, *, whole: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
    file = open(marks, "a", buffering=1)  # noqa: SIM115 - open for the whole build

    def mark(phase: str) -> None:
        file.write(f"{time.monotonic():.3f} {phase}\n")

    mark("read rows")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from maps import feature_columns
    from maps.clusters import engine, store

    def wrap(owner, name: str, phase: str) -> None:
        real = getattr(owner, name)

        def marked(*args, **kwargs):
            mark(phase)
            return real(*args, **kwargs)

        setattr(owner, name, marked)

    wrap(engine.ClusterIndex, "__init__", "index arrays")
    wrap(feature_columns, "columns_build", "export columns")
    wrap(store, "write_version", "write")
    if whole:  # as before gunicorn: the cluster index, then the control index
        from control import selectors as control_selectors

        wrap(control_selectors, "control_index", "control index")
        call_command("mapindex")
    else:  # `--publish` writes into the root its caller (holding the lock) made
        root = store.root_for(settings.MAP_INDEX_DIR, connection.settings_dict)
        root.mkdir(parents=True, exist_ok=True)
        call_command("mapindex", "--publish")
    mark("done")


# --- the parent: samples -----------------------------------------------------------
def _status_kb(pid: int, field: str) -> int | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else None


def _python_pid(time_pid: int) -> int | None:
    """The build's pid: /usr/bin/time's child."""
    try:
        children = Path(f"/proc/{time_pid}/task/{time_pid}/children").read_text()
    except OSError:
        return None
    return int(children.split()[0]) if children.split() else None


def _phase(marks: Path) -> tuple[str, float]:
    lines = marks.read_text().splitlines() if marks.exists() else []
    if not lines:
        return "start", time.monotonic()
    at, phase = lines[-1].split(" ", 1)
    return phase, float(at)


def digest(index_dir: Path) -> str:
    """index.bin's and meta.json's digests (the build's moment and duration left
    out) of the version published under ``index_dir``."""
    (version,) = [  # the cluster index's (the control index's root has a kind)
        link.resolve()
        for link in index_dir.glob("*/current")
        if (link.resolve() / "meta.json").exists()
        and "levels" in json.loads((link.resolve() / "meta.json").read_text())
    ]
    meta = json.loads((version / "meta.json").read_text())
    meta.pop("built_wall")
    meta["index"].pop("build_s", None)
    found = hashlib.blake2b(digest_size=16)
    with open(version / "index.bin", "rb") as file:
        while block := file.read(1 << 24):
            found.update(block)
    meta_digest = hashlib.blake2b(
        json.dumps(meta, sort_keys=True).encode(), digest_size=16
    )
    size = (version / "index.bin").stat().st_size
    return (
        f"index.bin {found.hexdigest()} ({size:,} bytes), "
        f"meta {meta_digest.hexdigest()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--index-dir", default="")
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument(
        "--digest",
        action="store_true",
        help="print a digest of the published files (meta.json without the build's "
        "moment and duration): two checkouts' builds of the same data compare",
    )
    parser.add_argument(
        "--whole",
        action="store_true",
        help="`manage.py mapindex` (the cluster and the control index, as before "
        "gunicorn) instead of `mapindex --publish` (the cluster index alone)",
    )
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, whole=args.whole)
        return
    work = Path(tempfile.mkdtemp(prefix="conflictmap_buildmem_"))
    index_dir = Path(args.index_dir) if args.index_dir else work / "index"
    marks = work / "phases"
    env = dict(os.environ, MAP_INDEX_DIR=str(index_dir), LOG_LEVEL="WARNING")
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
    index_dir.mkdir(parents=True, exist_ok=True)
    command = ["/usr/bin/time", "-v", sys.executable, __file__, "--child", str(marks)]
    command += ["--whole"] if args.whole else []
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - fixed argv
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    peaks: dict[str, int] = {}
    spans: dict[str, list[float]] = {}
    pid = None
    try:
        while process.poll() is None:
            pid = pid or _python_pid(process.pid)
            anon = _status_kb(pid, "RssAnon") if pid else None
            phase, at = _phase(marks)
            if anon is not None:
                peaks[phase] = max(peaks.get(phase, 0), anon)
                spans.setdefault(phase, [min(at, time.monotonic())] * 2)[1] = (
                    time.monotonic()
                )
            time.sleep(args.interval)
        stdout, stderr = process.communicate()
        if args.digest and not process.returncode:
            out(f"digest: {digest(index_dir)}")
    finally:
        if process.poll() is None:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)
        if args.index_dir:
            shutil.rmtree(index_dir, ignore_errors=True)
    wall = time.monotonic() - started
    if process.returncode:
        out(stderr[-3000:])
        raise SystemExit(f"the build exited {process.returncode}")
    for phase in PHASES:
        if phase in peaks:
            first, last = spans[phase]
            out(
                f"build memory: {phase}: peak RssAnon {peaks[phase] / 1024:,.0f} MB "
                f"({max(last - first, 0):.0f} s)"
            )
    max_rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", stderr)
    cpu = float(user.group(1)) + float(system.group(1)) if user and system else 0.0
    out(
        f"build: peak RssAnon {max(peaks.values(), default=0) / 1024:,.0f} MB, "
        f"max RSS {int(max_rss.group(1)) / 1024 if max_rss else 0:,.0f} MB, "
        f"wall {wall:.1f} s, CPU {cpu:.1f} s; published {stdout.split()[-1:]}"
    )


if __name__ == "__main__":
    main()
