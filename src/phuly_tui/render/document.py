"""A document (an attachment read as text) as Markdown, plain text and Rich renderables.

One walk over the blocks for all three, like :mod:`.article`: the card
(số, loại, ngày ban hành, cơ quan ban hành, trích yếu), then the text with the
page boundaries shown (``— Trang 2/3 —``).  Document text is data only:
Markdown output is escaped, Rich output is built from plain strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..documents import Document, DocumentBlock, document_notice
from ..i18n import add_messages, t
from ..model import Table
from .dates import format_date
from .markdown import md_escape, table_lines

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = [
    "card_rows",
    "document_markdown",
    "document_plain",
    "document_rich",
    "page_marker",
]

add_messages(
    {
        "document.card.number": ("Số, ký hiệu", "Number"),
        "document.card.type": ("Loại văn bản", "Type"),
        "document.card.issued": ("Ngày ban hành", "Issued"),
        "document.card.issuer": ("Cơ quan ban hành", "Issued by"),
        "document.card.subject": ("Trích yếu", "Subject"),
        "document.page": ("— Trang {page}/{pages} —", "— Page {page}/{pages} —"),
        "document.source": ("Tệp", "File"),
    }
)


def card_rows(document: Document) -> list[tuple[str, str]]:
    """The card's ``(label, value)`` rows, only those the document states."""
    info = document.info
    rows = [
        (t("document.card.number"), info.number or ""),
        (t("document.card.type"), info.doc_type or ""),
        (t("document.card.issued"), format_date(info.issued) if info.issued else ""),
        (t("document.card.issuer"), info.issuer or ""),
        (t("document.card.subject"), info.subject or ""),
    ]
    return [(label, value) for label, value in rows if value]


def page_marker(page: int, pages: int | None) -> str:
    """``— Trang 2/3 —``."""
    return t("document.page", page=page, pages=pages or page)


def pieces(document: Document) -> Iterator[DocumentBlock | int]:
    """The blocks in order, with the page number ``n`` before each new PDF page
    after the first (where ``— Trang n/N —`` goes)."""
    current = None
    for block in document.blocks:
        if (
            document.format == "pdf"
            and block.page is not None
            and current is not None
            and block.page != current
        ):
            yield block.page
        if block.page is not None:
            current = block.page
        yield block


def _body(document: Document, *, markdown: bool) -> Iterator[str]:
    esc = md_escape if markdown else (lambda s: s)
    for item in pieces(document):
        if isinstance(item, int):
            marker = page_marker(item, document.pages)
            yield f"*{md_escape(marker)}*" if markdown else marker
        elif item.type == "table":
            yield from table_lines(Table(rows=item.rows), markdown=markdown)
        elif item.type == "heading":
            yield f"## {esc(item.text)}" if markdown else item.text
        else:
            yield esc(item.text)
        yield ""


def document_markdown(document: Document) -> str:
    """Markdown: title, card, source, notice, text."""
    out = [f"# {md_escape(document.title)}", ""]
    for label, value in card_rows(document):
        out.append(f"- **{md_escape(label)}:** {md_escape(value)}")
    out += [f"- **{t('document.source')}:** <{document.url}>", ""]
    notice = document_notice(document)
    if notice:
        out += [f"*{md_escape(notice)}*", ""]
    out += list(_body(document, markdown=True))
    return "\n".join(out).rstrip() + "\n"


def document_plain(document: Document) -> str:
    """Plain text for a report: one line per paragraph, never wrapped.

    Like :func:`.article.article_plain`: pasted into a word processor, a
    hard-wrapped text breaks every line where the export happened to wrap.
    """
    out = [document.title, "=" * min(80, len(document.title)), ""]
    out += [f"{label}: {value}" for label, value in card_rows(document)]
    out += [f"{t('document.source')}: {document.url}", ""]
    notice = document_notice(document)
    if notice:
        out += [notice, ""]
    out += _body(document, markdown=False)
    return "\n".join(out).rstrip() + "\n"


def document_rich(document: Document) -> list[RenderableType]:
    """Rich renderables for the CLI: the card as a grid, then the text."""
    from rich.table import Table as RichTable
    from rich.text import Text

    parts: list[RenderableType] = [Text(document.title, style="bold")]
    card = RichTable.grid(padding=(0, 2))
    card.add_column(style="dim")
    card.add_column()
    for label, value in card_rows(document):
        card.add_row(Text(label), Text(value))
    parts += [card, Text(document.url, style="dim underline")]
    for item in pieces(document):
        parts.append(Text(""))
        if isinstance(item, int):
            parts.append(Text(page_marker(item, document.pages), style="dim", justify="center"))
        elif item.type == "table" and item.rows:
            grid = RichTable(show_header=True, header_style="bold")
            columns = max(len(row) for row in item.rows)
            for cell in list(item.rows[0]) + [""] * (columns - len(item.rows[0])):
                grid.add_column(Text(cell))
            for row in item.rows[1:]:
                grid.add_row(*(Text(c) for c in list(row) + [""] * (columns - len(row))))
            parts.append(grid)
        elif item.type == "heading":
            parts.append(Text(item.text, style="bold"))
        else:
            parts.append(Text(item.text))
    return parts
