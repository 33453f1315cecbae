"""Keys typed while the app starts reach it as they were typed.

Until Textual's driver puts the terminal in raw mode — a few hundred
milliseconds into a start, just before the first frame — the terminal is still
in the shell's "cooked" mode, and the kernel rewrites what is typed meanwhile:
Enter (CR) becomes a newline (which Textual reads as Ctrl+J, bound to nothing:
the Enter was lost), Backspace erases the key typed before it instead of
arriving itself, Ctrl+U/Ctrl+W erase more, Ctrl+V swallows the next key, and
everything is echoed over the screen.  Someone who types ahead — or an SSH link
that delivers keys late and bunched — lost those keys (issue 11).

:func:`hold_keys` switches the terminal to the app's input mode at the very
start of ``main`` (no line editing, no echo, CR kept as CR; signals stay on, so
Ctrl+C still interrupts a start) and returns the function that puts the
original mode back when the run ends — after Textual has restored what it
found, which is this mode.  Keys typed before the program runs at all were
already rewritten by the kernel; the app reads a newline as Enter for those
(:class:`phuly_tui.ui.app.PhulyApp`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

__all__ = ["hold_keys"]


def hold_keys(fd: int = 0) -> Callable[[], None] | None:
    """Put the terminal on ``fd`` in the app's input mode now; return what undoes it.

    None when ``fd`` is not a terminal (a pipe, a test's capture) or its mode
    cannot be read: nothing is changed then.  The switch is ``TCSANOW``, never
    a flush: what was typed already stays to be read.
    """
    try:
        import termios
    except ImportError:  # not a POSIX system: Textual's own driver does what it does
        return None
    if not os.isatty(fd):
        return None
    try:
        before = termios.tcgetattr(fd)
    except termios.error:
        return None
    # tcgetattr's list: iflag, oflag, cflag, lflag, ispeed, ospeed, cc
    iflag, oflag, cflag, lflag, ispeed, ospeed, cc = before
    cc = list(cc)
    cc[termios.VMIN] = 1
    cc[termios.VTIME] = 0
    held = [
        iflag & ~(termios.ICRNL | termios.INLCR | termios.IGNCR),
        oflag,
        cflag,
        lflag & ~(termios.ICANON | termios.ECHO | termios.IEXTEN),
        ispeed,
        ospeed,
        cc,
    ]
    try:
        termios.tcsetattr(fd, termios.TCSANOW, held)
    except termios.error:
        return None

    def restore() -> None:
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(fd, termios.TCSANOW, before)

    return restore
