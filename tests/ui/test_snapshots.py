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

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from textual.pilot import Pilot

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


# -- the screenshots/ script ---------------------------------------------------------------
def load_screenshot_script() -> ModuleType:
    """``screenshots/make_screenshots.py`` as a module (it is a script, not a package)."""
    path = Path(__file__).resolve().parents[2] / "screenshots" / "make_screenshots.py"
    spec = importlib.util.spec_from_file_location("make_screenshots", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_screenshot_script_writes_a_picture_of_the_demo(tmp_path: Path) -> None:
    """The script still drives the app: one picture over the bundled demo portal."""
    script = load_screenshot_script()
    assert script.main(["narrow-list", "--no-png", "--out", str(tmp_path)]) == 0
    svg = (tmp_path / "narrow-list.svg").read_text(encoding="utf-8")
    assert "Tin&#160;bài" in svg
    assert "Bản&#160;demo" in svg
    assert "terminal-narrow-list-" in svg  # a stable id: reruns change only what changed
    assert not re.search(r"terminal-\d+-", svg)


def test_png_svg_keeps_spaces_and_fits_the_font_to_the_cell() -> None:
    script = load_screenshot_script()
    svg = (
        '<svg class="rich-terminal" viewBox="0 0 10 10">'
        "<style>.terminal-x-matrix {\n        font-family: Fira Code, monospace;\n"
        "        font-size: 20px;\n        line-height: 24.4px;\n    }</style></svg>"
    )
    ready = script.png_ready_svg(svg, "DejaVu Sans Mono")
    assert ready.startswith('<svg xml:space="preserve" class="rich-terminal"')
    assert '"DejaVu Sans Mono", monospace' in ready
    size = float(re.search(r"font-size:\s*([\d.]+)px", ready).group(1))  # type: ignore[union-attr]
    assert size * 1233 / 2048 == pytest.approx(12.2, abs=0.001)
    assert script.png_ready_svg(svg, None).count("Fira Code") == 1


PLAN_PATH = (
    "/Pages/ke-hoach-cao-diem-bao-dam-trat-tu-an-toan-giao-thong-dip-tet-nguyen-dan-giap-thin.aspx"
)


async def open_first_attachment(pilot: Pilot[Any]) -> None:
    """``a`` then ``1`` at once: the picker shows the attachment's address (with the
    test server's port), so no picture is taken in between."""
    await settled(pilot)
    await pilot.press("a")
    await pilot.pause()
    await pilot.press("1")
    await settled(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_document_in_the_reader(
    snap_compare: SnapCompare, portal: PortalServer, tmp_path: Path
) -> None:
    """``a`` then ``1``: the plan's PDF in the reader, its card on top, cited numbers linked."""
    app = picture_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)
    assert snap_compare(app, terminal_size=WIDE, run_before=open_first_attachment)


def test_documents_view(snap_compare: SnapCompare, portal: PortalServer, tmp_path: Path) -> None:
    """``D`` after reading the plan: it, and the documents it cites (no file: marked)."""
    app = picture_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)

    async def documents_view(pilot: Pilot[Any]) -> None:
        await open_first_attachment(pilot)
        await pilot.press("D")
        await settled(pilot)

    assert snap_compare(app, terminal_size=WIDE, run_before=documents_view)
