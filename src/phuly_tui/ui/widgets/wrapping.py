"""Greedy word wrap by terminal cells, for long lists of one-line texts.

The article list needs the height of every item (its scrollbar spans all of
them) but draws only the few on screen.  Rich's ``Text.wrap`` would do, at
~40 µs a title; :func:`line_starts` gives the same kind of breaks from the
plain string at a tenth of that, and the list draws the visible items by
cutting their ``Text`` at exactly these offsets — so heights and drawn lines
always agree.
"""

from __future__ import annotations

import re
from typing import Final

from rich.cells import cell_len, get_character_cell_size

__all__ = ["line_starts"]

_WORD: Final = re.compile(r"\S+")


def _fitting(text: str, width: int) -> int:
    """How many characters of ``text`` fit in ``width`` cells (at least one)."""
    used = 0
    for count, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > width:
            return max(1, count)
    return len(text)


def line_starts(text: str, width: int) -> list[int]:
    """Offsets in ``text`` where each wrapped line starts; ``[0]`` for one line.

    Words (runs of non-spaces) are never split unless one alone is wider than
    the line, which is then cut at the width.  The spaces at a break end the
    previous line (callers strip them).  ``text`` is one line: callers clean
    it first (no line breaks, no control characters).
    """
    width = max(1, width)
    starts = [0]
    used = 0  # cells of the current line, up to the end of its last word
    previous_end = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = cell_len(match.group())
        if used:
            gap = cell_len(text[previous_end:start])
            if used + gap + word <= width:
                used += gap + word
                previous_end = end
                continue
            starts.append(start)  # the word begins the next line
        elif start:
            word += cell_len(text[:start])  # leading spaces of the first line
            start = 0
        while word > width:  # a word wider than the line: cut it
            start += _fitting(text[start:end], width)
            starts.append(start)
            word = cell_len(text[start:end])
        used = word
        previous_end = end
    return starts
