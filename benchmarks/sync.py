"""Sync throughput, measured as a whole process, beside a plain httpx loop.

``phuly-tui sync --pages 3 --concurrency 4`` is spawned as a subprocess (a
fresh data folder, its config file and folders pointed at a temporary
directory) against the portal copy served on 127.0.0.1 with 300 ms added to
every request; the clock runs from the spawn to the exit, so the process's
own start-up counts.  The ideal is every request kept in flight four at a
time: ``requests × 0.3 s ÷ 4``; the score is ideal ÷ actual (target ≥ 0.85).

The baseline is the least any client could do: a plain ``httpx`` +
``asyncio`` script, spawned the same way, that GETs the same URLs (known in
advance — it parses nothing, stores nothing) with four workers.

Two portal sizes:

* ``public`` — the project's copy of the portal (``tests/fixtures/portal``);
* ``small`` — the same copy whose home page lists only three sections
  (Tin tức - Sự kiện with its three listing pages, Văn hóa - Xã hội with two,
  Quốc phòng - An ninh): fewer requests, so a slow start or an idle tail
  weighs more.

    python benchmarks/sync.py [--runs 5] [--latency 0.3] [--concurrency 4] [--size public|small]
                              [--exe "other/venv/bin/phuly-tui" [--exe "this/venv/bin/phuly-tui"]]

Given ``--exe`` more than once, the builds take turns in every run (before
and after a change, on the same machine state): one row each, each beside
the same loop.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.portal_server import Entry, PortalServer, PortalSite  # noqa: E402

#: the sections the small portal's home page keeps (by listing path)
SMALL_SECTIONS = (
    "/Pages/tin-tuc-su-kien.aspx",
    "/Pages/van-hoa-xa-hoi.aspx",
    "/Pages/quoc-phong-an-ninh.aspx",
)

BASELINE = """
import asyncio, sys
import httpx

async def main(urls, concurrency):
    queue = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    async with httpx.AsyncClient(headers={"Accept-Encoding": "gzip"}) as client:
        async def worker():
            while not queue.empty():
                url = queue.get_nowait()
                response = await client.get(url)
                response.read()
        await asyncio.gather(*(worker() for _ in range(concurrency)))

asyncio.run(main(sys.argv[2:], int(sys.argv[1])))
"""


class SmallPortalSite(PortalSite):
    """The portal copy with a home page that lists only :data:`SMALL_SECTIONS`.

    The other sections' top-level menu entries are removed from the home
    page's HTML (their pages stay served, but nothing links to them from the
    menu); the result is checked by parsing it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._home = self._small_home()

    def _small_home(self) -> bytes:
        from selectolax.lexbor import LexborHTMLParser

        from phuly_tui.parse import parse_home

        entry = self.exact["/"]
        doc = LexborHTMLParser((self.root / "site" / entry.file).read_bytes())
        for li in doc.css("li"):
            link = li.css_first("a[href]")
            href = (link.attributes.get("href") or "") if link is not None else ""
            if href.startswith("/Pages/") and href not in SMALL_SECTIONS and li.css("ul"):
                li.decompose()
        body = (doc.html or "").encode("utf-8")
        sections = parse_home(body, "http://x/").sections
        paths = tuple(s.url.removeprefix("http://x") for s in sections)
        assert paths == SMALL_SECTIONS, paths
        return body

    def lookup(self, target: str) -> tuple[Entry, bytes, str, int] | None:
        hit = super().lookup(target)
        if hit is not None and target in ("/", "/Pages/Default.aspx"):
            entry, _body, etag, mtime = hit
            return entry, self._home, etag, mtime
        return hit


