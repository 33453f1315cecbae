"""A guard against pathologically nested markup, applied before parsing.

Tens of thousands of nested ``<div>`` make lexbor's tree building quadratic
(seconds for 50,000 levels) and any walk over ancestors slow.  No real page
nests more than a few dozen levels, so for large inputs we drop the start and
end tags that sit deeper than :data:`MAX_DEPTH` (their text stays, flattened
into the enclosing element).  Void elements and elements whose end tag is
optional (``p``, ``li``, ``td``…) are not counted: pages often leave them open.
Script, style and comment contents are skipped by the scan.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["MAX_DEPTH", "limit_nesting"]

MAX_DEPTH: Final = 256
#: below this size a page cannot nest deep enough to matter; skip the scan
SCAN_FROM_BYTES: Final = 192 * 1024
_NOT_COUNTED: Final[frozenset[bytes]] = frozenset(
    b"area base br col embed hr img input link meta param source track wbr "
    b"p li dt dd tr td th thead tbody tfoot option optgroup rb rt rp colgroup caption "
    b"html head body".split()
)
#: tags not counted are skipped by the pattern itself (a lookahead), so the loop
#: below sees only the few that matter: a 20,000-row table is 100,000 ``tr``/``td``
#: tags, and a Python step for each cost more than parsing the page
_LONGEST_FIRST: Final[list[bytes]] = sorted(_NOT_COUNTED, key=len, reverse=True)
_SKIPPED: Final = b"|".join(_LONGEST_FIRST)
_TAGS: Final = re.compile(
    rb"<!--.*?(?:-->|\Z)|<(script|style|textarea|title)\b.*?(?:</\1\s*>|\Z)"
    rb"|<(/?)(?!(?:" + _SKIPPED + rb")(?![A-Za-z0-9:-]))([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>",
    re.DOTALL | re.IGNORECASE,
)


def limit_nesting(data: bytes) -> bytes:
    """``data`` with tags nested deeper than :data:`MAX_DEPTH` removed (large inputs only)."""
    if len(data) < SCAN_FROM_BYTES:
        return data
    depth = 0
    pieces: list[bytes] = []
    last = 0
    for match in _TAGS.finditer(data):
        name = match[3]
        if name is None:
            continue
        lowered = name.lower()
        if lowered in _NOT_COUNTED or match[4]:
            continue
        if match[2]:  # end tag
            drop = depth > MAX_DEPTH
            depth = max(0, depth - 1)
        else:
            depth += 1
            drop = depth > MAX_DEPTH
        if drop:
            pieces.append(data[last : match.start()])
            last = match.end()
    if not pieces:
        return data
    pieces.append(data[last:])
    return b"".join(pieces)
