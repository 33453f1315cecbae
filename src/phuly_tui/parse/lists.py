"""Lists in an article body: ``<ul>``/``<ol>`` items, and lists pasted from Word.

A list pasted from Microsoft Word is no ``<ul>``: each item is a paragraph whose
style says ``mso-list: l0 level1 lfo1``, its bullet or number drawn in a span
styled ``mso-list: Ignore`` (which Word shows only to browsers, inside
``<![if !supportLists]>``).  Such paragraphs in a row are one list block, its
items without the marker; numbered ("1.", "a)", "IV.") when the first marker is
a number or a letter, else bulleted.  Word's ``<o:p>`` elements, ``class=Mso…``
and conditional comments need nothing: they are inline, classes are not read,
and comments are not text.
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborNode

from ..text import clean_text
from .dom import NON_CONTENT_TAGS, is_hidden, text_of

__all__ = ["is_word_list_item", "list_items", "word_list_item"]

#: a paragraph Word made a list item of: "mso-list: l0 level1 lfo1" in its style
_WORD_LIST_ITEM: Final = re.compile(r"mso-list\s*:\s*l\d", re.IGNORECASE)
#: the span holding a Word list item's bullet or number
_WORD_MARKER: Final = 'span[style*="mso-list" i][style*="ignore" i]'
_NUMBERED_MARKER: Final = re.compile(r"\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]")


def is_word_list_item(attributes: dict[str, str | None]) -> bool:
    """A paragraph's attributes say it is an item of a list pasted from Word."""
    style = attributes.get("style")
    return bool(style) and _WORD_LIST_ITEM.search(style or "") is not None


def word_list_item(node: LexborNode) -> tuple[str, bool] | None:
    """(text without its marker, numbered?) of a Word list paragraph; None when empty."""
    marker = node.css_first(_WORD_MARKER)
    mark = text_of(marker) if marker is not None else ""
    text = text_of(node)
    if mark and text.startswith(mark):
        text = text[len(mark) :].strip()
    if not text:
        return None
    return text, _NUMBERED_MARKER.fullmatch(mark) is not None


def _list_entries(list_node: LexborNode) -> list[LexborNode]:
    return [c for c in list_node.iter() if c.tag == "li" and not is_hidden(c)]


def list_items(root: LexborNode, blocks: frozenset[str]) -> list[str]:
    """Item texts of a list; a nested list's items follow their parent item.

    The model's lists are flat, so ``A [A1, A2], B`` reads ``A, A1, A2, B``
    rather than one item "A A1 A2" — wherever the nested list sits inside the
    item (``<li><div>A<ul>…</ul></div></li>`` too).  Block elements and ``<br>``
    inside an item separate words (``<div>a</div><div>lá</div>`` is "a lá",
    never "alá"), as a browser shows them on separate lines.  Iterative: lists
    may nest deeply.
    """
    items: list[str] = []
    stack = [iter(_list_entries(root))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        own, nested = _item_text(entry, blocks)
        text = clean_text("".join(own))
        if text:
            items.append(text)
        stack.extend(iter(_list_entries(n)) for n in reversed(nested))
    return items


def _item_text(entry: LexborNode, blocks: frozenset[str]) -> tuple[list[str], list[LexborNode]]:
    """The text pieces of one ``<li>`` (nested lists left out) and those nested lists."""
    own: list[str] = []
    nested: list[LexborNode] = []
    # (node, False) visits a node; (node, True) closes a block element with a space
    pending: list[tuple[LexborNode, bool]] = [
        (child, False) for child in reversed(list(entry.iter(include_text=True)))
    ]
    while pending:
        node, closing = pending.pop()
        if closing:
            own.append(" ")
            continue
        tag = node.tag
        if tag == "-text":
            own.append(node.text_content or "")
        elif tag in ("ul", "ol"):
            nested.append(node)
            own.append(" ")  # a block: the words around it stay apart
        elif tag == "br":
            own.append(" ")
        elif tag not in NON_CONTENT_TAGS and not is_hidden(node):
            block = tag in blocks
            if block:
                own.append(" ")
                pending.append((node, True))
            pending.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    return own, nested
