"""From a PDF page's lines to paragraphs: a PDF's line breaks are not the document's.

A PDF holds positioned lines, nothing more.  :func:`reflow_page` rebuilds the
paragraphs of one page from the lines' geometry and style, the way a reader's
eye does:

* **Columns side by side** — the official header (issuer on the left, the
  national motto and the date on the right) and the signature block (recipients
  on the left, the signer on the right) — are found as rows holding two lines
  that do not overlap horizontally; such a block is read left column first,
  then right, whatever order the producer wrote them in (producers differ), and
  each of its lines is its own paragraph unless the next one continues it in
  lower case.
* **Running text** joins a line to the previous one unless something says a
  new paragraph starts: a change of font size or weight, a list or article
  marker (``1.``, ``a)``, ``-``, ``Điều 2.``, ``Căn cứ``…), a wider gap than
  the line spacing, a first-line indent, or a previous line that stopped short
  although the next line's first word would have fitted on it.
* **Centred lines** (titles) join while the previous one is wide.

Headings are lines in a larger font or in capitals (``KẾ HOẠCH``,
``I. MỤC ĐÍCH, YÊU CẦU``).  Everything here is plain Python on plain numbers
(no PDFium), so it is tested with lines made up in the tests.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from ..text import clean_text
from .model import BlockType, DocumentBlock

__all__ = ["TextLine", "is_heading_text", "reflow_page", "text_margins"]


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of a PDF page in PDF units (y grows upwards).

    Attributes:
        text: the line's text.
        x0, x1: left and right edges.
        bottom, top: lower and upper edges of the glyphs.
        baseline: the baseline's y (or ``bottom`` when unknown).
        size: font size of its first character.
        bold: its first character's font is bold (weight ≥ 600).
    """

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    baseline: float
    size: float
    bold: bool = False

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


#: a line that starts a new paragraph by what it says
_STARTS_PARAGRAPH: Final = re.compile(
    r"""^(?:
        [-–—•+*]\s                                  # - item
      | \d{1,3}(?:\.\d{1,3})*[.)]\s                 # 1.  1.2.  3)
      | [a-zđ][.)]\s                                # a)  b.
      | [IVXLC]{1,6}[.)]\s                          # II.
      | (?:Điều|Chương|Mục|Phần|Phụ\ lục)\s+[\dIVXLC]+  # Điều 2
      | Phụ\ lục\b
      | (?:Căn\ cứ|Xét|Theo\ đề\ nghị|Nơi\ nhận|Kính\ gửi|Thực\ hiện|V/v)\b
    )""",
    re.VERBOSE,
)
_FIRST_WORD: Final = re.compile(r"\S+")


def is_heading_text(text: str) -> bool:
    """Capitals only (at least three letters, at most 200 characters): a heading."""
    if len(text) > 200:
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and not any(c.islower() for c in letters)


def _same_style(a: TextLine, b: TextLine) -> bool:
    return abs(a.size - b.size) <= 0.6 and a.bold == b.bold


def _overlap_vertically(a: TextLine, b: TextLine) -> bool:
    low, high = max(a.bottom, b.bottom), min(a.top, b.top)
    return high - low > 0.4 * min(a.height, b.height)


@dataclass(slots=True)
class _Page:
    left: float
    right: float
    body_size: float

    @property
    def width(self) -> float:
        return max(self.right - self.left, 1.0)

    def centred(self, line: TextLine) -> bool:
        """Clearly centred: room on both sides, the same on each within a few points
        (an indented line of ragged text is seldom that symmetric)."""
        before, after = line.x0 - self.left, self.right - line.x1
        return (
            before > 2 * line.size
            and after > 2 * line.size
            and abs(before - after) < max(3.0, 0.012 * self.width)
        )


def _body_size(lines: Sequence[TextLine]) -> float:
    weights: dict[float, int] = {}
    for line in lines:
        key = round(line.size, 1)
        weights[key] = weights.get(key, 0) + len(line.text)
    return max(weights, key=lambda k: weights[k]) if weights else 12.0


