"""Official documents: attachments read as text, and what they are (no Textual).

* :func:`read_document` — a PDF (pypdfium2, imported only here, under one
  process-wide lock) or a DOCX (zipfile + xml.etree, hostile input refused)
  read into a :class:`Document`: paragraphs reflowed from the PDF's lines,
  headings, DOCX tables, the page of each block, and :class:`DocumentInfo`
  (number, type, issue date, issuer, subject, cited numbers);
* :mod:`.numbers` — *số, ký hiệu* per Decree 30/2020/NĐ-CP: parse, normalise,
  find in text, recognise in a search query.

Errors are :class:`~phuly_tui.errors.DocumentError` subclasses, each one line
for a person.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import (
        DEFAULT_ATTACHMENT_MAX_MB,
        MAX_PAGES,
        UNSUPPORTED_EXTENSIONS,
        check_size,
        document_format,
        document_notice,
        file_name,
        finish_document,
        is_document_url,
        read_document,
        read_pdf_pages,
        unsupported_kind,
    )
    from .metadata import document_info, numbers_in_text
    from .model import Document, DocumentBlock, DocumentInfo
    from .numbers import (
        DOCUMENT_TYPES,
        DocumentNumber,
        NumberQuery,
        find_numbers,
        number_query,
        parse_number,
        type_code_for,
    )

#: where each public name lives: imported on first use, so that the store (which
#: needs only the numbers) and the app's start do not load the readers (zipfile,
#: ElementTree, the layout code: ~25 ms)
_HOMES: dict[str, str] = {
    **dict.fromkeys(
        (
            "DEFAULT_ATTACHMENT_MAX_MB",
            "MAX_PAGES",
            "UNSUPPORTED_EXTENSIONS",
            "check_size",
            "document_format",
            "document_notice",
            "file_name",
            "finish_document",
            "is_document_url",
            "read_document",
            "read_pdf_pages",
            "unsupported_kind",
        ),
        "api",
    ),
    **dict.fromkeys(("document_info", "numbers_in_text"), "metadata"),
    **dict.fromkeys(("Document", "DocumentBlock", "DocumentInfo"), "model"),
    **dict.fromkeys(
        (
            "DOCUMENT_TYPES",
            "DocumentNumber",
            "NumberQuery",
            "find_numbers",
            "number_query",
            "parse_number",
            "type_code_for",
        ),
        "numbers",
    ),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_ATTACHMENT_MAX_MB",
    "DOCUMENT_TYPES",
    "MAX_PAGES",
    "UNSUPPORTED_EXTENSIONS",
    "Document",
    "DocumentBlock",
    "DocumentInfo",
    "DocumentNumber",
    "NumberQuery",
    "check_size",
    "document_format",
    "document_info",
    "document_notice",
    "file_name",
    "find_numbers",
    "finish_document",
    "is_document_url",
    "number_query",
    "numbers_in_text",
    "parse_number",
    "read_document",
    "read_pdf_pages",
    "type_code_for",
    "unsupported_kind",
]
