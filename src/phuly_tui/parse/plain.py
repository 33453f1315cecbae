"""A page's visible text, line structure kept: what the reader shows when extraction fails."""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborHTMLParser

from ..text import safe_terminal_text
from .dom import iter_elements
from .fallback import prune

__all__ = ["plain_text"]

_LINE_TAGS: Final = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
     "section", "article", "blockquote", "pre", "dt", "dd", "figcaption", "hr", "td", "th"}
)  # fmt: skip
_BLANK_LINES: Final = re.compile(r"\n{3,}")


def plain_text(doc: LexborHTMLParser) -> str:
    """Visible text of ``doc``: one line per block, hostile characters stripped."""
    prune(doc)
    root = doc.body or doc.root
    if root is None:
        return ""
    parts: list[str] = []
    for node in iter_elements(root, include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in _LINE_TAGS:
            parts.append("\n")
    return _BLANK_LINES.sub("\n\n", safe_terminal_text("".join(parts)))
