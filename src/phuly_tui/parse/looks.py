"""What an element looks like, and what its class and id say of it.

The generic extractor reads a page as a person sees it: a line wholly in bold
under the title is a lead, a short italic or centred line under a picture is
its caption, a box whose class says ``sapo`` or ``caption`` is one.  These are
the questions, each on one element and what is under it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import Final

from selectolax.lexbor import LexborNode

from .blocks import BOLD_STYLE, ITALIC_STYLE, ITALIC_TAGS
from .dom import attr, hint_tokens, iter_elements

__all__ = [
    "hint_words",
    "hinted",
    "is_centred",
    "is_wholly_bold",
    "is_wholly_italic",
]

_BOLD_TAGS: Final = frozenset({"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6"})
_CENTRE_STYLE: Final = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)


def hint_words(node: LexborNode) -> set[str]:
    """:func:`~.dom.hint_tokens`, plus each pair of neighbours joined (``TrichYeu`` →
    trich, yeu, trichyeu)."""
    tokens = hint_tokens(node)
    return set(tokens) | {a + b for a, b in pairwise(tokens)}


def hinted(node: LexborNode, words: frozenset[str], stop: LexborNode | None, levels: int) -> bool:
    """True when ``node`` or one of its ``levels`` nearest ancestors (below ``stop``)
    has a class/id word in ``words``."""
    current: LexborNode | None = node
    for _ in range(levels + 1):
        if current is None or (stop is not None and current.mem_id == stop.mem_id):
            return False
        if hint_words(current) & words:
            return True
        current = current.parent
    return False


def is_wholly_bold(node: LexborNode) -> bool:
    """True when every visible letter under ``node`` is bold (``b``/``strong``/a bold
    style on it or between it and the text)."""
    return _wholly(node, _bold_itself)


def is_wholly_italic(node: LexborNode) -> bool:
    """True when every visible letter under ``node`` is italic (``em``/``i``/an italic
    style on it or between it and the text): a caption's look."""
    return _wholly(node, _italic_itself)


def _wholly(node: LexborNode, marked: Callable[[LexborNode], bool]) -> bool:
    if marked(node):
        return True
    seen_text = False
    for text_node in iter_elements(node, include_text=True):
        if text_node.tag != "-text" or not (text_node.text_content or "").strip():
            continue
        seen_text = True
        current = text_node.parent
        while current is not None and current.mem_id != node.mem_id:
            if marked(current):
                break
            current = current.parent
        else:
            return False
    return seen_text


def _bold_itself(node: LexborNode) -> bool:
    if node.tag in _BOLD_TAGS:
        return True
    style = attr(node, "style")
    return style is not None and BOLD_STYLE.search(style) is not None


def _italic_itself(node: LexborNode) -> bool:
    if node.tag in ITALIC_TAGS:
        return True
    style = attr(node, "style")
    return style is not None and ITALIC_STYLE.search(style) is not None


def is_centred(node: LexborNode) -> bool:
    """True when ``node`` itself centres its text (``<center>``, ``align``, a style)."""
    if node.tag == "center" or (attr(node, "align") or "").strip().lower() == "center":
        return True
    style = attr(node, "style")
    return style is not None and _CENTRE_STYLE.search(style) is not None
