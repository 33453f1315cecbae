"""No module of phuly_tui is over 500 lines: each has one purpose its name says (issue 10).

The main screen, which only routes, has a limit of its own: 400 lines.

A file that grows past the limit is split by purpose, its package re-exporting
the names so imports keep working.  A file still waiting for its split is named
in :data:`WAITING` — and an entry whose file is already within the limit (or
gone) fails the test too, so the list cannot outlive the splits.
"""

from __future__ import annotations

from pathlib import Path

import phuly_tui

PACKAGE = Path(phuly_tui.__file__).parent
LIMIT = 500

#: files over the limit whose split another change of issue 10 makes (the lead
#: removes an entry when that split lands); empty since article_list.py's split
WAITING: frozenset[str] = frozenset()


def line_counts() -> dict[str, int]:
    return {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_no_module_is_over_500_lines() -> None:
    over = {name: n for name, n in line_counts().items() if n > LIMIT and name not in WAITING}
    assert over == {}, f"split these by purpose (at most {LIMIT} lines each): {over}"


def test_every_waiting_file_is_still_over_the_limit() -> None:
    counts = line_counts()
    done = {name: counts.get(name, 0) for name in WAITING if counts.get(name, 0) <= LIMIT}
    assert done == {}, f"split already (or gone): remove them from WAITING: {done}"


#: the main screen only routes (issue 10): the work lives in the panes and the actions
MAIN_SCREEN_LIMIT = 400


def test_the_main_screen_is_at_most_400_lines() -> None:
    lines = line_counts()["ui/screens/main.py"]
    assert lines <= MAIN_SCREEN_LIMIT, (
        f"ui/screens/main.py has {lines} lines: move work out to the panes, "
        f"startup.py, pane_layout.py or the actions modules (at most {MAIN_SCREEN_LIMIT})"
    )


def test_the_count_sees_the_whole_package() -> None:
    counts = line_counts()
    assert "store/store.py" in counts
    assert "ui/widgets/reader.py" in counts
    assert len(counts) > 100
