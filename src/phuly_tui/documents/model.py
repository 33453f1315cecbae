"""What a document reads as: frozen records with the ``read --json`` shape.

A :class:`Document` is the text of one attachment (PDF or DOCX) in blocks —
paragraphs, headings and tables, each with its page — plus what it says about
itself (:class:`DocumentInfo`: number, type, date, issuer, subject, cited
numbers).  ``to_dict()`` is the JSON the CLI prints; ``from_dict()`` reads the
stored form back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..text import clean_text
from ..values import Value

__all__ = ["BlockType", "Document", "DocumentBlock", "DocumentInfo", "Format"]

BlockType = Literal["paragraph", "heading", "table"]
Format = Literal["pdf", "docx"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class DocumentBlock(Value):
    """One paragraph, heading or table.

    Attributes:
        type: ``"paragraph"``, ``"heading"`` or ``"table"``.
        text: the text of a paragraph or heading (empty for a table).
        rows: the cells of a table, row by row (empty otherwise).
        page: the 1-based page it starts on (PDF), None for a DOCX.
    """

    type: BlockType
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    page: int | None = None

    def texts(self) -> list[str]:
        """The block's words as strings: its text, or every table cell."""
        if self.type == "table":
            return [cell for row in self.rows for cell in row]
        return [self.text]

    def to_dict(self) -> dict[str, Any]:
        if self.type == "table":
            return {"type": "table", "rows": [list(row) for row in self.rows], "page": self.page}
        return {"type": self.type, "text": self.text, "page": self.page}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentBlock:
        kind = data.get("type")
        page = data.get("page")
        page = page if isinstance(page, int) else None
        if kind == "table":
            rows = tuple(tuple(str(c) for c in row) for row in data.get("rows") or ())
            return cls("table", rows=rows, page=page)
        return cls(
            "heading" if kind == "heading" else "paragraph", str(data.get("text") or ""), page=page
        )


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class DocumentInfo(Value):
    """What a document says about itself (all None when it does not say).

    Attributes:
        number: the *số, ký hiệu* printed after "Số:" (``18/KH-UBND``).
        doc_type: the type's full name (``Kế hoạch``; ``Công văn`` for a
            number without a type code).
        doc_type_code: the decree's code (``KH``), None for a công văn.
        issued: the issue date, ``YYYY-MM-DD``.
        issuer: the issuing body, the header's lines joined by a space.
        subject: the *trích yếu*.
        cites: the numbers of other documents cited, in text order.
    """

    number: str | None = None
    doc_type: str | None = None
    doc_type_code: str | None = None
    issued: str | None = None
    issuer: str | None = None
    subject: str | None = None
    cites: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "doc_type": self.doc_type,
            "doc_type_code": self.doc_type_code,
            "issued": self.issued,
            "issuer": self.issuer,
            "subject": self.subject,
            "cites": list(self.cites),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentInfo:
        def text(key: str) -> str | None:
            value = data.get(key)
            return str(value) if value else None

        return cls(
            number=text("number"),
            doc_type=text("doc_type"),
            doc_type_code=text("doc_type_code"),
            issued=text("issued"),
            issuer=text("issuer"),
            subject=text("subject"),
            cites=tuple(str(c) for c in data.get("cites") or ()),
        )


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Document(Value):
    """One attachment read as text.

    Attributes:
        url: where it was fetched from.
        title: the link's text in the article, else the subject, else the file name.
        format: ``"pdf"`` or ``"docx"``.
        pages: the PDF's number of pages (all of them, also when ``truncated``);
            None for a DOCX.
        text_layer: False for a scanned PDF (pages are images): no blocks then.
        blocks: the text in reading order.
        info: number, type, date, issuer, subject, cited numbers.
        truncated: only the first :data:`~phuly_tui.documents.MAX_PAGES` pages were read.
    """

    url: str
    title: str
    format: Format
    pages: int | None
    text_layer: bool
    blocks: tuple[DocumentBlock, ...] = ()
    info: DocumentInfo = field(default_factory=DocumentInfo)
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The ``phuly-tui read --json`` form (issue 13); ``truncated`` only when true."""
        data: dict[str, Any] = {
            "kind": "document",
            "url": self.url,
            "title": self.title,
            "format": self.format,
            "pages": self.pages,
            "text_layer": self.text_layer,
            **self.info.to_dict(),
            "blocks": [block.to_dict() for block in self.blocks],
        }
        if self.truncated:
            data["truncated"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """The document of a stored :meth:`to_dict`; its title is cleaned again
        (a version before 3 December stored a file name's escapes in it)."""
        pages = data.get("pages")
        return cls(
            url=str(data.get("url") or ""),
            title=clean_text(str(data.get("title") or "")),
            format="docx" if data.get("format") == "docx" else "pdf",
            pages=pages if isinstance(pages, int) else None,
            text_layer=bool(data.get("text_layer", True)),
            blocks=tuple(DocumentBlock.from_dict(b) for b in data.get("blocks") or ()),
            info=DocumentInfo.from_dict(data),
            truncated=bool(data.get("truncated", False)),
        )

    def plain_text(self) -> str:
        """Every block's text, one per line (tables: cells joined by " | ")."""
        lines: list[str] = []
        for block in self.blocks:
            if block.type == "table":
                lines.extend(" | ".join(row) for row in block.rows)
            else:
                lines.append(block.text)
        return "\n".join(lines)
