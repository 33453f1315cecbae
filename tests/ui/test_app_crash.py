"""An unexpected crash in the app prints one line and logs the traceback — never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from phuly_tui.paths import log_file
from tests.support.app_harness import make_app, notifications, settle
from tests.support.portal_server import PortalServer

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

config = Config(
    base_url="http://127.0.0.1:9",
    data_dir=__import__("pathlib").Path(sys.argv[1]),
    archive="never",
)
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


async def _fail_a_worker(
    app_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Press ``b`` with a store that raises something unexpected; the messages shown."""
    app = make_app(app_url, data_dir)

    def broken(url: str) -> bool:
        raise RuntimeError("bookmark table is gone")

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app.library, "toggle_bookmark", broken)
        await pilot.press("b")
        await settle(pilot)
        return [message for _title, message in notifications(app)]


async def test_a_failed_worker_is_logged_where_the_message_says(
    portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notification names the log file, and the file holds the traceback."""
    messages = await _fail_a_worker(portal.url, tmp_path / "data", monkeypatch)
    assert any(str(log_file()) in message for message in messages), messages
    logged = log_file().read_text(encoding="utf-8")
    assert "RuntimeError: bookmark table is gone" in logged


async def test_a_failed_worker_with_an_unwritable_log_folder_says_nothing_was_written(
    portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    messages = await _fail_a_worker(portal.url, tmp_path / "data", monkeypatch)
    assert any("không có chi tiết nào được ghi lại" in m for m in messages), messages
    assert not any("chi tiết ghi trong" in m for m in messages)
