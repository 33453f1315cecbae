"""Daily start and memory: phuly-tui beside a bare Textual app, side by side in one run.

* **Start**: from spawning the process in a real pseudo-terminal to the first
  article title on screen.  phuly-tui starts as a user starts it every day — a
  bare ``phuly-tui``, its portal and store named in the environment — on a store
  that already holds the listings (the portal, a local server here, is refreshed
  in the background after the stored titles are painted).  The baseline is
  ``bare_app.py`` (two OptionLists and one Static) showing the same titles.
  Runs alternate between the two so both see the same machine state.
* **Memory**: resident memory (VmRSS) of each with 500 articles in the list,
  read one second after the first title appears.
* **CPU time to the first titles** (extra runs after the timed ones, same
  alternation): the CPU time each process — all its threads — has used when
  the titles show.  Unlike the wall-clock time it hardly moves when other
  processes load the machine, so it tells a change of the app's own work on a
  busy machine; the wall-clock ratio stays the measure of the target.

    python benchmarks/startup.py [--runs 15] [--cpu-runs N]

Targets (issue 3/4): start ≤ 1.15× the bare app; memory ≤ 1.5× the bare app.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ptyrun import PtyResult, run_until  # noqa: E402
from tests.support.libraries import library_with_store  # noqa: E402
from tests.support.portal_server import PortalServer  # noqa: E402

from phuly_tui.config import Config  # noqa: E402
from phuly_tui.library import Library  # noqa: E402
from phuly_tui.model import Listing, ListingItem  # noqa: E402


def synced_store(base_url: str, data_dir: Path) -> list[str]:
    """Sync the portal copy into ``data_dir``; return the first section's titles."""
    library = Library(Config(base_url=base_url, data_dir=data_dir))

    async def go() -> None:
        try:
            await library.sync(pages=3)
        finally:
            await library.aclose()

    asyncio.run(go())
    home = library.cached_home()
    assert home is not None
    first = home.value.sections[0]
    titles = [i.title for page in library.cached_section_pages(first.url) for i in page.items]
    library.close()
    return titles


def big_store(base_url: str, data_dir: Path, count: int = 500) -> list[str]:
    """A store whose first section lists ``count`` articles (50 pages of 10)."""
    titles = synced_store(base_url, data_dir)
    library, store = library_with_store(Config(base_url=base_url, data_dir=data_dir))
    home = library.cached_home()
    assert home is not None
    section = home.value.sections[0]
    all_titles: list[str] = []
    pages = count // 10
    for page in range(1, pages + 1):
        url = section.url if page == 1 else f"{section.url}?Page={page}"
        items = tuple(
            ListingItem(
                title=f"{titles[(page * 10 + n) % len(titles)]} (bài {page * 10 + n})",
                url=f"{base_url}/Pages/bai-{page}-{n}.aspx",
                published=f"2024-{1 + page % 12:02d}-{1 + n:02d}",
                summary="Tóm tắt bài viết số " + str(page * 10 + n),
            )
            for n in range(10)
        )
        all_titles += [i.title for i in items]
        listing = Listing(
            url=url,
            section=section.name,
            page=page,
            items=items,
            next=f"{section.url}?Page={page + 1}" if page < pages else None,
            prev=None,
            last_page=pages,
        )
        store.put_page(
            url,
            "listing",
            listing.to_dict(),
            etag=None,
            last_modified=None,
            fetched_at=time.time(),
            content_hash=f"synthetic-{page}",
        )
    library.close()
    return all_titles


PYTHON = sys.executable


def app_argv() -> list[str]:
    """A daily start is a bare ``phuly-tui``; where it reads from comes from the environment."""
    return [PYTHON, "-m", "phuly_tui"]


def app_env(base_url: str, data_dir: Path) -> dict[str, str]:
    return {**os.environ, "PHULY_TUI_BASE_URL": base_url, "PHULY_TUI_DATA_DIR": str(data_dir)}


def bare_argv(titles_file: Path) -> list[str]:
    return [PYTHON, str(Path(__file__).with_name("bare_app.py")), str(titles_file)]


def compile_sources() -> None:
    """Write .pyc files as an installed package has them (PYTHONDONTWRITEBYTECODE may be set)."""
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)


