"""Keypress to a cached article on screen, measured in-process with Pilot.

The store already holds every article (a sync against the local portal
server).  For each article of the first section the benchmark highlights it,
presses Enter and times from the key press to the first frame the app
composes that shows the article's title (Textual hands every frame to
``App._display``; headless, it is not written anywhere, but it is built, so
the time includes layout and rendering).  Median over all articles, several
rounds.

    python benchmarks/keypress.py [--rounds 3]

Target (issue 3): median ≤ 16 ms.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.app_harness import make_app, settle
from tests.support.portal_server import PortalServer

from phuly_tui.config import Config
from phuly_tui.library import Library


def sync(base_url: str, data_dir: Path) -> None:
    library = Library(Config(base_url=base_url, data_dir=data_dir))

    async def go() -> None:
        try:
            await library.sync(pages=3)
        finally:
            await library.aclose()

    asyncio.run(go())
    library.close()


async def measure(base_url: str, data_dir: Path, rounds: int) -> list[float]:
    app = make_app(base_url, data_dir)
    timings: list[float] = []
    waiting: dict[str, Any] = {"title": None, "at": None, "shown": False}
    original = app._display

    def spy(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        title = waiting["title"]
        # the list row shows the title too: only frames after the reader took the article count
        if title is None or renderable is None or not waiting["shown"]:
            return
        render = getattr(renderable, "render_segments", None)
        text = render(app.console) if render is not None else ""
        if title in text:
            waiting["at"] = time.perf_counter()

    app._display = spy  # type: ignore[method-assign]
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        articles = app.main.article_list
        items = list(articles.items)
        reader = app.main.reader
        show_article = reader.show_article

        def spy_show(*args: Any, **kwargs: Any) -> None:
            waiting["shown"] = True
            show_article(*args, **kwargs)

        reader.show_article = spy_show  # type: ignore[method-assign]
        for _ in range(rounds):
            for index, item in enumerate(items):
                app.main.focus_pane("articles")
                articles.highlighted = index
                await pilot.pause()
                waiting.update(title=item.title[:18], at=None, shown=False)
                start = time.perf_counter()
                # not awaited: Pilot's own waiting after a key must not count
                press = asyncio.get_running_loop().create_task(pilot.press("enter"))
                for _ in range(5000):
                    if waiting["at"] is not None:
                        break
                    await asyncio.sleep(0)
                if waiting["at"] is not None:
                    timings.append((waiting["at"] - start) * 1000)
                waiting["title"] = None
                await press
                await settle(pilot, rounds=1)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with PortalServer() as server, tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        sync(server.url, data_dir)
        timings = asyncio.run(measure(server.url, data_dir, args.rounds))
    if not timings:
        print("no frame showed the article: check the title matching")
        return
    print("| measure | median | p90 | samples | target |")
    print("|---|---|---|---|---|")
    p90 = statistics.quantiles(timings, n=10)[-1] if len(timings) >= 10 else max(timings)
    print(
        f"| key press → cached article on screen | {statistics.median(timings):.1f} ms | "
        f"{p90:.1f} ms | {len(timings)} | ≤ 16 ms |"
    )


if __name__ == "__main__":
    main()
