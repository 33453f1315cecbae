"""Benchmark: phuly-tui's article extraction beside trafilatura, same pages, same run.

For every article page of the test copy of the portal (``tests/fixtures/portal``,
pages that have a gold file) it measures, warm and from the bytes as fetched:

* ``parse_article(data, url).to_dict()`` (phuly-tui), and
* ``trafilatura.extract(data)`` (a general-purpose extractor, for comparison),

page by page (so that load on the machine affects both alike), each run
several times in a row (warm), and takes the median of the runs per page; the
table shows the median over pages.  Beside them, a bare ``LexborHTMLParser(bytes)``
of the same bytes, timed interleaved with ``parse_article``: the profile path's
cost as a multiple of only parsing the page, per page from the fastest run of
each (load on a shared machine only ever adds time), target ≤ 2.5× (the median
over pages).

The generic fallback (no profile matches) is timed on the pages that take it:
the same portal articles with every class name replaced by a random token
(full-size pages, the profile cannot match) and the hand-made pages of other
templates (``tests/fixtures/templates``, ``tests/fixtures/pages``); target
≤ 10 ms per page.
It also scores the extracted text against the gold: token F1 over the gold's
paragraph, heading, list and table texts and image captions (whitespace tokens
after :func:`phuly_tui.text.clean_text`); for phuly-tui the same fields of its
result, for trafilatura its plain-text output.

Run with ``python benchmarks/extract.py`` (needs the ``bench`` extra:
``pip install -e '.[bench]'``); ``--repeat N`` sets the runs per page,
``--per-page`` prints every page.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "tests" / "fixtures" / "portal"
BASE = "http://127.0.0.1:8000"

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from phuly_tui.parse import parse_article  # noqa: E402
from phuly_tui.text import clean_text  # noqa: E402


def article_pages() -> list[tuple[str, bytes, dict[str, Any]]]:
    """(url, bytes, gold) for every article page of the copy that has a gold file."""
    files: dict[str, Path] = {}
    for line in (PORTAL / "urls.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            target, name, *_ = line.split("\t")
            files.setdefault(target, PORTAL / "site" / name)
    pages = []
    for path in sorted((PORTAL / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["kind"] == "article":
            pages.append((BASE + gold["url"], files[gold["url"]].read_bytes(), gold))
    return pages


def block_tokens(article: dict[str, Any]) -> list[str]:
    """Tokens of the text-bearing parts of an article's blocks."""
    texts: list[str] = []
    for block in article["blocks"]:
        kind = block["type"]
        if kind in ("paragraph", "heading"):
            texts.append(block["text"])
        elif kind == "list":
            texts.extend(block["items"])
        elif kind == "table":
            texts.extend(cell for row in block["rows"] for cell in row)
        elif kind in ("image", "video") and block.get("caption"):
            texts.append(block["caption"])
    return clean_text(" ".join(texts)).split()


def token_f1(expected: list[str], got: list[str]) -> float:
    common = sum((Counter(expected) & Counter(got)).values())
    if common == 0:
        return 1.0 if not expected and not got else 0.0
    precision, recall = common / len(got), common / len(expected)
    return 2 * precision * recall / (precision + recall)


def fallback_pages() -> list[tuple[str, str, bytes]]:
    """(group, url, bytes) of pages only the generic fallback reads."""
    from tests.unit.test_parse_fallback import rename_classes

    pages = [
        ("portal, classes renamed", url, rename_classes(data.decode("utf-8"), 1).encode("utf-8"))
        for url, data, _gold in article_pages()
    ]
    for path in sorted((ROOT / "tests" / "fixtures" / "templates").glob("*.html")):
        pages.append(("other templates", f"{BASE}/{path.stem}", path.read_bytes()))
    for name in ("older_master_table",):
        path = ROOT / "tests" / "fixtures" / "pages" / f"{name}.html"
        pages.append(("other templates", f"{BASE}/{name}", path.read_bytes()))
    return pages


