"""Smoke run of bench/mapbench.py at 10k events: it runs and counts what the baseline counts."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.bench


def test_bench_smoke_counts_agree_with_the_drf_baseline(tmp_path):
    report = tmp_path / "bench.json"
    database = tmp_path / "bench.sqlite3"
    run = subprocess.run(  # noqa: S603 - our own script, fixed argv
        [
            sys.executable,
            str(ROOT / "bench" / "mapbench.py"),
            "--events=10000",
            "--repeat=2",
            "--db=spatialite",
            f"--database-url=spatialite:///{database}",
            "--no-browser",
            "--no-supercluster",  # needs npm ci; tests never touch the network
            f"--json={report}",
            "--write-seconds=2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "RATIOS" in run.stdout
    result = json.loads(report.read_text())
    counts = result["counts"]
    assert {
        "country z6 1-month",
        "country z6 1-year",
        "country z6 10-year",
        "country z6 1-year undisputed",
        "export battles 1-year",
    } <= set(counts)
    for scenario, (ours, baseline) in counts.items():
        assert ours == baseline, scenario
    assert counts["country z6 10-year"][0] == result["info"]["public_events"] > 9000
    assert counts["country z6 1-month"][0] > 0
    scenarios = {(row["scenario"], row["impl"]) for row in result["rows"]}
    assert ("pan/zoom z6->z14 1-year", "conflictmap") in scenarios
    assert ("floor (empty response)", "django") in scenarios
    assert ("export battles 1-year (after a write)", "conflictmap") in scenarios
    for scenario in ("pan/zoom new views", "event popup", "export battles 1-year"):
        assert (f"{scenario} (CPU)", "conflictmap") in scenarios  # thread CPU
        assert f"faults: {scenario}: major " in run.stdout
    assert "write-to-visible: " in run.stdout
    assert result["info"]["writes"]["stale_answers"] == 0  # visible at once
