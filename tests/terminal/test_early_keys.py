"""Keys typed in the app's first instants all take effect (issue 11, the early key).

The keys are written to the terminal the moment the process is spawned, with
no settling: they reach the kernel while the terminal is still in the shell's
cooked mode, before Python has even started.  Enter used to arrive as a
newline (Textual's Ctrl+J, bound to nothing) and was lost; Backspace erased
the key before it.  ``phuly_tui.cli.early_keys`` switches the terminal to the
app's input mode at the start of ``main``, and the app reads a newline as Enter.
"""

from __future__ import annotations

import asyncio
import json
import os
import pty
import termios
from pathlib import Path

import pytest

from phuly_tui.cli.early_keys import hold_keys
from phuly_tui.config import Config
from phuly_tui.library import Library
from tests.support.portal_server import FIXTURE_DIR, PortalServer
from tests.support.terminal import terminal

pytestmark = pytest.mark.timeout(240)


def section_names() -> list[str]:
    home = json.loads((FIXTURE_DIR / "gold" / "home.json").read_text(encoding="utf-8"))
    return [section["name"] for section in home["sections"]]


def focused_pane(lines: list[str]) -> str | None:
    """The title of the pane drawn with the heavy (focused) border, if any."""
    top = lines[0]
    start = top.find("┏━ ")
    return top[start + 3 :].split(" ━")[0].strip() if start >= 0 else None


@pytest.fixture
def stored_env(tmp_path: Path, portal: PortalServer) -> dict[str, str]:
    """A daily start: the store already holds the sections and their listings."""
    data_dir = Path(os.environ["PHULY_TUI_DATA_DIR"])
    library = Library(Config(base_url=portal.url, data_dir=data_dir, timeout=10.0))

    async def sync() -> None:
        try:
            await library.sync(pages=1)
        finally:
            await library.aclose()

    asyncio.run(sync())
    library.close()
    return {**os.environ, "PHULY_TUI_BASE_URL": portal.url}


def test_keys_typed_at_spawn_all_take_effect(stored_env: dict[str, str]) -> None:
    """h (to the sections), j (the second section), Enter (open it): typed at once."""
    second = section_names()[1]
    with terminal([], columns=120, rows=36, env=stored_env) as term:
        term.type("hj\r")  # no wait: the process is only just spawned
        lines = term.wait_for(lambda lines: f"Tin bài · {second}" in lines[0], timeout=60)
        # Enter on a section hands the focus to its list
        lines = term.wait_for(lambda lines: focused_pane(lines) == f"Tin bài · {second}")
        assert "Tin bài · Tin tức" not in lines[0]


def test_hold_keys_turns_line_editing_off_and_gives_it_back() -> None:
    """On a pseudo-terminal: CR stays CR, Backspace is a key (not an erase), nothing
    is echoed, and the original mode comes back."""
    master, slave = pty.openpty()
    try:
        before = termios.tcgetattr(slave)
        restore = hold_keys(slave)
        assert restore is not None
        os.write(master, b"j\x7f\r")
        assert os.read(slave, 100) == b"j\x7f\r"  # readable at once, as typed
        restore()
        assert termios.tcgetattr(slave) == before
        os.write(master, b"ab\x7fc\r")  # cooked again: Backspace erases, CR is a newline
        assert os.read(slave, 100) == b"ac\n"
    finally:
        os.close(master)
        os.close(slave)


def test_hold_keys_leaves_a_pipe_alone() -> None:
    read_end, write_end = os.pipe()
    try:
        assert hold_keys(read_end) is None
    finally:
        os.close(read_end)
        os.close(write_end)
