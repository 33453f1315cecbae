"""The pseudo-terminal lane's screen reading (tests/support/terminal.py).

A pty can be read between two writes of one frame; a pane whose top border is
half drawn must read as "not yet" (:class:`PaneNotDrawn`, which ``wait_for``
retries), never as a pane ending at the wrong column or an unrelated error.
"""

from __future__ import annotations

import pytest

from tests.support.terminal import PaneNotDrawn, pane_span, pane_text

WHOLE = [
    "╭─ Tin bài ─────╮┏━ Bài viết ━━━━━━┓",
    "│ first title   │┃ article text    ┃",
    "╰───────────────╯┗━━━━━━━━━━━━━━━━━┛",
]


def test_a_whole_pane_is_found_with_its_borders() -> None:
    assert pane_span(WHOLE, "Tin bài") == (0, 17)
    assert pane_span(WHOLE, "Bài viết") == (17, 36)
    assert pane_text(WHOLE, "Bài viết").splitlines()[0].strip() == "article text"


def test_a_half_drawn_top_border_is_not_yet_a_pane() -> None:
    half = [WHOLE[0][:25], *WHOLE[1:]]
    with pytest.raises(PaneNotDrawn):
        pane_span(half, "Bài viết")


def test_a_missing_pane_is_not_drawn_either() -> None:
    with pytest.raises(PaneNotDrawn):
        pane_span(WHOLE, "Tìm kiếm")
