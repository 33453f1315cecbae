"""The app leaves when its terminal goes away without a hang-up signal.

A terminal that hangs up gives end-of-file to every read; Textual's input
thread read it in a loop, so an app whose terminal went away without the
hang-up signal (started in a session of its own, as here) ran on at full CPU
for ever: one was found 20 minutes after the test that started it had gone.
``phuly_tui.ui.terminal_watch`` asks every second whether the input is still a
terminal.
"""

from __future__ import annotations

import os

import pytest

from phuly_tui.ui.terminal_watch import TERMINAL_GONE_EXIT
from tests.support.portal_server import PortalServer
from tests.support.terminal import terminal

pytestmark = pytest.mark.timeout(240)


def test_the_app_leaves_when_its_terminal_hangs_up(portal: PortalServer) -> None:
    env = {**os.environ, "PHULY_TUI_BASE_URL": portal.url}
    with terminal([], columns=80, rows=24, env=env) as term:
        term.wait_for(lambda lines: "Tin bài" in lines[0], timeout=60)
        code = term.hang_up(timeout=30)  # a guard against a hang, not a time limit
    assert code == TERMINAL_GONE_EXIT


def test_the_exit_code_is_a_shells_for_a_hang_up() -> None:
    """128 + SIGHUP, as a shell reports a process the hang-up signal ended."""
    import signal

    assert TERMINAL_GONE_EXIT == 128 + signal.SIGHUP
