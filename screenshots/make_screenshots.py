"""Regenerate the pictures in ``screenshots/``: the app's main states, as a user sees them.

The app runs headless (``App.run_test``) over the portal snapshot bundled for
``phuly-tui --demo`` (served by :class:`phuly_tui.demo.DemoServer` on
127.0.0.1, no network needed), each picture with a fresh data folder.  Every
state is reached with the keys a user would press, and the picture is taken
once every worker has finished.  Each state is saved as SVG (Textual's own
export) and, when a converter is installed, as PNG.

Run from the repository root::

    .venv/bin/python screenshots/make_screenshots.py            # all pictures
    .venv/bin/python screenshots/make_screenshots.py start help # some of them
    .venv/bin/python screenshots/make_screenshots.py --no-png

PNGs need ``rsvg-convert`` (Debian/Ubuntu: ``apt-get install librsvg2-bin``)
or the ``cairosvg`` Python package; without either the script says so and
writes the SVGs only.  The PNG font is Fira Code (the font Textual's SVGs
name; ``fonts-firacode``) when installed, else DejaVu Sans Mono
(``fonts-dejavu-core``): both have every Vietnamese letter, and Fira Code's
box-drawing characters join up at Textual's line height.  ``pngquant``, when
installed, makes the PNGs about three times smaller.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

from phuly_tui.config import Config
from phuly_tui.demo import DemoServer, start_demo_archive
from phuly_tui.library import Library
from phuly_tui.ui.app import PhulyApp

HERE = Path(__file__).resolve().parent
SEED_PATH = (
    "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-"
    "trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
)
#: the plan whose PDF (Kế hoạch 18/KH-UBND) is attached: the document pictures
PLAN_PATH = (
    "/Pages/ke-hoach-cao-diem-bao-dam-trat-tu-an-toan-giao-thong-dip-tet-nguyen-dan-giap-thin.aspx"
)
#: a port nothing listens on: the connection is refused at once
CLOSED_URL = "http://127.0.0.1:9"
WIDE = (160, 45)
NARROW = (80, 24)
#: no toast may time out before its picture is taken
NOTIFICATION_SECONDS = 60.0
#: PNG fonts in order of preference (both cover Vietnamese), with each one's
#: advance width in em: converters ignore the SVG's ``textLength``, so the
#: font size is set to make one character exactly one cell wide
PNG_FONTS = {"Fira Code": 1200 / 1950, "DejaVu Sans Mono": 1233 / 2048}
#: the width of a cell in Textual's SVGs (20px text)
SVG_CELL_WIDTH = 12.2
#: the terminal text's font family and size in the SVG's style sheet
MATRIX_FONT = re.compile(r"(-matrix \{\s*font-family:)[^;]*(;\s*font-size:)\s*[\d.]+px")

Step = Callable[[Pilot[Any]], Awaitable[None]]


# -- steps: what the user does before a picture ------------------------------------
async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the first network refresh and every worker; stop cursors blinking."""
    app = pilot.app
    assert isinstance(app, PhulyApp)
    if app.is_screen_installed("main"):
        for _ in range(300):
            if app.main.network_started:
                break
            await pilot.pause(0.01)
    for _ in range(3):
        for _attempt in range(20):
            try:
                await app.workers.wait_for_complete()
                break
            except WorkerCancelled:  # replaced by an exclusive worker: normal
                continue
        await pilot.pause()
    for field_ in app.screen.query(Input):
        field_.cursor_blink = False
    await pilot.pause()


def press(*keys: str) -> Step:
    """Press ``keys`` one at a time, settling after each."""

    async def step(pilot: Pilot[Any]) -> None:
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return step


def type_text(text: str, *, wait: float = 0.3) -> Step:
    """Type ``text`` into the focused field, then wait past the search's debounce."""

    async def step(pilot: Pilot[Any]) -> None:
        await pilot.press(*text)
        await pilot.pause(wait)
        await settle(pilot)

    return step


async def clear_toasts(pilot: Pilot[Any]) -> None:
    """Dismiss the notifications so far (a dialog opened next would keep them behind it)."""
    pilot.app.clear_notifications()
    await pilot.pause()


async def scroll_reader_to_end(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, PhulyApp)
    app.main.reader.scroll_end(animate=False, immediate=True)
    await settle(pilot)


