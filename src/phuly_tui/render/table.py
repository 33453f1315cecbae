"""A table laid out in terminal cells, line by line, in time linear in its cells.

Official documents carry tables of thousands of rows (lists of households,
budgets).  Rich's ``Table`` measures and renders every cell through its whole
renderable machinery — about half a millisecond a row, 11 s for 20,000 rows —
and can only render the table whole.  :class:`TableLayout` measures each cell
once (``cell_len`` of a one-line string), fits the columns to a width, and
knows every row's height; any line of the table can then be drawn on its own.
So the reader draws only the rows on screen, and the CLI prints a 20,000-row
table in a fraction of a second.

The look is Rich's default table (box ``HEAVY_HEAD``: a heavy frame around the
header row, light lines below, one space of padding, the header in bold), so
nothing changes for the reader of a small table.  A column wider than its share
wraps its cells at word boundaries (:func:`~phuly_tui.render.wrapping.line_starts`),
like Rich's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, Final

from .wrapping import cell_width, line_starts

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.segment import Segment
    from rich.text import Text

__all__ = ["LaidOutTable", "TableLayout"]

#: (left, horizontal, between, right) of each kind of line — Rich's box.HEAVY_HEAD
_TOP: Final = ("┏", "━", "┳", "┓")
_HEADER: Final = ("┃", " ", "┃", "┃")
_HEADER_RULE: Final = ("┡", "━", "╇", "┩")
_BODY: Final = ("│", " ", "│", "│")
_BOTTOM: Final = ("└", "─", "┴", "┘")
_HEADER_BOTTOM: Final = ("┗", "━", "┻", "┛")  # a table of one (header) row
HEADER_STYLE: Final = "bold"


class TableLayout:
    """Rows of one-line cells fitted to a width: heights, and any line on demand.

    Args:
        rows: The table's rows, the first one the header; shorter rows are
            padded with empty cells.  Cells are one line (the model's are).
        width: The cells available, frame included.

    Attributes:
        height: Lines the table takes, frame included.
    """

    def __init__(self, rows: Sequence[Sequence[str]], width: int) -> None:
        columns = max((len(row) for row in rows), default=0)
        self.rows: list[Sequence[str]] = [
            row if len(row) == columns else [*row, *[""] * (columns - len(row))] for row in rows
        ]
        self.columns = columns
        #: cells of each cell's text, measured once
        self.lengths = [[cell_width(cell) for cell in row] for row in self.rows]
        self.natural = [max(column, default=0) for column in zip(*self.lengths, strict=True)]
        self.fit(width)

    # -- measuring ----------------------------------------------------------------
    def fit(self, width: int) -> None:
        """Fit the columns to ``width`` cells and measure every row's height."""
        self.width = width
        self.widths = _share(self.natural, max(0, width - (3 * self.columns + 1)))
        heights: list[int] | None = None
        #: where each wrapped cell's lines start, by (row, column): kept, not redone per line
        self.wrapped: dict[tuple[int, int], list[int]] = {}
        for index, (row, lengths) in enumerate(zip(self.rows, self.lengths, strict=True)):
            tall = 1
            for column, (length, room) in enumerate(zip(lengths, self.widths, strict=True)):
                if length > room:
                    starts = self.wrapped[index, column] = line_starts(row[column], room)
                    tall = max(tall, len(starts))
            if tall > 1:
                if heights is None:
                    heights = [1] * len(self.rows)
                heights[index] = tall
        #: per row, None while every row is one line (the common case: O(1) lookups)
        self.heights = heights
        self._tops = list(accumulate(heights, initial=0)) if heights else None
        body_lines = self._top_of(len(self.rows)) - self._top_of(1) if self.rows else 0
        header_lines = self._top_of(1) if self.rows else 0
        # frame: top, header, rule under the header (when there is a body), bottom
        frame = (3 if body_lines else 2) if self.rows else 0
        self.height = frame + header_lines + body_lines

    def at_width(self, width: int) -> TableLayout:
        """A new layout of the same cells at ``width`` (this one is left as it is, so a
        thread can fit a new width while this one is drawn); cells are not measured again."""
        other = object.__new__(TableLayout)
        other.rows, other.columns = self.rows, self.columns
        other.lengths, other.natural = self.lengths, self.natural
        other.fit(width)
        return other

    def _top_of(self, row: int) -> int:
        """Lines of cell content above ``row`` (frame lines not counted)."""
        return self._tops[row] if self._tops is not None else row

    def _row_height(self, row: int) -> int:
        return self.heights[row] if self.heights is not None else 1

    # -- drawing ------------------------------------------------------------------
    def line(self, number: int) -> tuple[str, bool]:
        """Line ``number`` (0 = the top of the frame) as plain text, and whether it is
        a header line (drawn bold between the frame characters)."""
        if number <= 0:
            return self._frame(_TOP), False
        if number >= self.height - 1:
            return self._frame(_BOTTOM if len(self.rows) > 1 else _HEADER_BOTTOM), False
        content = number - 1
        header_lines = self._row_height(0)
        if content < header_lines:
            return self._cells(0, content, _HEADER), True
        if content == header_lines:
            return self._frame(_HEADER_RULE), False
        content -= 1  # the rule under the header
        row = bisect_right(self._tops, content) - 1 if self._tops is not None else content
        return self._cells(row, content - self._top_of(row), _BODY), False

    def _frame(self, box: tuple[str, str, str, str]) -> str:
        left, across, between, right = box
        return left + between.join(across * (width + 2) for width in self.widths) + right

    def _cells(self, row: int, sub: int, box: tuple[str, str, str, str]) -> str:
        left, _, between, right = box
        parts = []
        cells = zip(self.rows[row], self.lengths[row], self.widths, strict=True)
        for column, (cell, length, room) in enumerate(cells):
            if length <= room:
                piece, used = (cell, length) if sub == 0 else ("", 0)
            else:
                starts = self.wrapped[row, column]
                if sub < len(starts):
                    end = starts[sub + 1] if sub + 1 < len(starts) else len(cell)
                    piece = cell[starts[sub] : end].rstrip()
                else:
                    piece = ""
                used = cell_width(piece)
            parts.append(" " + piece + " " * (max(0, room - used) + 1))
        return left + between.join(parts) + right

    def text_line(self, number: int) -> Text:
        """Line ``number`` as ``Text`` (header cells bold, never markup)."""
        from rich.text import Text

        plain, header = self.line(number)
        text = Text(plain, end="")
        if header:
            text.stylize(HEADER_STYLE, 1, len(plain) - 1)
        return text

    def text_lines(self) -> Iterator[Text]:
        for number in range(self.height):
            yield self.text_line(number)


def _share(natural: list[int], room: int) -> list[int]:
    """Column widths: each its natural width when all fit, else a fair share of ``room``.

    The narrow columns keep their natural width; what is left is split evenly
    between the wide ones (water-filling), at least one cell each.
    """
    if sum(natural) <= room:
        return list(natural)
    widths = list(natural)
    left = len(natural)
    for column in sorted(range(len(natural)), key=natural.__getitem__):
        share = max(1, room // left) if left else 1
        widths[column] = max(1, min(natural[column], share))
        room -= widths[column]
        left -= 1
    return widths


class LaidOutTable:
    """A Rich renderable for a table, laid out at the width it is printed at (the CLI).

    It yields finished lines as segments: a ``Text`` per line would be wrapped
    again by Rich, which costs more than the whole layout.
    """

    def __init__(self, rows: Sequence[Sequence[str]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        layout = TableLayout(self.rows, options.max_width)
        bold = console.get_style(HEADER_STYLE)
        newline = Segment.line()
        for number in range(layout.height):
            plain, header = layout.line(number)
            if header:
                yield Segment(plain[0])
                yield Segment(plain[1:-1], bold)
                yield Segment(plain[-1])
            else:
                yield Segment(plain)
            yield newline
