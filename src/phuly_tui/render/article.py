"""An article as Markdown, as plain text and as Rich renderables.

All three draw the one sequence of blocks :func:`~.blocks.article_blocks`
makes — the reader draws it too — so what the CLI prints, what ``export``
writes and what the reader shows have the same words; they differ only in
syntax (Markdown, a text layout) and looks (:data:`~.styles.STYLES`).  Page
text is only ever data: Markdown output escapes the characters Markdown would
interpret, Rich output builds ``Text`` objects from plain strings (never
markup), and all of it was cleaned by the parser and again by the walk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from ..model import Article, Table
from .blocks import RenderedBlock, article_blocks, meta_line, source_line
from .markdown import md_escape, table_lines

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = [
    "article_markdown",
    "article_plain",
    "article_rich",
    "meta_line",
    "source_line",
]


def article_markdown(
    article: Article,
    *,
    source_url: str | None = None,
    accessed: date | None = None,
    archived: tuple[str, str] | None = None,
) -> str:
    """Clean Markdown: title, meta, source, lead, body, attachments, related.

    ``source_url`` is the address cited after "Nguồn:" (the portal's own, see
    :func:`phuly_tui.urls.canonical_url`; the article's URL by default) and
    ``accessed`` the day it was read, for citing in a report.  ``archived`` —
    ``(notice, capture URL)`` of an archived copy — is cited beside it
    ("Bản lưu trữ ngày … — <capture URL>").
    """
    blocks = article_blocks(article, source_url=source_url, accessed=accessed, archived=archived)
    return _joined(_markdown_lines(blocks))


def _markdown_lines(blocks: Sequence[RenderedBlock]) -> Iterator[str]:
    for index, block in enumerate(blocks):
        kind = block.kind
        if block.gap:
            yield ""
        if kind == "title":
            yield from (f"# {md_escape(block.text)}", "")
        elif kind == "meta":
            yield f"*{md_escape(block.text)}*  "  # a Markdown line break
        elif kind == "source":
            line = block.text.replace(block.url, _md_url(block.url), 1)
            following = blocks[index + 1].kind if index + 1 < len(blocks) else ""
            yield line + ("  " if following == "archived" else "")
        elif kind == "archived":
            yield f"{md_escape(block.text)} — {_md_url(block.url)}"
        elif kind == "lead":
            yield f"**{md_escape(block.text)}**"
        elif kind in ("heading", "group"):
            yield f"## {md_escape(block.text)}"
            if kind == "group":
                yield ""
        elif kind == "video":
            yield f"[{_md_link_text(block.text[1:-1])}]({_md_url(block.url)})"
        elif kind == "list_item":
            bullet = f"{block.number}." if block.number else "-"
            yield f"{bullet} {md_escape(block.text)}"
        elif kind == "table":
            yield from table_lines(Table(block.rows), markdown=True)
        elif kind == "attachment":
            suffix = f" ({block.label})" if block.label else ""
            yield f"- [{_md_link_text(block.text)}]({_md_url(block.url)}){suffix}"
        elif kind == "related":
            date_text = f" ({block.label})" if block.label else ""
            yield f"{block.number}. [{_md_link_text(block.text)}]({_md_url(block.url)}){date_text}"
        elif kind != "rule":  # paragraph, image
            yield md_escape(block.text)


def _joined(lines: Iterator[str]) -> str:
    return "\n".join(lines).rstrip() + "\n"


_MD_LINK_TEXT: Final = re.compile(r"([\\`*<~\[\]]|(?<!\w)_|_(?!\w)|&(?=#?\w+;))")


def _md_link_text(text: str) -> str:
    """Text inside the ``[…]`` of a link we write: every bracket escaped too."""
    return _MD_LINK_TEXT.sub(r"\\\1", text)


def _md_url(url: str) -> str:
    """A link target in ``<…>`` (parentheses and spaces cannot end it early)."""
    return "<" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"


def article_plain(
    article: Article,
    *,
    source_url: str | None = None,
    accessed: date | None = None,
    archived: tuple[str, str] | None = None,
) -> str:
    """Plain text for a report: one line per paragraph, never wrapped.

    Pasted into a word processor, a hard-wrapped text breaks every line where
    the export happened to wrap; the reader's program wraps a paragraph itself.
    """
    blocks = article_blocks(article, source_url=source_url, accessed=accessed, archived=archived)
    return _joined(_plain_lines(blocks))


def _plain_lines(blocks: Sequence[RenderedBlock]) -> Iterator[str]:
    for block in blocks:
        kind = block.kind
        if block.gap:
            yield ""
        if kind == "title":
            yield from (block.text, "=" * min(80, len(block.text)), "")
        elif kind == "archived":
            yield f"{block.text} — {block.url}"
        elif kind == "heading":
            yield block.text.upper()
        elif kind == "group":
            yield from (block.text, "-" * len(block.text))
        elif kind == "video":
            yield block.text if block.url in block.text else f"{block.text} {block.url}"
        elif kind == "list_item":
            yield f"{block.number}. {block.text}" if block.number else f"- {block.text}"
        elif kind == "table":
            yield from table_lines(Table(block.rows), markdown=False)
        elif kind == "attachment":
            suffix = f" ({block.label})" if block.label else ""
            yield f"- {block.text}{suffix}: {block.url}"
        elif kind == "related":
            yield f"{block.number}. {block.text}" + (f" ({block.label})" if block.label else "")
        elif kind != "rule":  # meta, source, lead, paragraph, image
            yield block.text


def article_rich(article: Article) -> list[RenderableType]:
    """Rich renderables for a terminal: styled when it is one, plain when piped.

    Each block is the reader's line (:func:`~.styled.block_text`), without
    the link numbers the reader's keys use; lists are indented, tables laid out
    line by line (Rich's ``Table`` took 11 s for 20,000 rows).
    """
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    from .styled import block_text
    from .styles import STYLES
    from .table import LaidOutTable

    parts: list[RenderableType] = []
    for block in article_blocks(article):
        if block.gap:
            parts.append(Text(""))
        if block.kind == "rule":
            parts.append(Rule(style=STYLES["rule"]))
        elif block.kind == "table":
            if block.rows:
                parts.append(LaidOutTable(block.rows))
        elif block.kind == "list_item":
            parts.append(Padding(block_text(block), (0, 0, 0, 2)))
        else:
            parts.append(block_text(block))
    return parts