# -- the pictures ---------------------------------------------------------------------
@dataclass(frozen=True)
class Shot:
    """One picture: how to start the app and what to press before taking it."""

    name: str
    #: what it shows (the README's alt text)
    caption: str
    size: tuple[int, int] = WIDE
    #: a deep link (path on the portal) opened at start
    path: str | None = None
    steps: tuple[Step, ...] = ()
    lang: str = "vi"
    #: False: the portal is unreachable (a closed port)
    reachable: bool = True
    #: fill the offline library first (``Library.sync``), as ``phuly-tui sync`` does
    synced: bool = False
    #: keep the toasts in the picture (errors); otherwise they are cleared
    toasts: bool = False
    #: the portal is gone (410) and the demo's own archive serves its captures
    archived: bool = False


SHOTS: tuple[Shot, ...] = (
    Shot("start", "Start: sections, the newest articles, the reader"),
    Shot("article", "The seed article in the reader", path=SEED_PATH),
    Shot(
        "article-related",
        "The end of the article: image placeholders and “Tin liên quan”",
        path=SEED_PATH,
        steps=(scroll_reader_to_end,),
    ),
    Shot("related", "Key 1 opens the first related article", path=SEED_PATH, steps=(press("1"),)),
    Shot("help", "? lists every key", steps=(press("question_mark"),)),
    Shot(
        "search",
        "/ searches the offline library (diacritics optional)",
        synced=True,
        steps=(press("slash"), type_text("phu ly")),
    ),
    Shot(
        "bookmarks",
        "B lists the bookmarked articles",
        path=SEED_PATH,
        steps=(press("b", "1", "b"), clear_toasts, press("B")),
    ),
    Shot(
        "new",
        "Tin mới: the unread articles of every section, newest first, with their section",
        synced=True,
        steps=(press("h", "home", "enter"),),
    ),
    Shot("narrow-list", "80×24: one pane at a time, the list", size=NARROW),
    Shot("narrow-reader", "80×24: Enter shows the reader", size=NARROW, steps=(press("enter"),)),
    Shot(
        "error",
        "The portal unreachable: what happened and what to do",
        reachable=False,
        toasts=True,
    ),
    Shot("english", "--lang en", path=SEED_PATH, lang="en"),
    Shot(
        "archived",
        "The portal gone: an article from the Internet Archive, with its capture date",
        path=SEED_PATH,
        archived=True,
    ),
    Shot(
        "captures",
        "A lists the captures of the open page, newest first",
        path=SEED_PATH,
        archived=True,
        steps=(press("A"),),
    ),
    Shot(
        "document",
        "a opens an attachment in the reader: the document's card, then its text",
        path=PLAN_PATH,
        steps=(press("a", "1"),),
    ),
    Shot(
        "documents",
        "D lists the known documents, newest first",
        path=PLAN_PATH,
        synced=True,
        steps=(press("a", "1"), clear_toasts, press("D")),
    ),
)


def demo_app(
    shot: Shot, base_url: str, data_dir: Path, archive_url: str | None = None
) -> PhulyApp:
    """The app as ``phuly-tui --demo`` (``--demo-archive``) builds it, over ``data_dir``."""
    config = Config(
        base_url=base_url,
        data_dir=data_dir,
        lang=shot.lang,
        archive="auto" if archive_url else "never",  # never the real archive here
        archive_url=archive_url or CLOSED_URL,
        archive_rate=60,
    )
    url = base_url + shot.path if shot.path else None
    app = PhulyApp(Library(config), config, url=url, demo=shot.reachable)
    app.animation_level = "none"
    app.NOTIFICATION_TIMEOUT = NOTIFICATION_SECONDS  # type: ignore[misc]
    return app


async def sync_library(base_url: str, data_dir: Path) -> None:
    library = Library(Config(base_url=base_url, data_dir=data_dir, archive="never"))
    try:
        await library.sync()
    finally:
        await library.aclose()
        library.close()


async def take(shot: Shot, base_url: str) -> str:
    """The SVG of ``shot``, with a stable id (a rerun changes only what changed)."""
    with tempfile.TemporaryDirectory(prefix="phuly-shot-") as folder:
        data_dir = Path(folder) / "data"
        portal = base_url if shot.reachable else CLOSED_URL
        if shot.synced:
            await sync_library(portal, data_dir)
        gone = archive = None
        if shot.archived:
            gone = DemoServer(gone=True)
            portal = gone.start()
            archive = start_demo_archive(gone)
        try:
            app = demo_app(shot, portal, data_dir, archive.url if archive else None)
            async with app.run_test(size=shot.size, notifications=True) as pilot:
                await settle(pilot)
                for step in shot.steps:
                    await step(pilot)
                if not shot.toasts:
                    await clear_toasts(pilot)
                svg = app.export_screenshot(title="phuly-tui")
        finally:
            for server in (gone, archive):
                if server is not None:
                    server.stop()
    return re.sub(r"\bterminal-\d+-", f"terminal-{shot.name}-", svg)


