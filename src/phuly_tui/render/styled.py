"""A rendered block as a Rich ``Text``: the one look of the reader and of ``phuly-tui read``.

Both draw :func:`~.blocks.article_blocks` through :func:`block_text`, so a
caption, a date or the meta line look the same in the app and on the command
line (they did not: images were cyan in one and italic in the other, the
related articles bold in one only).  The text is appended as plain strings —
page text never becomes markup — and the styles come from :data:`.styles.STYLES`.

The reader passes ``draw`` to make each piece of page text safe for its screen
(emoji sequences drawn as their parts); it is applied piece by piece, between
the styled spans, so the spans stay on the right words whatever ``draw`` removes.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from .blocks import RenderedBlock, Role
from .styles import STYLES

__all__ = ["block_text"]


def _same(text: str) -> str:
    return text


def block_text(
    block: RenderedBlock,
    *,
    draw: Callable[[str], str] = _same,
    link_numbers: bool = False,
    end: str = "\n",
) -> Text:
    """``block`` as one styled ``Text`` (a table, a rule: not text, see the callers).

    Args:
        block: Any block but ``table`` and ``rule``.
        draw: Turns a piece of the block's text into what is drawn.
        link_numbers: Number the links like w3m (``text[1]``): the reader's
            keys open them by number.  Without, a video's and an attachment's
            address is written out instead (the CLI).
        end: The ``Text``'s end (the reader's line pieces have none).
    """
    kind = block.kind
    text = Text(style=STYLES[block.role], end=end)
    if kind == "attachment":
        text.append(f"[{block.label or '?'}] ", STYLES["file_type"])
        text.append(draw(block.text))
        if not link_numbers:  # the reader lists them under `a`
            text.append(" — ")
            text.append(block.url, f"{STYLES['source']} {STYLES['address']}")
    elif kind == "related":
        text.append(f"{block.number}. ", STYLES["number"])
        text.append(draw(block.text))
        if block.label:
            text.append(f" ({block.label})", STYLES["date"])
    elif kind == "list_item":
        text.append((f"{block.number}. " if block.number else "• ") + draw(block.text))
    elif kind == "video":
        text.append(draw(block.text))
        if link_numbers:
            text.append(f"[{block.number}]", STYLES["link_number"])
        elif block.url not in block.text:
            text.append(" ")
            text.append(block.url, f"{STYLES['source']} {STYLES['address']}")
    elif kind == "paragraph" and link_numbers and block.links:
        _paragraph(text, block, draw)
    else:
        spans = block.spans
        if kind == "source" and block.url:
            start = block.text.find(block.url)
            if start >= 0:
                spans = ((start, start + len(block.url), "address"),)
        _spanned(text, block.text, spans, draw)
    return text


def _spanned(
    text: Text, value: str, spans: tuple[tuple[int, int, Role], ...], draw: Callable[[str], str]
) -> None:
    cursor = 0
    for start, end, role in spans:
        text.append(draw(value[cursor:start]))
        text.append(draw(value[start:end]), STYLES[role])
        cursor = end
    text.append(draw(value[cursor:]))


def _paragraph(text: Text, block: RenderedBlock, draw: Callable[[str], str]) -> None:
    """Each inline link underlined and followed by its number; a link whose words
    the paragraph does not contain gets its number at the end."""
    value = block.text
    cursor = 0
    for span in block.links:
        if span.start < 0:
            continue
        text.append(draw(value[cursor : span.start]))
        text.append(draw(value[span.start : span.end]), STYLES["link"])
        text.append(f"[{span.number}]", STYLES["link_number"])
        cursor = span.end
    text.append(draw(value[cursor:]))
    for span in block.links:
        if span.start < 0:
            text.append(f" [{span.number}]", STYLES["link_number"])
