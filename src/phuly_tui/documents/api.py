"""Reading an attachment: bytes in, a :class:`~.model.Document` out.

:func:`read_document` decides the format from the bytes (the URL's extension
only names a format it cannot show), reads at most :data:`MAX_PAGES` pages, and
finishes the document: blocks cleaned, metadata read, title chosen.
:func:`read_pdf_pages` is the page-by-page form for a reader that shows the
first page while the rest is read.  Everything raises only
:class:`~phuly_tui.errors.DocumentError` subclasses on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final

from ..config import DEFAULT_ATTACHMENT_MAX_MB
from ..errors import DocumentTooLarge, DocumentUnreadable, UnsupportedDocument
from ..i18n import add_messages, t
from ..text import clean_text
from ..urls import decoded_file_name
from .docx import read_docx_blocks
from .layout import reflow_page, text_margins
from .metadata import document_info
from .model import Document, DocumentBlock, Format
from .pdf import PdfReader

__all__ = [
    "DEFAULT_ATTACHMENT_MAX_MB",
    "MAX_PAGES",
    "UNSUPPORTED_EXTENSIONS",
    "document_format",
    "document_notice",
    "file_name",
    "finish_document",
    "is_document_url",
    "read_document",
    "read_pdf_pages",
    "unsupported_kind",
]

#: pages extracted at most; a longer PDF is read that far, with a notice
MAX_PAGES: Final = 300
#: attachment types common on the portal that the reader does not show as text
UNSUPPORTED_EXTENSIONS: Final = (".doc", ".xls", ".xlsx", ".rar", ".zip", ".ppt", ".pptx", ".7z")

add_messages(
    {
        "document.scanned": (
            "Bản quét, không có lớp chữ — {pages} trang",
            "Scanned, no text layer — {pages} pages",
        ),
        "document.truncated": (
            "Chỉ hiện {shown} trang đầu trong {pages} trang",
            "Only the first {shown} of {pages} pages are shown",
        ),
        "document.empty": ("Văn bản không có chữ", "The document holds no text"),
        "document.not_document": (
            "không phải tệp PDF hay DOCX",
            "not a PDF or DOCX file",
        ),
    }
)


def file_name(url: str) -> str:
    """The file name at the end of ``url``, decoded and cleaned
    (:func:`~phuly_tui.urls.decoded_file_name`), else ``url`` — for titles and messages."""
    return decoded_file_name(url) or url


def _extension(url: str) -> str:
    name = file_name(url).lower()
    return name[name.rfind(".") :] if "." in name else ""


def is_document_url(url: str) -> bool:
    """True for an attachment the reader takes: a PDF or DOCX (shown as text), or a
    format it names in one line (:data:`UNSUPPORTED_EXTENSIONS`: ``.doc``, ``.zip`` …)."""
    return _extension(url) in (".pdf", ".docx", *UNSUPPORTED_EXTENSIONS)


def unsupported_kind(url: str) -> str | None:
    """``"ZIP"`` for a URL whose extension names a format the reader does not show
    (:data:`UNSUPPORTED_EXTENSIONS`), else None (a PDF, a DOCX, or a page's address)."""
    extension = _extension(url)
    return extension.lstrip(".").upper() if extension in UNSUPPORTED_EXTENSIONS else None


def document_format(url: str, data: bytes | None = None) -> Format:
    """``"pdf"`` or ``"docx"`` for what the reader shows.

    With ``data`` the bytes decide; without, the extension.

    Raises:
        UnsupportedDocument: another format (.doc, .xls, .xlsx, .rar, .zip…).
        DocumentUnreadable: bytes that are none of these.
    """
    extension = _extension(url)
    if data is None:
        if extension == ".pdf":
            return "pdf"
        if extension == ".docx":
            return "docx"
        raise UnsupportedDocument(kind=extension.lstrip(".").upper() or "?")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (extension == ".docx" or b"word/" in data[:65536]):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0") and extension == ".docx":
        return "docx"  # an encrypted DOCX: the DOCX reader says so
    if extension in UNSUPPORTED_EXTENSIONS or data.startswith(
        (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"Rar!")
    ):
        raise UnsupportedDocument(kind=(extension.lstrip(".") or "?").upper())
    raise DocumentUnreadable(name=file_name(url), reason=t("document.not_document"))


def check_size(url: str, size: int, max_mb: float) -> None:
    """Raise :class:`DocumentTooLarge` when ``size`` bytes pass the cap."""
    if size > max_mb * 1024 * 1024:
        raise DocumentTooLarge(name=file_name(url), limit=f"{max_mb:g}")


def read_pdf_pages(
    data: bytes,
    url: str,
    *,
    max_pages: int = MAX_PAGES,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[tuple[int, list[DocumentBlock]]]:
    """``(page count, blocks of one page)`` for each page read, page by page.

    The margins come from the first page, so the page-by-page reading does
    not wait for the whole file.
    """
    name = file_name(url)
    with PdfReader(data, name) as reader:
        margins: tuple[float, float] | None = None
        for page in reader.pages(max_pages, cancelled):
            if page.plain:  # too dense for its layout: one paragraph per line
                blocks = [
                    DocumentBlock("paragraph", clean_text(ln.text), page=page.number)
                    for ln in page.lines
                ]
                yield reader.page_count, [b for b in blocks if b.text]
                continue
            margins = margins or text_margins(page.lines)
            yield reader.page_count, reflow_page(page.lines, page.number, margins=margins)


def finish_document(
    url: str,
    fmt: Format,
    blocks: list[DocumentBlock],
    *,
    pages: int | None,
    title: str | None = None,
    truncated: bool = False,
) -> Document:
    """The :class:`Document` of ``blocks``: metadata read, title chosen."""
    text_layer = bool(blocks) or fmt == "docx"
    info = document_info(blocks)
    chosen = (title or "").strip() or info.subject or file_name(url)
    return Document(
        url=url,
        title=chosen,
        format=fmt,
        pages=pages,
        text_layer=text_layer,
        blocks=tuple(blocks),
        info=info,
        truncated=truncated,
    )


def read_document(
    data: bytes,
    url: str,
    *,
    title: str | None = None,
    max_pages: int = MAX_PAGES,
    max_mb: float = DEFAULT_ATTACHMENT_MAX_MB,
    cancelled: Callable[[], bool] | None = None,
) -> Document:
    """Read a PDF or DOCX attachment (see the module doc).

    Args:
        data: the file's bytes.
        url: where it came from (names it in messages; its extension names a
            format the reader does not show).
        title: the link's text in the article, when known.
        max_pages: pages read at most; the document is ``truncated`` past them.
        max_mb: the attachment cap in MB.
        cancelled: polled between pages; True stops the reading (what was
            read so far is returned).

    Raises:
        DocumentError: unreadable, encrypted, too large, unsupported, or
            pypdfium2 missing for a PDF.
    """
    check_size(url, len(data), max_mb)
    fmt = document_format(url, data)
    if fmt == "docx":
        return finish_document(
            url, "docx", read_docx_blocks(data, file_name(url)), pages=None, title=title
        )
    blocks: list[DocumentBlock] = []
    total = read = 0
    for count, page_blocks in read_pdf_pages(data, url, max_pages=max_pages, cancelled=cancelled):
        blocks.extend(page_blocks)
        total = count
        read += 1
    if read == 0:
        with PdfReader(data, file_name(url)) as reader:
            total = reader.page_count
    return finish_document(url, "pdf", blocks, pages=total, title=title, truncated=total > read)


def document_notice(document: Document) -> str | None:
    """The one line said above (app) or on stderr (CLI) about a document, if any."""
    if document.format == "pdf" and not document.text_layer:
        return t("document.scanned", pages=document.pages or 0)
    if document.truncated and document.pages:
        shown = len({b.page for b in document.blocks if b.page is not None}) or MAX_PAGES
        return t(
            "document.truncated",
            shown=max(shown, min(MAX_PAGES, document.pages)),
            pages=document.pages,
        )
    if not document.blocks:
        return t("document.empty")
    return None