def _environment(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PHULY_TUI_")}
    config = tmp / "config.toml"
    config.write_text("", encoding="utf-8")  # empty: defaults only (a named file must exist)
    env.update(
        PHULY_TUI_CONFIG=str(config),
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_CACHE_HOME=str(tmp / "cache"),
        XDG_STATE_HOME=str(tmp / "state"),
        XDG_DATA_HOME=str(tmp / "data-home"),
    )
    return env


#: the command that runs phuly-tui (``--exe`` to measure other builds side by side)
EXE = [str(Path(sys.executable).with_name("phuly-tui"))]


def phuly_sync(
    site: PortalSite, latency: float, concurrency: int, exe: list[str] = EXE
) -> tuple[float, list[str]]:
    """Spawn ``phuly-tui sync`` on a fresh data folder: (seconds, requested URLs)."""
    with PortalServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        server.latency = latency
        argv = [
            *exe,
            "sync",
            "--pages",
            "3",
            "--concurrency",
            str(concurrency),
            "--base-url",
            server.url,
            "--data-dir",
            str(Path(tmp) / "data"),
        ]
        start = time.perf_counter()
        done = subprocess.run(argv, env=_environment(Path(tmp)), capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"sync failed ({done.returncode}): {done.stderr}")
        urls = [server.url + target for _method, target, _status in server.requests]
    return elapsed, urls


def baseline(site: PortalSite, urls: list[str], latency: float, concurrency: int) -> float:
    """Spawn the plain httpx loop over ``urls``: seconds from spawn to exit."""
    with PortalServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        server.latency = latency
        port = urls[0].split("/")[2]
        here = [u.replace(port, f"127.0.0.1:{server.port}", 1) for u in urls]
        argv = [sys.executable, "-c", BASELINE, str(concurrency), *here]
        start = time.perf_counter()
        subprocess.run(argv, env=_environment(Path(tmp)), check=True)
        elapsed = time.perf_counter() - start
        assert len(server.requests) == len(urls)
    return elapsed


def measure(
    name: str, site: PortalSite, runs: int, latency: float, concurrency: int, exes: list[list[str]]
) -> list[str]:
    """Rows of the table for ``site``: each build of ``exes``, then the loop, in turn."""
    ours: list[list[float]] = [[] for _ in exes]
    theirs: list[float] = []
    requests = 0
    for _ in range(runs):  # alternating, so all see the same machine state
        for times, exe in zip(ours, exes, strict=True):
            elapsed, urls = phuly_sync(site, latency, concurrency, exe)
            requests = len(urls)
            times.append(elapsed)
        theirs.append(baseline(site, urls, latency, concurrency))
    ideal = requests * latency / concurrency
    b = statistics.median(theirs)
    rows = []
    for times, exe in zip(ours, exes, strict=True):
        a = statistics.median(times)
        label = name if len(exes) == 1 else f"{name}, {' '.join(exe)}"
        print(f"{label}: phuly-tui {', '.join(f'{x:.2f}' for x in times)} s", file=sys.stderr)
        rows.append(
            f"| {label} | {requests} | {ideal:.2f} s | {a:.2f} s | **{ideal / a:.2f}** "
            f"| {b:.2f} s | {ideal / b:.2f} | {a / b:.3f} |"
        )
    print(f"{name}: baseline {', '.join(f'{x:.2f}' for x in theirs)} s", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--size", choices=("public", "small", "both"), default="both")
    parser.add_argument(
        "--exe",
        action="append",
        help="a phuly-tui command to measure (default: this venv's); repeat to alternate builds",
    )
    args = parser.parse_args()
    exes = [exe.split() for exe in args.exe] if args.exe else [EXE]
    sites: list[tuple[str, PortalSite]] = []
    if args.size in ("public", "both"):
        sites.append(("public", PortalSite()))
    if args.size in ("small", "both"):
        sites.append(("small", SmallPortalSite()))
    rows = [
        row
        for n, s in sites
        for row in measure(n, s, args.runs, args.latency, args.concurrency, exes)
    ]
    print(
        f"| portal | requests | ideal | phuly-tui sync (median of {args.runs}) | ideal ÷ actual "
        "| httpx loop (median) | ideal ÷ actual | phuly-tui ÷ loop |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
