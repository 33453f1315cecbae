"""The benchmarks still run (small sizes): ``python -m pytest benchmarks``, on demand.

Not part of the default suite (``testpaths = ["tests"]``): they spawn processes
and keep the machine busy, and the suite must pass on a loaded 2-core machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, timeout=300, check=False
    )


def test_search_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    result = run(
        str(HERE / "search.py"), "--articles", "150", "--repeat", "1", "--data-dir", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "| queries | median ms | p95 ms | max ms |" in result.stdout


def test_sync_benchmark_runs_and_prints_its_table() -> None:
    result = run(str(HERE / "sync.py"), "--runs", "1", "--size", "small")
    assert result.returncode == 0, result.stderr
    assert "| small | 37 |" in result.stdout


def test_time_limits_are_kept() -> None:
    result = run(str(HERE / "time_limits.py"))
    assert result.returncode == 0, result.stderr
    assert "| capped decoder" in result.stdout
    assert "OVER" not in result.stdout, result.stdout


def test_documents_benchmark_runs_and_prints_its_table() -> None:
    result = run(str(HERE / "documents.py"), "--repeat", "1")
    assert result.returncode == 0, result.stderr
    assert "| 3-page PDF, whole text |" in result.stdout
    assert "| 100-page PDF, first screen (page 1) |" in result.stdout


def test_startup_benchmark_runs_and_prints_its_table() -> None:
    result = run(str(HERE / "startup.py"), "--runs", "1", "--cpu-runs", "1")
    assert result.returncode == 0, result.stderr
    assert "| start to first titles (median of 1) |" in result.stdout
    assert "| memory, 500 articles listed (RSS) |" in result.stdout
    # the CPU row: both processes reported their CPU time when the titles showed
    assert "| start, CPU time (all threads) to first titles (median of 1) |" in result.stdout


def test_import_cost_benchmark_runs_and_prints_its_table() -> None:
    result = run(str(HERE / "import_cost.py"))
    assert result.returncode == 0, result.stderr
    assert "| phuly-tui's own, before the first frame |" in result.stdout