def measure(runs: int, cpu_runs: int) -> dict[str, object]:
    compile_sources()
    with PortalServer() as server, tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        daily_dir = tmpdir / "daily"
        titles = synced_store(server.url, daily_dir)
        sections = [
            "Tin tức - Sự kiện",
            "Chính trị",
            "Kinh tế",
            "Văn hóa - Xã hội",
            "Quốc phòng - An ninh",
            "Thông báo",
            "Chỉ đạo điều hành",
        ]
        titles_file = tmpdir / "titles.json"
        titles_file.write_text(json.dumps({"sections": sections, "titles": titles}), "utf-8")
        marker = titles[0][:20]
        app_times: list[float] = []
        bare_times: list[float] = []
        pair_ratios: list[float] = []
        for _ in range(runs):
            bare = run_until(bare_argv(titles_file), marker)
            app = run_until(app_argv(), marker, env=app_env(server.url, daily_dir))
            if bare.seconds is not None:
                bare_times.append(bare.seconds)
            if app.seconds is not None:
                app_times.append(app.seconds)
            if bare.seconds and app.seconds is not None:
                pair_ratios.append(app.seconds / bare.seconds)

        # CPU time, in runs of their own: the report's set-up (a sitecustomize on
        # the path of both processes) stays out of the timed runs above
        app_cpu: list[float] = []
        bare_cpu: list[float] = []
        cpu_out = tmpdir / "cpu.txt"
        for _ in range(cpu_runs):
            bare = run_until(bare_argv(titles_file), marker, cpu_out=cpu_out)
            app = run_until(app_argv(), marker, env=app_env(server.url, daily_dir), cpu_out=cpu_out)
            _keep_cpu(bare, bare_cpu)
            _keep_cpu(app, app_cpu)

        big_dir = tmpdir / "big"
        big_titles = big_store(server.url, big_dir)
        big_file = tmpdir / "big.json"
        big_file.write_text(json.dumps({"sections": sections, "titles": big_titles}), "utf-8")
        big_marker = big_titles[0][:20]
        app_rss: list[int] = []
        bare_rss: list[int] = []
        for n in range(max(3, runs // 3)):
            # a fresh copy each run: the app's refresh replaces the made-up page 1
            run_dir = tmpdir / f"big-{n}"
            shutil.copytree(big_dir, run_dir)
            bare = run_until(bare_argv(big_file), big_marker, settle=1.0)
            app = run_until(app_argv(), big_marker, env=app_env(server.url, run_dir), settle=1.0)
            if bare.rss_kib:
                bare_rss.append(bare.rss_kib)
            if app.rss_kib:
                app_rss.append(app.rss_kib)

    def med(values: list[float]) -> float:
        return statistics.median(values) if values else float("nan")

    return {
        "runs": runs,
        "start_app_ms": med(app_times) * 1000,
        "start_bare_ms": med(bare_times) * 1000,
        "start_ratio": med(app_times) / med(bare_times) if bare_times and app_times else None,
        # each app run beside the bare run just before it: less sensitive to the
        # machine's slow drifts than the ratio of the two medians
        "start_pair_ratio": med(pair_ratios),
        "app_failures": runs - len(app_times),
        "rss_app_mib": med([r / 1024 for r in app_rss]),
        "rss_bare_mib": med([r / 1024 for r in bare_rss]),
        "rss_ratio": med(app_rss) / med(bare_rss) if app_rss and bare_rss else None,
        "cpu_runs": cpu_runs,
        "cpu_app_ms": med(app_cpu),
        "cpu_bare_ms": med(bare_cpu),
        "cpu_ratio": med(app_cpu) / med(bare_cpu) if app_cpu and bare_cpu else None,
    }


def _keep_cpu(result: PtyResult, into: list[float]) -> None:
    if result.seconds is not None and result.cpu_ms is not None:
        into.append(result.cpu_ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--cpu-runs",
        type=int,
        default=None,
        help="alternating runs reading the CPU time to the first titles (default: --runs; 0: none)",
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter that runs both apps (e.g. a venv with only `pip install .`)",
    )
    args = parser.parse_args()
    global PYTHON
    PYTHON = args.python
    r = measure(args.runs, args.runs if args.cpu_runs is None else args.cpu_runs)
    print("| measure | phuly-tui | bare Textual app | ratio | target |")
    print("|---|---|---|---|---|")
    print(
        f"| start to first titles (median of {r['runs']}) | {r['start_app_ms']:.0f} ms | "
        f"{r['start_bare_ms']:.0f} ms | {r['start_ratio']:.2f} | ≤ 1.15 |"
    )
    print(
        f"| start, median of the {r['runs']} side-by-side ratios | | | "
        f"{r['start_pair_ratio']:.2f} | ≤ 1.15 |"
    )
    print(
        f"| memory, 500 articles listed (RSS) | {r['rss_app_mib']:.1f} MiB | "
        f"{r['rss_bare_mib']:.1f} MiB | {r['rss_ratio']:.2f} | ≤ 1.5 |"
    )
    if r["cpu_ratio"] is not None:
        print(
            f"| start, CPU time (all threads) to first titles (median of {r['cpu_runs']}) | "
            f"{r['cpu_app_ms']:.0f} ms | {r['cpu_bare_ms']:.0f} ms | {r['cpu_ratio']:.2f} | "
            "(not the target: a load-proof view of the same start) |"
        )
    if r["app_failures"]:
        print(f"\n{r['app_failures']} app runs did not show the titles in time")


if __name__ == "__main__":
    main()
