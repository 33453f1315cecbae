"""Run the installed ``phuly-tui`` in a real pseudo-terminal and read its screen.

Pilot tests see widget state; this sees what a person sees.  The command the
user installed (the console script next to this interpreter) runs in a pty of
a given size; everything it writes goes through a VT terminal emulator
(``pyte``), and tests read the screen back as rows of characters.  The app
passed every Pilot test while the article list was blank on screen — a test
here would have seen the blank pane.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pyte

#: what ``press`` sends for a key name (anything else is sent as typed)
KEYS: dict[str, str] = {
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "backspace": "\x7f",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pagedown": "\x1b[6~",
    "pageup": "\x1b[5~",
}


def installed_command() -> Path:
    """The ``phuly-tui`` console script of the environment running the tests."""
    script = Path(sys.executable).parent / "phuly-tui"
    if not script.exists():  # pragma: no cover - a broken install is a failure, not a skip
        raise AssertionError(f"phuly-tui is not installed next to {sys.executable}")
    return script


def fold(text: str) -> str:
    """Compare screen text without caring how a terminal composed the accents."""
    return unicodedata.normalize("NFC", text)


class Terminal:
    """One app process in a pty of ``columns`` × ``rows``, its screen emulated."""

    def __init__(
        self,
        args: list[str],
        *,
        columns: int,
        rows: int,
        env: Mapping[str, str],
    ) -> None:
        self.columns, self.rows = columns, rows
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        self._lock = threading.Lock()
        #: every byte the app wrote (pyte drops what it does not draw, e.g. OSC 52)
        self.raw = bytearray()
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        full_env = {**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
        self.process = subprocess.Popen(
            [str(installed_command()), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self._master = master
        self._closing = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- the screen -----------------------------------------------------------
    def _read(self) -> None:
        """Read the app's output until the pty ends or :meth:`hang_up` closes it.

        Never blocked in ``read`` while the pty is closed: a read in progress
        keeps the pty open in the kernel, and the app would not see the hang-up.
        """
        while not self._closing.is_set():
            try:
                ready, _, _ = select.select([self._master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(self._master, 65536)
            except (OSError, ValueError):
                return
            if not data:
                return
            with self._lock:
                self.raw += data
                self._stream.feed(data)

    def lines(self) -> list[str]:
        """The screen now, one string per row (wide characters take one slot)."""
        with self._lock:
            return [fold(line) for line in self.screen.display]

    def highlighted_rows(self, left: int, right: int, top: int = 1, bottom: int = -1) -> list[int]:
        """Rows of a pane's inside (columns ``left``..``right``, rows ``top``..``bottom``)
        painted in another background than most of the pane: a list's highlight bar."""
        bottom = self.rows + bottom if bottom < 0 else bottom
        with self._lock:
            rows = {
                y: Counter(self.screen.buffer[y][x].bg for x in range(left, right)).most_common(1)[
                    0
                ][0]
                for y in range(top, bottom)
            }
        usual = Counter(rows.values()).most_common(1)[0][0]
        return [y for y, bg in rows.items() if bg != usual]

    def written(self) -> bytes:
        """Everything written to the terminal so far."""
        with self._lock:
            return bytes(self.raw)

    def text(self) -> str:
        return "\n".join(self.lines())

    def wait_for(
        self, check: str | Callable[[list[str]], bool], *, timeout: float = 30.0
    ) -> list[str]:
        """Wait until ``check`` (a text on screen, or a test of the lines) holds.

        Fails with the screen as it was, so a failure shows what the user saw.
        """
        test: Callable[[list[str]], bool]
        if isinstance(check, str):
            wanted = fold(check)
            test = lambda lines: any(wanted in line for line in lines)  # noqa: E731
        else:
            test = check
        deadline = time.monotonic() + timeout
        while True:
            lines = self.lines()
            try:
                if test(lines):
                    return lines
            except PaneNotDrawn:
                pass  # a frame caught half-drawn: not yet, look again
            if self.process.poll() is not None:
                raise AssertionError(
                    f"phuly-tui exited ({self.process.returncode}) while waiting for {check!r}:\n"
                    + "\n".join(lines)
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"not on screen: {check!r}\n" + "\n".join(lines))
            time.sleep(0.05)

    def settle(self, quiet: float = 0.3, *, timeout: float = 10.0) -> list[str]:
        """Wait until the screen has not changed for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        last, since = self.lines(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.lines()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
        return last

    # -- the keyboard ---------------------------------------------------------
    def press(self, *keys: str, pause: float = 0.05) -> None:
        """Press keys one after another (names from :data:`KEYS`, else typed).

        A bare Escape is followed by a longer pause: a terminal app cannot tell
        Escape then ``?`` from Alt+``?`` when both bytes arrive together.
        """
        for key in keys:
            os.write(self._master, KEYS.get(key, key).encode("utf-8"))
            time.sleep(0.5 if key == "escape" else pause)

    def type(self, text: str) -> None:
        os.write(self._master, text.encode("utf-8"))

    # -- the end --------------------------------------------------------------
    def hang_up(self, timeout: float = 30) -> int | None:
        """Close the terminal under the app, as a dropped connection does — with no
        hang-up signal (the app runs in a session of its own, the pty is not its
        controlling terminal) — and wait up to ``timeout`` seconds (a guard, not
        a time limit) for it to leave: its exit code, None if it did not."""
        self._closing.set()
        self._reader.join(timeout=5)
        with contextlib.suppress(OSError):
            os.close(self._master)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> int | None:
        """Quit with ``q`` (then harder) and return the exit code."""
        if self.process.poll() is None and not self._closing.is_set():
            with contextlib.suppress(OSError):
                self.press("escape", "escape", "q")
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self.process.poll() is None:  # hung up and still there
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._closing.set()
        self._reader.join(timeout=5)
        with contextlib.suppress(OSError):
            os.close(self._master)
        return self.process.returncode


@contextlib.contextmanager
def terminal(
    args: list[str], *, columns: int, rows: int, env: Mapping[str, str] | None = None
) -> Iterator[Terminal]:
    """``with terminal([...], columns=80, rows=24) as term:`` — always closed."""
    term = Terminal(args, columns=columns, rows=rows, env=dict(env or os.environ))
    try:
        yield term
    finally:
        term.close()


class PaneNotDrawn(AssertionError):
    """The screen shows no (whole) pane with that title.

    :meth:`Terminal.wait_for` takes it as "not yet": the pty can be read between
    two writes of one frame, when a pane's top border is only partly drawn.
    """


def pane_span(lines: list[str], title: str) -> tuple[int, int]:
    """Columns ``(left, right)`` of the pane whose top border starts with ``title``.

    Both border styles count (``╭─ title`` and the focused ``┏━ title``); the
    span includes the two border columns.
    """
    top = lines[0]
    for match in re.finditer(r"[╭┏][─━] ", top):
        if top.startswith(title, match.end()):
            left = match.start()
            closing = "╮" if top[left] == "╭" else "┓"
            right = top.find(closing, match.end())
            if right < 0:
                break
            return left, right + 1
    raise PaneNotDrawn(f"no pane titled {title!r}:\n" + "\n".join(lines))


def pane_text(lines: list[str], title: str) -> str:
    """The text inside the pane titled ``title``, its rows joined by newlines."""
    left, right = pane_span(lines, title)
    return "\n".join(line[left + 1 : right - 1] for line in lines[1:])
