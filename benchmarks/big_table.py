"""A 20,000-row table (issue 9 item 14): key latency while it loads, and ``read`` time.

The local portal server serves the seed article with a table of 20,000
households after its first paragraph (≈ 2.6 MB; ``tests/support/big_table.py``).

* **Keys while it loads** — the app (headless, in process, 160×48) opens the
  article with Enter; from then on ``j``/``k`` (scroll the reader) are sent to
  the app's driver every 50 ms, as a terminal would, until the article has been
  on screen for half a second.  A key's latency runs from sending it to the
  first frame composed after the app handled it (a key that changes nothing
  visible is counted when handled).  The sender runs in the app's event loop,
  so it also reports the loop's longest stall (a gap between its wake-ups beyond
  the interval): a key pressed then waits that long.  Also reported: Enter →
  the article's title in a frame.
* **CLI** — ``phuly-tui read URL --plain`` in a fresh process (output to
  ``/dev/null``), wall time, median of ``--runs``.

    python benchmarks/big_table.py [--rows 20000] [--runs 3] [--app-runs 1]

``--app-runs N`` loads the article in N fresh apps (fresh stores) and pools their
keys; ``--runs 0`` skips the CLI.  ``PYTHONPATH=OTHER/src`` measures another
checkout the same way (before/after side by side, alternating runs).

Target: every key answered within 0.1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from textual import events

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import faults  # noqa: E402
from tests.support.app_harness import make_app, settle  # noqa: E402
from tests.support.big_table import big_table_page  # noqa: E402
from tests.support.portal_server import PortalServer  # noqa: E402

NEWEST = "/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"
TITLE_START = "Ban chỉ đạo 35 TP Phủ Lý"  # the seed article's title
KEY_INTERVAL = 0.05
TARGET_MS = 100.0


class KeyClock:
    """Times keys from the driver to the first frame after the app handled them."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.sent: list[float] = []
        self.handled: list[float | None] = []
        self.answered: list[float | None] = []
        self.title_at: float | None = None
        self._done = 0
        original_event = app.on_event
        original_display = app._display

        async def on_event(event: Any) -> None:
            await original_event(event)
            # keys are handled in the order they were sent
            is_ours = isinstance(event, events.Key) and event.key in ("j", "k")
            if is_ours and self._done < len(self.handled):
                self.handled[self._done] = time.perf_counter()
                self._done += 1

        def display(screen: Any, renderable: Any) -> None:
            now = time.perf_counter()
            original_display(screen, renderable)
            for index, handled in enumerate(self.handled):
                if handled is not None and self.answered[index] is None:
                    self.answered[index] = now
            if self.title_at is None:
                render = getattr(renderable, "render_segments", None)
                reader = app.main.reader
                if (
                    render is not None
                    and reader.article is not None
                    and not getattr(reader, "preparing", False)
                    and TITLE_START in render(app.console)
                ):
                    self.title_at = now

        app.on_event = on_event
        app._display = display

    def send(self, key: str) -> None:
        self.sent.append(time.perf_counter())
        self.handled.append(None)
        self.answered.append(None)
        assert self.app._driver is not None
        self.app._driver.send_message(events.Key(key, key))

    def latencies_ms(self) -> list[float]:
        out = []
        for sent, handled, answered in zip(self.sent, self.handled, self.answered, strict=True):
            end = answered or handled
            if end is not None:
                out.append((end - sent) * 1000)
        return out


async def keys_while_loading(
    base_url: str, data_dir: Path
) -> tuple[list[float], float, int, float]:
    app = make_app(base_url, data_dir, timeout=60.0)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        clock = KeyClock(app)
        assert app._driver is not None
        start = time.perf_counter()
        app._driver.send_message(events.Key("enter", "\r"))
        deadline = start + 120
        shown_since: float | None = None
        number = 0
        #: the sender shares the app's event loop: a gap between its wake-ups longer
        #: than the interval is a stall every key pressed meanwhile waited through
        woke = time.perf_counter()
        stall = 0.0
        while time.perf_counter() < deadline:
            await asyncio.sleep(KEY_INTERVAL)
            now = time.perf_counter()
            stall, woke = max(stall, now - woke - KEY_INTERVAL), now
            clock.send("j" if number % 2 == 0 else "k")
            number += 1
            if clock.title_at is not None and shown_since is None:
                shown_since = time.perf_counter()
            if shown_since is not None and time.perf_counter() - shown_since > 0.5:
                break
        await settle(pilot)
        unanswered = sum(1 for h in clock.handled if h is None)
        load = ((clock.title_at or time.perf_counter()) - start) * 1000
        return clock.latencies_ms(), load, unanswered, stall * 1000


def cli_read(base_url: str, runs: int) -> list[float]:
    times = []
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH") or str(ROOT / "src")}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "phuly_tui", "--base-url", base_url, "--data-dir", data,
                 "read", "/Pages/big.aspx", "--plain"],
                check=True, stdout=subprocess.DEVNULL, env={**env, "COLUMNS": "120"},
            )  # fmt: skip
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--app-runs", type=int, default=1)
    args = parser.parse_args()
    page = big_table_page(args.rows)
    with PortalServer() as server, tempfile.TemporaryDirectory() as tmp:
        server.routes[NEWEST] = faults.html_page(page)
        server.routes["/Pages/big.aspx"] = faults.html_page(page)
        latencies: list[float] = []
        loads: list[float] = []
        stalls: list[float] = []
        unanswered = 0
        for run in range(args.app_runs):
            keys, load, missed, stall = asyncio.run(
                keys_while_loading(server.url, Path(tmp) / f"app-{run}")
            )
            print(
                f"app run {run + 1}: {len(keys)} keys, median {statistics.median(keys):.1f} ms,"
                f" max {max(keys):.1f} ms, stall {stall:.0f} ms, Enter → article {load:.0f} ms",
                flush=True,
            )
            latencies += keys
            loads.append(load)
            stalls.append(stall)
            unanswered += missed
        stall = max(stalls)
        load = statistics.median(loads)
        reads = cli_read(server.url, args.runs)
    print(f"{args.rows} rows, {len(page) / 1e6:.1f} MB page")
    print("| measure | median | p90 | max | samples | target |")
    print("|---|---|---|---|---|---|")
    p90 = statistics.quantiles(latencies, n=10)[-1] if len(latencies) >= 10 else max(latencies)
    met = "met" if max(latencies) <= TARGET_MS and not unanswered else "NOT met"
    median = statistics.median(latencies)
    print(
        f"| key → handled and drawn, while the article loads | {median:.1f} ms"
        f" | {p90:.1f} ms | {max(latencies):.1f} ms | {len(latencies)}"
        f"{f' ({unanswered} unanswered)' if unanswered else ''} | ≤ {TARGET_MS:.0f} ms: {met} |"
    )
    print(f"| longest stall of the event loop while it loads | {stall:.0f} ms | | | | |")
    print(f"| Enter → article on screen | {load:.0f} ms | | | {len(loads)} | |")
    if reads:
        print(
            f"| `phuly-tui read URL --plain` (new process) | {statistics.median(reads):.2f} s |"
            f" | {max(reads):.2f} s | {len(reads)} | |"
        )


if __name__ == "__main__":
    main()
