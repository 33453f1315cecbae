"""Sync throughput: the whole portal copy with 300 ms added to every request.

``phuly-tui sync --pages 3 --concurrency 4`` against the local portal server
(latency 0.3 s per request).  The ideal is every request kept in flight four
at a time: ``requests × 0.3 s ÷ 4``.  The score is ideal ÷ actual (target ≥ 0.8).

    python benchmarks/sync.py [--runs 3] [--latency 0.3] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.portal_server import PortalServer

from phuly_tui.config import Config
from phuly_tui.library import Library


def one_run(latency: float, concurrency: int) -> tuple[float, int, float]:
    with PortalServer() as server, tempfile.TemporaryDirectory() as tmp:
        server.latency = latency
        library = Library(Config(base_url=server.url, data_dir=Path(tmp)))

        async def go() -> None:
            try:
                await library.sync(pages=3, concurrency=concurrency)
            finally:
                await library.aclose()

        start = time.perf_counter()
        asyncio.run(go())
        elapsed = time.perf_counter() - start
        library.close()
        requests = len(server.requests)
    ideal = requests * latency / concurrency
    return elapsed, requests, ideal / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    results = [one_run(args.latency, args.concurrency) for _ in range(args.runs)]
    elapsed = statistics.median(r[0] for r in results)
    requests = results[0][1]
    score = statistics.median(r[2] for r in results)
    ideal = requests * args.latency / args.concurrency
    print(f"| requests | ideal | actual (median of {args.runs}) | ideal ÷ actual | target |")
    print("|---|---|---|---|---|")
    print(f"| {requests} | {ideal:.2f} s | {elapsed:.2f} s | {score:.2f} | ≥ 0.8 |")


if __name__ == "__main__":
    main()