# -- PNG --------------------------------------------------------------------------------
def installed_font() -> str | None:
    """The first of :data:`PNG_FONTS` that fontconfig knows, if it can be asked."""
    if shutil.which("fc-list") is None:
        return None
    families = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=False
    ).stdout
    for font in PNG_FONTS:
        if font in families:
            return font
    return None


def png_ready_svg(svg: str, font: str | None) -> str:
    """The SVG as converters read it right.

    ``xml:space="preserve"``: librsvg otherwise drops the leading
    no-break spaces of a text run, pulling it one or two cells left.  The
    font is named (fontconfig's "monospace" may lack Vietnamese letters) and
    sized so that a character is one cell wide: the text lines up with its
    background and with the borders.
    """
    svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
    if font:
        size = SVG_CELL_WIDTH / PNG_FONTS[font]
        svg = MATRIX_FONT.sub(rf'\g<1> "{font}", monospace\g<2> {size:.3f}px', svg, count=1)
    return svg


def converter() -> Callable[[str, Path], None] | None:
    """A function writing an SVG string to a PNG file, or None when nothing can."""
    rsvg = shutil.which("rsvg-convert")
    if rsvg is not None:

        def with_rsvg(svg: str, target: Path) -> None:
            subprocess.run(
                [rsvg, "--format", "png", "--output", str(target)],
                input=svg.encode("utf-8"),
                check=True,
            )

        return with_rsvg
    try:
        import cairosvg  # type: ignore[import-not-found]
    except ImportError:
        return None

    def with_cairosvg(svg: str, target: Path) -> None:
        cairosvg.svg2png(bytestring=svg.encode("utf-8"), write_to=str(target))

    return with_cairosvg


def shrink_png(path: Path) -> None:
    """Quantize ``path`` with ``pngquant`` when installed (about a third of the size).

    Terminal pictures have few colours; when pngquant cannot meet the quality
    floor (exit code 99) or is missing, the PNG stays as it was.
    """
    pngquant = shutil.which("pngquant")
    if pngquant is None:
        return
    smaller = path.with_suffix(".small.png")
    done = subprocess.run(
        [
            pngquant,
            "--quality",
            "70-95",
            "--speed",
            "1",
            "--strip",
            "--force",
            "--output",
            str(smaller),
            str(path),
        ],
        check=False,
    )
    if done.returncode == 0 and smaller.exists():
        smaller.replace(path)
    else:
        smaller.unlink(missing_ok=True)


# -- main ---------------------------------------------------------------------------------
async def make(shots: Sequence[Shot], out: Path, *, png: bool) -> None:
    to_png = converter() if png else None
    if png and to_png is None:
        print("no PNG converter (rsvg-convert or cairosvg): writing SVG only", file=sys.stderr)
    font = installed_font() if to_png else None
    with DemoServer() as server:
        for shot in shots:
            started = time.perf_counter()
            svg = await take(shot, server.url)
            target = out / f"{shot.name}.svg"
            target.write_text(svg, encoding="utf-8")
            written = [target.name]
            if to_png is not None:
                to_png(png_ready_svg(svg, font), target.with_suffix(".png"))
                shrink_png(target.with_suffix(".png"))
                written.append(target.with_suffix(".png").name)
            seconds = time.perf_counter() - started
            print(f"{', '.join(written):<40} {seconds:5.1f} s  {shot.caption}")


def main(argv: Sequence[str] | None = None) -> int:
    names = [shot.name for shot in SHOTS]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"only these: {', '.join(names)}")
    parser.add_argument("--out", type=Path, default=HERE, help="folder (default: screenshots/)")
    parser.add_argument("--no-png", action="store_true", help="write the SVGs only")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(names))
    if unknown:
        parser.error(f"unknown picture(s): {', '.join(unknown)}")
    shots = [shot for shot in SHOTS if not args.names or shot.name in args.names]
    args.out.mkdir(parents=True, exist_ok=True)
    asyncio.run(make(shots, args.out, png=not args.no_png))
    return 0


if __name__ == "__main__":
    sys.exit(main())
