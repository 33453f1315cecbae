"""Greedy word wrap by terminal cells, for long lists of one-line texts.

The article list, the reader and the table layout need the height of every
item, paragraph or table cell (the scrollbar spans all of them) but draw only
the few on screen.  Rich's ``Text.wrap`` would do, at ~40 µs a title;
:func:`line_starts` gives the same kind of breaks from the plain string at a
tenth of that, and the visible items are drawn by cutting their ``Text`` at
exactly these offsets — so heights and drawn lines always agree.
"""

from __future__ import annotations

import re
from typing import Final

from rich.cells import cell_len, get_character_cell_size

__all__ = ["cell_width", "line_starts"]

_WORD: Final = re.compile(r"\S+")
#: text made only of characters one cell wide (ASCII, Latin with Vietnamese letters,
#: Greek, Cyrillic, general punctuation): its width is its length
_ONE_CELL_EACH: Final = re.compile(
    "[\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1fff\u2010-\u2027\u2030-\u205e]*"
)


def cell_width(text: str) -> int:
    """Terminal cells of one line of text: Rich's ``cell_len``, fast for Vietnamese.

    Rich measures a string it has not cached character by character (~1 µs a
    character); a table of 20,000 rows has 80,000 such strings.
    """
    if _ONE_CELL_EACH.fullmatch(text):
        return len(text)
    return cell_len(text)


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
    if len(text) <= width and _ONE_CELL_EACH.fullmatch(text):
        return [0]  # fits as it is (most cells, list items and titles)
    # one cell per character (all Vietnamese text): lengths are widths
    measure = len if _ONE_CELL_EACH.fullmatch(text) else cell_len
    starts = [0]
    used = 0  # cells of the current line, up to the end of its last word
    previous_end = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = measure(match.group())
        if used:
            gap = start - previous_end if measure is len else cell_len(text[previous_end:start])
            if used + gap + word <= width:
                used += gap + word
                previous_end = end
                continue
            starts.append(start)  # the word begins the next line
        elif start:
            word += measure(text[:start])  # leading spaces of the first line
            start = 0
        while word > width:  # a word wider than the line: cut it
            start += _fitting(text[start:end], width)
            starts.append(start)
            word = cell_len(text[start:end])
        used = word
        previous_end = end
    return starts
