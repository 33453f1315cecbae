"""Markdown's syntax, and a table as lines of text, for the renderers of an
article (:mod:`.article`) and of a document (:mod:`.document`).

Page text is only ever data: :func:`md_escape` escapes what Markdown would
interpret, and :func:`table_lines` gives a table as Markdown's pipe table or as
plain columns (``export`` and ``--plain``; the terminal's boxed table is
:mod:`.table`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from ..model import Table

__all__ = ["md_escape", "table_lines"]

# Only what would otherwise become Markdown: backslashes, code, emphasis ("_" only
# at a word's edge — CommonMark never reads it inside a word, file names!), "<"
# (HTML, autolinks), "&" before an entity name, and a "]" that would close a link,
# an image or a reference definition ("](", "][", "]:").  A lone "[Ảnh 1/2: …]"
# is no syntax and stays as written; "[x](javascript:…)" can never become a link.
_MD_SPECIAL: Final = re.compile(r"([\\`*<~]|(?<!\w)_|_(?!\w)|&(?=#?\w+;)|\](?=[(\[:]))")
_MD_LINE_START: Final = re.compile(r"^(\s*)([#>+\-=|]|\d+[.)])", re.MULTILINE)


def md_escape(text: str) -> str:
    """Escape what Markdown would read as syntax (and nothing else)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def table_lines(table: Table, *, markdown: bool) -> Iterator[str]:
    """``table`` as lines of text: a Markdown pipe table (cells escaped, ``|``
    too) or, for plain text, columns padded to their widest cell with a rule
    under the header row.  Short rows are padded with empty cells; an empty
    table gives no line.  The article's and the document's renderers share it.
    """
    if not table.rows:
        return
    columns = max(len(row) for row in table.rows)
    rows = [list(row) + [""] * (columns - len(row)) for row in table.rows]
    if markdown:
        for n, row in enumerate(rows):
            yield "| " + " | ".join(md_escape(c).replace("|", "\\|") for c in row) + " |"
            if n == 0:
                yield "|" + "---|" * columns
        return
    widths = [max(len(row[c]) for row in rows) for c in range(columns)]
    for n, row in enumerate(rows):
        yield "  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip()
        if n == 0:
            yield "  ".join("-" * w for w in widths)
