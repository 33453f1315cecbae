"""Time limits that used to be assertions in the test suite, measured on demand.

The suite must pass on a loaded 2-core machine, so its fault tests assert what
happened (the error, the request count, the memory) and leave the clock here.
Each row runs one scenario against the local portal server and compares the
wall time with the limit the behaviour promises:

* a read timeout is not retried (one timeout, not three);
* a body that drips ends at the total deadline (3 × timeout);
* a refused connection fails at once (one quick retry);
* a ``Retry-After`` longer than the deadline allows gives up at once;
* a ``Content-Length`` over the cap is refused before reading;
* a gzip bomb is refused as soon as the cap is passed;
* the capped decoder refuses a one-chunk bomb quickly;
* the article list shows 600 items in one go.

    python benchmarks/time_limits.py
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
import zlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support import faults
from tests.support.portal_server import PortalServer

from phuly_tui.errors import PhulyError
from phuly_tui.fetch import Fetcher, FetchSettings
from phuly_tui.fetch.decoding import BodyTooLarge, CappedDecoder

CLOSED_URL = "http://127.0.0.1:9"


def fetcher(base: str, **overrides: Any) -> Fetcher:
    values: dict[str, Any] = {"base_url": base, "timeout": 2.0, "retries": 0, "backoff": 0.01}
    values.update(overrides)
    return Fetcher(FetchSettings(**values))


async def timed_fetch(
    server: PortalServer | None, route: faults.Route | None, **settings: Any
) -> float:
    base = server.url if server is not None else CLOSED_URL
    if server is not None and route is not None:
        server.routes["/x"] = route
    client = fetcher(base, **settings)
    await client.get("/Pages/Default.aspx") if server is not None else None  # warm up
    start = time.monotonic()
    try:
        await client.get("/x")
    except PhulyError:
        pass
    finally:
        elapsed = time.monotonic() - start
        await client.aclose()
    return elapsed


def decoder_bomb() -> float:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    bomb = b"".join(packer.compress(bytes(1 << 20)) for _ in range(50)) + packer.flush()
    decoder = CappedDecoder("gzip", 1 << 20)
    start = time.perf_counter()
    with contextlib.suppress(BodyTooLarge):
        decoder.feed(bomb)
    return time.perf_counter() - start


async def list_of_600() -> float:
    from textual.app import App, ComposeResult

    from phuly_tui.model import ListingItem
    from phuly_tui.ui.widgets.article_list import ArticleList

    class ListApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ArticleList(id="articles")

    app = ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        items = [
            ListingItem(f"Tin số {n}", f"https://x/Pages/{n}.aspx", "2024-06-14")
            for n in range(600)
        ]
        start = time.perf_counter()
        app.query_one(ArticleList).show_items(items)
        await pilot.pause()
        return time.perf_counter() - start


def main() -> None:
    server = PortalServer().start()
    scenarios: list[tuple[str, float, Callable[[], Awaitable[float]]]] = [
        (
            "read timeout 0.5 s, 2 retries: not retried",
            2.0,
            lambda: timed_fetch(server, faults.slow_headers(3.0), timeout=0.5, retries=2),
        ),
        (
            "dripping body, timeout 0.5 s: total deadline 1.5 s",
            3.0,
            lambda: timed_fetch(server, faults.slow_body(total=100_000, interval=0.1), timeout=0.5),
        ),
        ("connection refused, 1 retry", 2.0, lambda: timed_fetch(None, None, retries=1)),
        (
            "Retry-After 5 s beyond a 1.5 s deadline: gives up",
            1.4,
            lambda: timed_fetch(
                server, faults.status_with_retry_after(503, "5"), timeout=0.5, retries=2
            ),
        ),
        (
            "Content-Length 50 MB: refused before reading",
            1.5,
            lambda: timed_fetch(server, faults.slow_body(50 * 1024 * 1024, interval=1.0)),
        ),
        (
            "gzip bomb (50 MB of zeros): refused",
            5.0,
            lambda: timed_fetch(server, faults.gzip_bomb(50)),
        ),
    ]

    def row(name: str, seconds: float, limit: float) -> None:
        print(f"| {name} | {seconds:.3f} | {limit:.1f} | {'ok' if seconds < limit else 'OVER'} |")

    print("| scenario | seconds | limit | |")
    print("|---|---:|---:|---|")
    try:
        for name, limit, run in scenarios:
            seconds = asyncio.run(run())  # type: ignore[arg-type]
            row(name, seconds, limit)
    finally:
        server.stop()
    seconds = decoder_bomb()
    row("capped decoder, one-chunk bomb", seconds, 1.0)
    seconds = asyncio.run(list_of_600())
    row("article list: 600 items shown", seconds, 1.0)


if __name__ == "__main__":
    main()
