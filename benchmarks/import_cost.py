"""The start's own import work in instructions: load-proof, unlike any clock.

Counts (valgrind's callgrind) the instructions of importing the modules a daily
start imports before its first frame — the app's (main thread) and the store's
(the start thread) — minus those of the same Textual imports alone, which the
bare app of ``startup.py`` also pays.  The count is the same on a quiet and on a
loaded machine (±0.1 %), so a change of a few hundred thousand instructions
(a dataclass, a regular expression) shows where wall-clock and CPU-time medians
drown in noise; it covers imports only, not the first layout.  Needs valgrind;
each run takes ~30 s (the interpreter runs ~50× slower under callgrind).

    python benchmarks/import_cost.py [--python PATH]
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: what both sides import: the Textual pieces the bare app uses
_TEXTUAL = (
    "from textual.app import App\n"
    "from textual.widgets import OptionList, Static\n"
    "from textual.containers import Horizontal\n"
    "import textual.screen, textual.command\n"
)
_APP = "import phuly_tui.cli.launch, phuly_tui.ui.app, phuly_tui.store\n"


def instructions(python: str, code: str) -> int:
    """Instructions callgrind counts for ``python -c code`` (hash seed fixed)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", python, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=600,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    # .pyc files as an installed package has them (PYTHONDONTWRITEBYTECODE may be set)
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    bare = instructions(args.python, _TEXTUAL)
    app = instructions(args.python, _TEXTUAL + _APP)
    print("| import work | instructions |")
    print("|---|---|")
    print(f"| Textual's (bare app) | {bare / 1e6:.1f} M |")
    print(f"| phuly-tui's own, before the first frame | {(app - bare) / 1e6:.1f} M |")


if __name__ == "__main__":
    main()
