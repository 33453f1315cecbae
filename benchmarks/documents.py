"""Documents benchmark: text of a 3-page PDF (target ≤ 25 ms) and the first screen of a
100-page PDF read page by page (target ≤ 100 ms), beside ``pdftotext`` when installed.

* **3-page PDF** — the portal copy's ``NQ-HDND-ky-hop-giua-nam-2024.pdf`` (a word
  processor's PDF, Vietnamese, embedded fonts): ``read_document(bytes, url)`` whole —
  PDFium loads it, every page's lines are read with their geometry, reflowed into
  paragraphs, and the number, type, date, issuer, subject and citations are read.
* **100-page PDF** — made here: the 3-page document's text repeated over 100 pages
  (``fpdf2`` with DejaVu Sans when installed, as a word processor would write it;
  otherwise a plain Helvetica PDF).  "First screen" is the time from the bytes to the
  first page's blocks from ``read_pdf_pages`` (what the reader shows while the rest is
  read); the whole document is timed too.
* ``pdftotext`` (poppler-utils), the same files, whole and first page only, as a
  process (its start included: that is what a user of it waits for).

    python benchmarks/documents.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from phuly_tui.documents import read_document, read_pdf_pages

ROOT = Path(__file__).resolve().parent.parent
NQ = ROOT / "tests/fixtures/portal/site/Documents/2024/07/NQ-HDND-ky-hop-giua-nam-2024.pdf"
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def hundred_pages() -> bytes:
    """A 100-page document: the NQ's text as paragraphs, over and over."""
    document = read_document(NQ.read_bytes(), "/nq.pdf")
    paragraphs = [b.text for b in document.blocks]
    try:
        from fpdf import FPDF
    except ImportError:
        sys.path.insert(0, str(ROOT))
        from tests.support.documents import make_pdf, text_page

        lines = [p.encode("ascii", "replace").decode()[:90] for p in paragraphs]
        return make_pdf([text_page(*lines) for _ in range(100)])
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", "", 11)
    pdf.set_margins(25, 20, 20)
    pdf.add_page()
    while pdf.pages_count < 100:
        for text in paragraphs:
            pdf.multi_cell(0, 6, text, align="J", new_x="LMARGIN", new_y="NEXT")
            if pdf.pages_count >= 100 and pdf.get_y() > 250:
                break
    return bytes(pdf.output())[: 10**9]


def median_ms(work: Callable[[], object], repeat: int) -> float:
    work()  # warm: PDFium loaded, caches filled
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def first_page(data: bytes) -> None:
    pages = read_pdf_pages(data, "/x.pdf")
    next(pages)
    pages.close()


def pdftotext(path: Path, *extra: str) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run(
            ["pdftotext", *extra, str(path), "-"], capture_output=True, check=True
        )

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    three = NQ.read_bytes()
    hundred = hundred_pages()
    pages = read_document(hundred, "/x.pdf").pages
    rows = [
        (
            "3-page PDF, whole text",
            median_ms(lambda: read_document(three, "/nq.pdf"), args.repeat),
            25.0,
        ),
        (
            f"{pages}-page PDF, first screen (page 1)",
            median_ms(lambda: first_page(hundred), args.repeat),
            100.0,
        ),
        (
            f"{pages}-page PDF, whole text",
            median_ms(lambda: read_document(hundred, "/x.pdf"), max(3, args.repeat // 3)),
            None,
        ),
    ]
    tool = shutil.which("pdftotext")
    other: list[float | None] = [None, None, None]
    if tool:
        with tempfile.TemporaryDirectory() as folder:
            big = Path(folder) / "hundred.pdf"
            big.write_bytes(hundred)
            other = [
                median_ms(pdftotext(NQ), args.repeat),
                median_ms(pdftotext(big, "-f", "1", "-l", "1"), args.repeat),
                median_ms(pdftotext(big), max(3, args.repeat // 3)),
            ]
    print("| measure | phuly-tui (pypdfium2) median ms | target | pdftotext median ms |")
    print("|---|---:|---|---:|")
    for (name, ms, target), theirs in zip(rows, other, strict=True):
        goal = f"≤ {target:g} ms — {'met' if ms <= target else 'MISSED'}" if target else ""
        shown = f"{theirs:.1f}" if theirs is not None else "not installed"
        print(f"| {name} | {ms:.1f} | {goal} | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
