"""Putting an article together from what a reading path found.

The site profile's path, the generic fallback and the list-item form each find
a body, a lead and a byline their own way; these steps are the same for all:
the body's closing byline is the author (never a block), the lead is not
repeated as the body's first paragraph, and every field found is noted for
``--explain``.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from ..model import Attachment, Block, Paragraph, RelatedLink
from .blocks import BodyResult, byline_author, split_byline
from .dom import text_of
from .meaning import ATTACHMENT_LABELS, RELATED_LABELS, attachment_links, find_labelled
from .meaning import related_links as read_related
from .provenance import Trace

__all__ = [
    "author_from_node",
    "block_excerpt",
    "finish_blocks",
    "labelled_attachments",
    "labelled_related",
    "note",
]


def block_excerpt(blocks: list[Block]) -> str:
    """What ``--explain`` shows of a body: its first paragraph, else how many blocks."""
    for block in blocks:
        if isinstance(block, Paragraph):
            return block.text
    return f"{len(blocks)} blocks"


def note(trace: Trace | None, field_name: str, rule: str, excerpt: str | None) -> None:
    """Record which rule found ``field_name`` (nothing when no one asked)."""
    if trace is not None:
        trace.add(field_name, rule, excerpt)


def finish_blocks(
    result: BodyResult, lead: str | None, trace: Trace | None
) -> tuple[list[Block], str | None]:
    """The body's blocks without its closing byline and without the lead repeated
    as its first paragraph, and the author that byline names."""
    blocks, author, how = split_byline(result)
    if author is not None:
        note(trace, "author", how or "meaning:byline", author)
    if lead and blocks and isinstance(blocks[0], Paragraph) and blocks[0].text == lead:
        blocks = blocks[1:]
        if trace is not None:
            trace.shift_blocks(-1)
    return blocks, author


def author_from_node(node: LexborNode | None) -> str | None:
    """The author a byline element names ("Tin, ảnh: …" without its label), or its
    whole text when short enough to be a name."""
    if node is None:
        return None
    text = text_of(node)
    if not text:
        return None
    author = byline_author(text)
    if author is not None:
        return author
    return text if len(text) <= 60 else None


def labelled_related(
    region: LexborNode, url: str, trace: Trace | None
) -> tuple[list[RelatedLink], list[int]]:
    """The related news of the first block under ``region`` headed "Tin liên quan" (or
    the like) that holds any, and the ids of its heading and links block."""
    for block in find_labelled(region, RELATED_LABELS):
        items = read_related(block.container, url)
        if items:
            note(trace, "related", f"meaning:heading '{block.heading_text}'", items[0].title)
            return items, [block.heading.mem_id, block.container.mem_id]
    return [], []


def labelled_attachments(
    region: LexborNode, url: str, trace: Trace | None
) -> tuple[list[Attachment], list[int]]:
    """The files of the first block under ``region`` headed "Tải về", "Tệp đính kèm"
    (or the like) that holds any, and the ids of its heading and links block."""
    for block in find_labelled(region, ATTACHMENT_LABELS):
        items = attachment_links(block.container, url)
        if items:
            note(trace, "attachments", f"meaning:heading '{block.heading_text}'", items[0].title)
            return items, [block.heading.mem_id, block.container.mem_id]
    return [], []
