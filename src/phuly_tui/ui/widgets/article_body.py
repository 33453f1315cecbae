"""The reader's article body: measured whole, drawn only where it is on screen.

A line-API widget inside the reader's scrolling container.  It keeps the
article as *pieces* — one line of source text (a paragraph, a list item, the
title…), a rule, or a table — and, at the current width, only each piece's
height.  Textual asks a widget for the lines inside the visible region only, so
a 20,000-row table costs the rows on screen when drawn, not 20,000 rows of
layout: a ``Static`` holding the whole article rendered every line of it on
each layout (about 20 s for such a table, with every key waiting).

Heights come from :func:`~phuly_tui.render.wrapping.line_starts` (paragraphs)
and :class:`~phuly_tui.render.table.TableLayout` (tables), and lines are drawn
by cutting the ``Text`` at exactly those offsets — so what was measured is what
is drawn.  Measuring is linear and cheap (a table whose columns fit costs one
``cell_len`` per cell, once); for a big article the reader measures in a
thread before handing the pieces over (:func:`measure_pieces`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from ...render.wrapping import line_starts
from ...values import Value

if TYPE_CHECKING:
    from ...render.table import TableLayout

__all__ = ["ArticleBody", "Measured", "Piece", "RulePiece", "TablePiece", "measure_pieces"]

#: drawn lines kept (a screenful is ~20–45; scrolling back should not redraw)
_CACHE_SIZE = 512
RULE_STYLE = "dim"


class RulePiece:
    """A horizontal rule across the body (under the lead)."""


@dataclass(eq=False)
class TablePiece:
    """A table: its rows as shown (made safe for the screen), laid out per width.

    Layouts are kept per width and never changed once made, so a thread can lay
    the table out at a new width while the old layout is still drawn.
    """

    rows: list[list[str]]
    layouts: dict[int, TableLayout] = field(default_factory=dict, repr=False)

    def laid_out(self, width: int) -> TableLayout:
        layouts = self.layouts  # replaced, never changed in place: safe across threads
        layout = layouts.get(width)
        if layout is None:
            known = next(iter(layouts.values()), None)
            if known is None:  # imported with the first table: most articles have none
                from ...render.table import TableLayout

                layout = TableLayout(self.rows, width)
            else:
                layout = known.at_width(width)
            kept = list(layouts.items())[-2:]
            self.layouts = {**dict(kept), width: layout}
        return layout

    @property
    def plain(self) -> str:
        return "\n".join(" ".join(cell for cell in row if cell) for row in self.rows)


Piece = Text | RulePiece | TablePiece


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Measured(Value):
    """Heights of ``pieces`` at ``width``, and the first line of each."""

    width: int
    heights: list[int]
    tops: list[int]
    total: int


def _height(piece: Piece, width: int) -> int:
    if isinstance(piece, Text):
        return len(line_starts(piece.plain, width))
    if isinstance(piece, TablePiece):
        return piece.laid_out(width).height
    return 1


def measure_pieces(pieces: Sequence[Piece], width: int) -> Measured:
    """Heights of every piece at ``width`` (no Textual: safe in a thread)."""
    width = max(1, width)
    heights = [_height(piece, width) for piece in pieces]
    tops, total = [], 0
    for height in heights:
        tops.append(total)
        total += height
    return Measured(width, heights, tops, total)


class ArticleBody(Widget):
    """The pieces of one article, drawn lazily (see the module docstring)."""

    DEFAULT_CSS = """
    ArticleBody {
        width: 100%;
        height: auto;
    }
    """

    def __init__(self, pieces: Sequence[Piece] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pieces: list[Piece] = list(pieces)
        self._measured: Measured | None = None
        #: measure a new width in a thread (a big article), showing the old one meanwhile
        self.big = False
        self._measuring: int | None = None
        self._drawn: dict[tuple[int, Style], Strip] = {}
        #: lines turned into strips since the pieces were set (tests check it is
        #: bounded by the screen, not by the article)
        self.lines_drawn = 0

    def set_pieces(
        self, pieces: Sequence[Piece], measured: Measured | None = None, *, big: bool = False
    ) -> None:
        """Show ``pieces``; ``measured`` may come from a thread, at the current width."""
        self.pieces = list(pieces)
        self._measured = measured
        self.big = big
        self._measuring = None
        self._drawn.clear()
        self.lines_drawn = 0
        self.refresh(layout=True)

    def redraw(self) -> None:
        """The pieces' styles changed (find highlights): draw again, same layout."""
        self._drawn.clear()
        self.refresh()

    # -- layout ---------------------------------------------------------------------
    def measured(self, width: int) -> Measured:
        """The layout at ``width``; for a big article, the last one until a thread has
        measured the new width (a resize, a scroll bar that appears)."""
        width = max(1, width)
        measured = self._measured
        if measured is not None and measured.width == width:
            return measured
        if measured is not None and self.big:
            if self._measuring != width:
                self._measuring = width
                self._measure_in_thread(self.pieces, width)
            return measured
        measured = self._measured = measure_pieces(self.pieces, width)
        self._drawn.clear()
        return measured

    def _measure_in_thread(self, pieces: list[Piece], width: int) -> None:
        def measure() -> None:
            measured = measure_pieces(pieces, width)
            self.app.call_from_thread(self._remeasured, pieces, measured)

        self.run_worker(measure, thread=True, exclusive=True, group="article-measure")

    def _remeasured(self, pieces: list[Piece], measured: Measured) -> None:
        if pieces is not self.pieces or self._measuring != measured.width:
            return  # other pieces, or another width, since
        self._measured, self._measuring = measured, None
        self._drawn.clear()
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.measured(width).total

    def line_of(self, index: int, offset: int = 0) -> int:
        """The content line showing character ``offset`` of piece ``index``."""
        measured = self.measured(self.content_region.width or self._fallback_width())
        top = measured.tops[index]
        piece = self.pieces[index]
        if isinstance(piece, Text) and offset:
            return top + bisect_right(line_starts(piece.plain, measured.width), offset) - 1
        return top

    def _fallback_width(self) -> int:
        return self._measured.width if self._measured is not None else 80

    # -- drawing --------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.content_region.width or self._fallback_width()
        measured = self.measured(width)
        base = self.rich_style
        if not 0 <= y < measured.total:
            return Strip.blank(width, base)
        key = (y, base)
        strip = self._drawn.get(key)
        if strip is None:
            if len(self._drawn) >= _CACHE_SIZE:
                self._drawn.clear()
            index = bisect_right(measured.tops, y) - 1
            line = y - measured.tops[index]
            strip = self._draw(self.pieces[index], line, measured.width, base)
            self._drawn[key] = strip
            self.lines_drawn += 1
        return strip.adjust_cell_length(width, base) if strip.cell_length != width else strip

    def _draw(self, piece: Piece, line: int, width: int, base: Style) -> Strip:
        console = self.app.console
        if isinstance(piece, TablePiece):
            return self._strip(piece.laid_out(width).text_line(line), width, base)
        if isinstance(piece, RulePiece):
            style = base + console.get_style(RULE_STYLE)
            return Strip([Segment("─" * width, style)], width)
        starts = line_starts(piece.plain, width)
        if line >= len(starts):
            return Strip.blank(width, base)
        end = starts[line + 1] if line + 1 < len(starts) else len(piece.plain)
        return self._strip(piece[starts[line] : end], width, base)

    def _strip(self, line: Text, width: int, base: Style) -> Strip:
        line.rstrip()
        console = self.app.console
        style = base + console.get_style(line.style) if line.style else base
        segments = [
            Segment(segment.text, style + segment.style if segment.style else style)
            for segment in line.render(console)
        ]
        return Strip(segments).adjust_cell_length(width, base)