def _rows(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Lines grouped into rows of vertically overlapping lines, top to bottom."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: -ln.top):
        if rows and any(_overlap_vertically(line, other) for other in rows[-1]):
            rows[-1].append(line)
        else:
            rows.append([line])
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
    return rows


def _side_by_side(row: Sequence[TextLine]) -> bool:
    return len(row) >= 2 and all(a.x1 <= b.x0 + 1 for a, b in itertools.pairwise(row))


@dataclass(slots=True)
class _Unit:
    """A run of lines read in order: a column block's column or running text."""

    lines: list[TextLine]
    columns: bool


def _units(lines: Sequence[TextLine]) -> list[_Unit]:
    """Running text and column blocks, in reading order."""
    units: list[_Unit] = []
    rows = _rows(lines)
    flow: list[TextLine] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if not _side_by_side(row):
            flow.extend(row)
            index += 1
            continue
        # a column block: this row, the side-by-side rows after it, and single
        # lines that stay on one side of the split close below the block
        split = (max(ln.x1 for ln in row[:-1]) + row[-1].x0) / 2
        block = list(row)
        last = row
        index += 1
        while index < len(rows):
            nxt = rows[index]
            gap = min(ln.bottom for ln in last) - max(ln.top for ln in nxt)
            height = max(ln.height for ln in nxt)
            one_side = all(ln.x1 <= split + 2 or ln.x0 >= split - 2 for ln in nxt)
            if not one_side or (not _side_by_side(nxt) and gap > 1.2 * height):
                break
            block.extend(nxt)
            last = nxt
            index += 1
        if flow:
            units.append(_Unit(flow, columns=False))
            flow = []
        left = [ln for ln in block if ln.center < split]
        right = [ln for ln in block if ln.center >= split]
        for column in (left, right):
            if column:
                units.append(_Unit(sorted(column, key=lambda ln: -ln.top), columns=True))
    if flow:
        units.append(_Unit(flow, columns=False))
    return units


def _margins(units: Sequence[_Unit]) -> tuple[float, float]:
    """Left and right edges of the running text (a header's columns may stick out)."""
    flow = [ln for unit in units if not unit.columns for ln in unit.lines]
    every = flow or [ln for unit in units for ln in unit.lines]
    return min(ln.x0 for ln in every), max(ln.x1 for ln in every)


def text_margins(lines: Sequence[TextLine]) -> tuple[float, float] | None:
    """The running text's left and right edges on a page (None without text)."""
    kept = [ln for ln in lines if ln.text.strip()]
    return _margins(_units(kept)) if kept else None


def _continues(prev: TextLine, line: TextLine, page: _Page, *, columns: bool) -> bool:
    """True when ``line`` continues the paragraph ``prev`` belongs to."""
    text = line.text
    if not text or not _same_style(prev, line):
        return False
    starts_lower = text[0].islower()
    if columns:
        return starts_lower
    if _STARTS_PARAGRAPH.match(text):
        return False
    pitch = prev.baseline - line.baseline
    if pitch > 1.75 * max(prev.size, line.size) or pitch <= 0:
        return False
    if page.centred(line) or page.centred(prev):
        # a title over several centred lines: the same centre, and the line
        # before was wide (a short centred line is a line of its own)
        same_centre = abs(prev.center - line.center) < 0.03 * page.width
        return same_centre and (starts_lower or prev.width > 0.7 * page.width)
    if line.x0 - prev.x0 > 1.2 * line.size and line.x0 - page.left > 1.2 * line.size:
        return False  # a first-line indent
    # the previous line stopped short: had this line's first word fitted there, the
    # paragraph ended (a word processor fills a line before breaking it)
    room = page.right - prev.x1
    char_width = line.width / max(len(text), 1)
    word = _FIRST_WORD.match(text)
    word_width = char_width * (len(word.group()) + 1 if word else 1)
    if room >= word_width + 0.5 * char_width:
        return False
    # a capital after a line clearly short of the margin starts a new paragraph
    return starts_lower or not text[0].isupper() or room < 1.5 * line.size


def _block_type(lines: Sequence[TextLine], text: str, page: _Page) -> BlockType:
    if lines[0].size >= page.body_size + 1.5 or is_heading_text(text):
        return "heading"
    return "paragraph"


def reflow_page(
    lines: Iterable[TextLine],
    page_no: int | None,
    *,
    margins: tuple[float, float] | None = None,
) -> list[DocumentBlock]:
    """The paragraphs and headings of one page (see the module doc).

    Args:
        lines: the page's lines, any order.
        page_no: the 1-based page number recorded on each block.
        margins: the text's left and right edges across the document (a
            short last page does not show them); default: this page's.
    """
    kept = [ln for ln in lines if ln.text.strip()]
    if not kept:
        return []
    units = _units(kept)
    left, right = margins or _margins(units)
    page = _Page(left, right, _body_size(kept))
    blocks: list[DocumentBlock] = []
    for unit in units:
        group: list[TextLine] = []
        for line in unit.lines:
            if group and not _continues(group[-1], line, page, columns=unit.columns):
                blocks.append(_make_block(group, page, page_no, unit.columns))
                group = []
            group.append(line)
        if group:
            blocks.append(_make_block(group, page, page_no, unit.columns))
    return [block for block in blocks if block.text]


def _make_block(
    group: Sequence[TextLine], page: _Page, page_no: int | None, columns: bool
) -> DocumentBlock:
    text = clean_text(" ".join(line.text for line in group))
    kind: BlockType = "paragraph" if columns else _block_type(group, text, page)
    return DocumentBlock(kind, text, page=page_no)
