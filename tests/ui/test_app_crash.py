"""An unexpected crash in the app prints one line and logs the traceback — never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CRASHING_APP = r"""
import sys
from phuly_tui.config import Config
from phuly_tui.library import Library
from phuly_tui.ui.app import PhulyApp

class Crashing(PhulyApp):
    CSS_PATH = PhulyApp.CSS_PATH and str(
        __import__("pathlib").Path(__import__("phuly_tui.ui.app").ui.app.__file__).with_name("app.tcss")
    )

    def on_ready(self) -> None:
        raise RuntimeError("secret page text \x1b]52;c;AAAA\x07")

config = Config(base_url="http://127.0.0.1:9", data_dir=__import__("pathlib").Path(sys.argv[1]))
app = Crashing(Library(config), config)
app.run(headless=True)
sys.exit(app.return_code or 0)
"""


@pytest.mark.timeout(60)
def test_crash_leaves_one_line_and_a_log(tmp_path: Path) -> None:
    env = {**os.environ}
    script = tmp_path / "crashing_app.py"  # a file: Textual resolves CSS_PATH from it
    script.write_text(CRASHING_APP, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=50,
        env=env,
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in output
    assert "secret page text" not in output
    assert "\x1b]52" not in output
    assert "phuly-tui: Đã xảy ra lỗi không mong muốn" in output
    logs = list(Path(env["XDG_STATE_HOME"]).rglob("phuly-tui.log"))
    assert logs
    assert "RuntimeError" in logs[0].read_text(encoding="utf-8")