def time_once(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per page (default 15)")
    parser.add_argument("--per-page", action="store_true", help="print every page")
    args = parser.parse_args()
    try:
        import trafilatura
    except ImportError:
        print("trafilatura is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2

    pages = article_pages()
    from selectolax.lexbor import LexborHTMLParser

    ours_ms: list[float] = []
    theirs_ms: list[float] = []
    bare_ms: list[float] = []
    ours_f1: list[float] = []
    ratios: list[float] = []
    theirs_f1: list[float] = []
    for url, data, gold in pages:
        ours_result = parse_article(data, url).to_dict()  # warm-up and result
        theirs_text = trafilatura.extract(data) or ""
        ours_runs: list[float] = []
        bare_runs: list[float] = []
        for _ in range(args.repeat):  # interleaved: load on the machine hits both alike
            ours_runs.append(time_once(lambda: parse_article(data, url).to_dict()))  # noqa: B023
            bare_runs.append(time_once(lambda: LexborHTMLParser(data)))  # noqa: B023
        ratios.append(min(ours_runs) / min(bare_runs))
        theirs_runs = [
            time_once(lambda: trafilatura.extract(data))  # noqa: B023
            for _ in range(args.repeat)
        ]
        bare_ms.append(statistics.median(bare_runs))
        ours_ms.append(statistics.median(ours_runs))
        theirs_ms.append(statistics.median(theirs_runs))
        expected = block_tokens(gold)
        ours_f1.append(token_f1(expected, block_tokens(ours_result)))
        theirs_f1.append(token_f1(expected, clean_text(theirs_text).split()))
        if args.per_page:
            print(
                f"{url[len(BASE) :][:60]:60}  {ours_ms[-1]:7.3f} ms  {theirs_ms[-1]:7.2f} ms"
                f"  F1 {ours_f1[-1]:.3f} / {theirs_f1[-1]:.3f}"
            )
    ours_median = statistics.median(ours_ms)
    theirs_median = statistics.median(theirs_ms)
    sizes = sorted(len(data) for _, data, _ in pages)
    print(
        f"{len(pages)} article pages, {sizes[0] // 1024}–{sizes[-1] // 1024} KB"
        f" (median {statistics.median(sizes) / 1024:.0f} KB), {args.repeat} runs per page,"
        f" trafilatura {trafilatura.__version__}\n"
    )
    print("| extractor | median ms / page | speed | text F1 (mean) | text F1 (min) |")
    print("|---|---:|---:|---:|---:|")
    speed = theirs_median / ours_median
    print(
        f"| phuly-tui `parse_article(...).to_dict()` | {ours_median:.3f} | {speed:.0f}× |"
        f" {statistics.mean(ours_f1):.3f} | {min(ours_f1):.3f} |"
    )
    print(
        f"| `trafilatura.extract` | {theirs_median:.2f} | 1× |"
        f" {statistics.mean(theirs_f1):.3f} | {min(theirs_f1):.3f} |"
    )
    bare_median = statistics.median(bare_ms)
    print(
        f"| (baseline: bare `LexborHTMLParser(bytes)`) | {bare_median:.3f} |"
        f" {theirs_median / bare_median:.0f}× | — | — |"
    )
    print(
        f"\nprofile path ÷ bare parse of the same bytes (per page, fastest of the"
        f" interleaved runs): median {statistics.median(ratios):.2f}, max {max(ratios):.2f}"
        f" (ratio of the medians above: {ours_median / bare_median:.2f}); target ≤ 2.5"
    )
    print_fallback(args.repeat)
    return 0


def print_fallback(repeat: int) -> None:
    """Per-page time of pages that only the generic fallback reads."""
    from phuly_tui.parse import explain_article

    groups: dict[str, list[float]] = {}
    sizes: dict[str, list[int]] = {}
    for group, url, data in fallback_pages():
        _article, provenance = explain_article(data, url)  # warm-up; and a check
        if any(p.rule.startswith("profile:") for p in provenance):
            raise SystemExit(f"{url}: a profile matched; not a fallback page")
        runs = [
            time_once(lambda: parse_article(data, url).to_dict())  # noqa: B023
            for _ in range(repeat)
        ]
        groups.setdefault(group, []).append(min(runs))
        sizes.setdefault(group, []).append(len(data))
    print("\n| fallback pages (fastest of the runs per page) | pages | size | median ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for group, times in groups.items():
        kb = sorted(sizes[group])
        print(
            f"| {group} | {len(times)} | {kb[0] // 1024}–{kb[-1] // 1024} KB |"
            f" {statistics.median(times):.2f} | {max(times):.2f} |"
        )
    print("target: ≤ 10 ms per page")


if __name__ == "__main__":
    raise SystemExit(main())
