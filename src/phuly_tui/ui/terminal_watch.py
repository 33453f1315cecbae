"""Leave when the terminal has gone.

When the terminal a run is drawn on goes away (the window closed, the SSH
connection dropped), the kernel sends the hang-up signal and the process ends.
When that signal does not come (the process was started in a session of its
own, or under a program that holds the signal back), the terminal is hung up
all the same: reading it gives end-of-file at once, every time.  Textual's
input thread reads it in a loop, so the app went on at full CPU for ever (one
was found after 20 minutes, left by a test whose pseudo-terminal had closed).
The app asks every second whether its input is still a terminal and leaves
when it is not.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any, Final

from textual.app import App

__all__ = ["CHECK_SECONDS", "TERMINAL_GONE_EXIT", "watch_terminal"]

log = logging.getLogger(__name__)

#: how often the terminal is asked (one ``isatty``: an ioctl)
CHECK_SECONDS: Final = 1.0
#: the exit code when the terminal has gone: what a shell reports for a hang-up
#: (128 + SIGHUP)
TERMINAL_GONE_EXIT: Final = 129


def watch_terminal(app: App[Any]) -> None:
    """Check every :data:`CHECK_SECONDS` that ``app``'s input is a terminal, and
    leave with :data:`TERMINAL_GONE_EXIT` once it is not.

    Nothing is watched in a headless run (the tests' ``run_test``) or when the
    input was not a terminal to begin with.
    """
    if app.is_headless:
        return
    stdin = sys.__stdin__
    try:
        fd = stdin.fileno() if stdin is not None else -1
    except (OSError, ValueError):  # closed, or not backed by a descriptor
        return
    if fd < 0 or not os.isatty(fd):
        return

    def check() -> None:
        if os.isatty(fd):
            return
        log.warning("the terminal has gone (its input is no longer a terminal): leaving")
        app.exit(return_code=TERMINAL_GONE_EXIT)

    app.set_interval(CHECK_SECONDS, check, name="terminal-watch")
