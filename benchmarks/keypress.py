"""Key press to a cached article on screen, measured in-process (headless Textual).

The store already holds every article (a sync against the local portal
server).  For each article of the first section the benchmark highlights it,
sends Enter to the app's driver (as a terminal would — Pilot's own waiting is
left out) and times until the first frame the app composes that shows the
article's title in the reader.  Textual hands every frame to ``App._display``;
headless it is not written anywhere, but it is built, so the time includes
layout and rendering (the clock stops when the frame is handed over: the
benchmark's own check of the frame's text is not counted).

Beside it, in the same run, a bare baseline: an OptionList and one Static
that shows a 25-paragraph article rendered as one widget.

    python benchmarks/keypress.py [--rounds 3] [--pairs 1]

``--pairs N`` runs the bare app and phuly-tui alternately N times (bare, ours,
bare, ours …) and adds the median of the N side-by-side ratios: on a machine
whose speed drifts (a shared VM) one pair's medians differ by a third from
the next pair's, and only runs next to each other compare.

Targets: median ≤ 16 ms (issue 3); no slower than the bare app in the same
run (issue 10).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Group
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import synced_store
from tests.support.app_harness import make_app, settle
from tests.support.portal_server import PortalServer

PARAGRAPH = (
    "Phủ Lý tập trung khắc phục hậu quả mưa lũ sau bão số 3, bảo đảm an toàn cho người dân. "
)


class BareReader(App[None]):
    """The baseline: a list and one Static showing a 25-paragraph article."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(*[f"Bài viết số {i}" for i in range(20)], id="list")
            with VerticalScroll():
                yield Static("", id="body")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        title = Text(f"Tiêu đề bài {event.option_index}", style="bold")
        paragraphs = [Text(f"{n}. " + PARAGRAPH * 6) for n in range(25)]
        self.query_one("#body", Static).update(Group(title, *paragraphs))


class FrameWatch:
    """Records when a composed frame first contains ``title``."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.title: str | None = None
        self.armed = True
        self.seen = asyncio.Event()
        self.at = 0.0
        original = app._display

        def spy(screen: Any, renderable: Any) -> None:
            # the frame is composed when it gets here; turning it into escape
            # codes (below, to look for the title) is the spy's work, not the app's
            handed_over = time.perf_counter()
            original(screen, renderable)
            if self.title is None or not self.armed or self.seen.is_set():
                return
            render = getattr(renderable, "render_segments", None)
            if render is not None and self.title in render(app.console):
                self.at = handed_over
                self.seen.set()

        app._display = spy  # type: ignore[method-assign]

    async def time_enter(self, title: str, *, armed: bool = True) -> float | None:
        self.title, self.armed, self.seen = title, armed, asyncio.Event()
        start = time.perf_counter()
        assert self.app._driver is not None
        self.app._driver.send_message(events.Key("enter", "\r"))
        try:
            await asyncio.wait_for(self.seen.wait(), 5)
        except TimeoutError:
            return None
        finally:
            self.title = None
        return (self.at - start) * 1000


async def measure_bare(rounds: int) -> list[float]:
    app = BareReader()
    watch = FrameWatch(app)
    timings: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        options.focus()
        for _ in range(rounds):
            for index in range(20):
                options.highlighted = index
                await pilot.pause()
                ms = await watch.time_enter(f"Tiêu đề bài {index}")
                if ms is not None:
                    timings.append(ms)
                await pilot.pause()
    return timings


async def measure_app(base_url: str, data_dir: Path, rounds: int) -> list[float]:
    app = make_app(base_url, data_dir)
    watch = FrameWatch(app)
    timings: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        articles = app.main.article_list
        reader = app.main.reader
        show_article = reader.show_article

        def spy_show(*args: Any, **kwargs: Any) -> None:
            # the list row shows the title too: only frames after the reader took it count
            watch.armed = True
            show_article(*args, **kwargs)

        reader.show_article = spy_show  # type: ignore[method-assign]
        for _ in range(rounds):
            for index, item in enumerate(list(articles.items)):
                app.main.focus_pane("articles")
                articles.highlighted = index
                await pilot.pause()
                ms = await watch.time_enter(item.title[:18], armed=False)
                if ms is not None:
                    timings.append(ms)
                await settle(pilot, rounds=1)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=1)
    args = parser.parse_args()
    bare: list[float] = []
    ours: list[float] = []
    ratios: list[float] = []
    with PortalServer() as server, tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        synced_store(server.url, data_dir)  # the start-up benchmark's store
        for _ in range(max(1, args.pairs)):
            pair_bare = asyncio.run(measure_bare(args.rounds))
            pair_ours = asyncio.run(measure_app(server.url, data_dir, args.rounds))
            bare += pair_bare
            ours += pair_ours
            if pair_bare and pair_ours:
                ratios.append(statistics.median(pair_ours) / statistics.median(pair_bare))
    print("| key press → article on screen | median | p90 | samples | target |")
    print("|---|---|---|---|---|")
    for name, timings in (("phuly-tui, cached article", ours), ("bare app, 25 paragraphs", bare)):
        if not timings:
            print(f"| {name} | no frame showed the article | | 0 | |")
            continue
        p90 = statistics.quantiles(timings, n=10)[-1] if len(timings) >= 10 else max(timings)
        print(
            f"| {name} | {statistics.median(timings):.1f} ms | {p90:.1f} ms | {len(timings)} |"
            " ≤ 16 ms |"
        )
    if len(ratios) > 1:
        each = ", ".join(f"{r:.2f}" for r in ratios)
        print(
            f"| phuly-tui ÷ bare, median of {len(ratios)} side-by-side pairs | "
            f"{statistics.median(ratios):.2f} | | {each} | ≤ 1.00 |"
        )


if __name__ == "__main__":
    main()
