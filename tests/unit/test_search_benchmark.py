"""The search benchmark still runs (a small size; the real run is on demand)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "search.py"


def test_search_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARK),
            "--articles",
            "150",
            "--repeat",
            "1",
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "| queries | median ms | p95 ms | max ms |" in result.stdout
    assert "| `phu ly` | unaccented |" in result.stdout
    assert "| `xyzzy` | mixed | 0 |" in result.stdout
