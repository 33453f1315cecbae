"""Ctrl+C ends a command with exit 130 and one line, never a traceback (issue 9, item 9).

The README's exit-code table promises 130 for Ctrl+C.  The installed command
waits here on a portal that does not answer yet; SIGINT (what the terminal
sends for Ctrl+C) must end it at once with "Đã dừng." on stderr.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from phuly_tui.cli import EXIT_INTERRUPTED
from tests.support import faults
from tests.support.portal_server import PortalServer

SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
EXE = Path(sys.executable).with_name("phuly-tui")


LISTING = "/Pages/tin-tuc-su-kien.aspx"
#: a command, and the page it waits on when Ctrl+C comes
CASES = {
    "read": (["read", SEED], SEED),
    "sync": (["sync", "--sections", "tin-tuc-su-kien", "--pages", "1"], LISTING),
}


@pytest.fixture(params=sorted(CASES))
def hanging(
    request: pytest.FixtureRequest, fresh_portal: PortalServer
) -> Iterator[tuple[list[str], threading.Event]]:
    """A command and an event set when its page is asked for; that page answers
    only at the end of the test (or after 30 s)."""
    argv, path = CASES[request.param]
    release, asked = threading.Event(), threading.Event()

    def route(handler: BaseHTTPRequestHandler) -> None:
        asked.set()
        release.wait(30)
        faults.html_page()(handler)

    fresh_portal.routes[path] = route
    yield argv, asked
    release.set()


def test_ctrl_c_exits_130_with_one_line(
    hanging: tuple[list[str], threading.Event], fresh_portal: PortalServer
) -> None:
    argv, asked = hanging
    proc = subprocess.Popen(
        [str(EXE), "--base-url", fresh_portal.url, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ),
    )
    try:
        assert asked.wait(60), "the command never asked for the page"
        time.sleep(0.2)  # inside the request, not before it
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = err.decode("utf-8")
    assert proc.returncode == EXIT_INTERRUPTED, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines[-1] == "Đã dừng.", stderr
    assert len(lines) <= 2, stderr  # sync's progress line may come first
    assert b"Traceback" not in out
