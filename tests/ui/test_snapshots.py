"""Snapshot tests: the app's main states as SVG pictures (pytest-textual-snapshot).

``snap_compare`` runs the app in its own event loop, so these tests are plain
``def`` (not ``async def``).  Each test builds the real app over the local
portal server and a fresh data folder, waits for every worker, then compares
the screen with the SVG stored in ``__snapshots__/``.  The pictures are kept
still by :mod:`tests.support.snapshot_app` (no port, clock, blinking cursor
or toast timing on screen).

After a deliberate change of the look (or a Textual bump: the plugin relies
on Textual internals, hence the exact pin), regenerate and review them::

    .venv/bin/pytest tests/ui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import CLOSED_URL
from tests.support.app_harness import SEED_PATH
from tests.support.portal_server import PortalServer
from tests.support.snapshot_app import picture_app, scroll_reader_to_end, settled, then

WIDE = (160, 45)
#: tall enough for the whole seed article: its six image placeholders and "Tin liên quan"
WIDE_AND_TALL = (160, 90)
NARROW = (80, 24)

SnapCompare = Any  # the plugin's fixture: a function returning bool


def test_start_screen(snap_compare: SnapCompare, portal: PortalServer, tmp_path: Path) -> None:
    """Three panes; the first section loaded, its newest article highlighted."""
    app = picture_app(portal.url, tmp_path / "data")
    assert snap_compare(app, terminal_size=WIDE, run_before=settled)


def test_seed_article_whole(
    snap_compare: SnapCompare, portal: PortalServer, tmp_path: Path
) -> None:
    """The seed article: meta line, six image placeholders, "Tin liên quan" 1–3."""
    app = picture_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH)
    assert snap_compare(app, terminal_size=WIDE_AND_TALL, run_before=settled)


def test_seed_article_scrolled_to_related(
    snap_compare: SnapCompare, portal: PortalServer, tmp_path: Path
) -> None:
    """The end of the seed article on a usual screen: the last images and the related list."""
    app = picture_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH)
    assert snap_compare(app, terminal_size=WIDE, run_before=scroll_reader_to_end)


def test_related_article_opened_with_1(
    snap_compare: SnapCompare, portal: PortalServer, tmp_path: Path
) -> None:
    """``1`` in the reader opens the first related article."""
    app = picture_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH)
    assert snap_compare(app, terminal_size=WIDE, run_before=then("1"))


def test_help_screen(snap_compare: SnapCompare, portal: PortalServer, tmp_path: Path) -> None:
    """``?`` shows every key."""
    app = picture_app(portal.url, tmp_path / "data")
    assert snap_compare(app, terminal_size=WIDE, run_before=then("question_mark"))


def test_portal_unreachable(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """Nothing stored and the portal refuses connections: the message says "thử lại: r"."""
    app = picture_app(CLOSED_URL, tmp_path / "data")
    assert snap_compare(app, terminal_size=WIDE, run_before=settled)


def test_narrow_article_list(
    snap_compare: SnapCompare, portal: PortalServer, tmp_path: Path
) -> None:
    """80×24: one pane at a time, the article list first."""
    app = picture_app(portal.url, tmp_path / "data")
    assert snap_compare(app, terminal_size=NARROW, run_before=settled)


def test_narrow_reader(snap_compare: SnapCompare, portal: PortalServer, tmp_path: Path) -> None:
    """80×24: Enter shows the reader alone."""
    app = picture_app(portal.url, tmp_path / "data")
    assert snap_compare(app, terminal_size=NARROW, run_before=then("enter"))
