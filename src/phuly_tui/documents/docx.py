"""DOCX text with the standard library: ``zipfile`` and ``xml.etree``, defensively.

A DOCX is a zip of XML parts; the text is in ``word/document.xml``:
paragraphs (``w:p``) and tables (``w:tbl``) in document order.  No library is
needed for that, and the standard one keeps the hostile cases in our hands:

* **zip bombs**: at most :data:`MAX_ENTRIES` entries; the main part may
  declare at most :data:`MAX_XML_BYTES` and is read with that cap counted on
  the bytes actually inflated (a lying header does not help); a compression
  ratio above :data:`MAX_RATIO` is refused;
* **DOCTYPE and entities** (billion laughs, external entities): any
  ``<!DOCTYPE`` or ``<!ENTITY`` is refused before parsing, and the parser's
  doctype hook refuses again;
* anything else that is not a readable DOCX (not a zip, no main part, bad XML)
  is :class:`~phuly_tui.errors.DocumentUnreadable` with a one-line reason.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Final
from xml.etree import ElementTree

from ..errors import DocumentEncrypted, DocumentUnreadable
from ..i18n import add_messages, t
from ..text import clean_text
from .layout import is_heading_text
from .model import DocumentBlock

__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_XML_BYTES", "read_docx_blocks"]

MAX_ENTRIES: Final = 2_000
MAX_XML_BYTES: Final = 30 * 1024 * 1024
MAX_RATIO: Final = 200
#: the deepest nesting of tables in tables followed
_MAX_DEPTH: Final = 20
_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAIN: Final = "word/document.xml"
_DOCTYPE: Final = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_HEADING_STYLE: Final = re.compile(r"^(?:heading|title|tieude|u?\s*\d*\s*ti[eê]u)", re.IGNORECASE)


class _NoDoctype(ElementTree.TreeBuilder):
    """A tree builder that refuses a document type declaration outright."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise ValueError("DOCTYPE")


add_messages(
    {
        "docx.not_zip": ("không phải tệp DOCX (zip) hợp lệ", "not a valid DOCX (zip) file"),
        "docx.entries": (
            "quá nhiều mục trong tệp nén ({count})",
            "too many entries in the archive ({count})",
        ),
        "docx.no_main": ("thiếu word/document.xml", "word/document.xml is missing"),
        "docx.bomb": (
            "nội dung giải nén quá lớn (bom nén)",
            "the content inflates too much (a zip bomb)",
        ),
        "docx.ratio": (
            "tỉ lệ nén bất thường (bom nén)",
            "an abnormal compression ratio (a zip bomb)",
        ),
        "docx.broken_zip": ("tệp nén hỏng ({error})", "damaged archive ({error})"),
        "docx.method": ("kiểu nén không hỗ trợ", "unsupported compression method"),
        "docx.doctype": (
            "có khai báo DOCTYPE/ENTITY (bị từ chối vì an toàn)",
            "it declares a DOCTYPE/ENTITY (refused for safety)",
        ),
        "docx.bad_xml": ("XML hỏng ({error})", "broken XML ({error})"),
        "docx.no_body": ("thiếu phần thân văn bản (w:body)", "no document body (w:body)"),
    }
)


def _reason(key: str, name: str, **params: object) -> DocumentUnreadable:
    return DocumentUnreadable(name=name, reason=t(key, **params))


def _read_main_part(data: bytes, name: str) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            # an OLE container: an encrypted DOCX (or an old .doc renamed)
            raise DocumentEncrypted(name=name) from None
        raise _reason("docx.not_zip", name) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise _reason("docx.entries", name, count=len(entries))
        info = next((e for e in entries if e.filename == _MAIN), None)
        if info is None:
            raise _reason("docx.no_main", name)
        if info.file_size > MAX_XML_BYTES:
            raise _reason("docx.bomb", name)
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise _reason("docx.ratio", name)
        try:
            with archive.open(info) as handle:
                content = handle.read(MAX_XML_BYTES + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
            raise _reason("docx.broken_zip", name, error=type(error).__name__) from None
        except NotImplementedError:
            raise _reason("docx.method", name) from None
        if len(content) > MAX_XML_BYTES:
            raise _reason("docx.bomb", name)
        return content


def _parse(xml: bytes, name: str) -> ElementTree.Element:
    head = xml
    if xml.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = xml.decode("utf-16", errors="replace").encode("utf-8")
    if _DOCTYPE.search(head):
        raise _reason("docx.doctype", name)
    parser = ElementTree.XMLParser(target=_NoDoctype())
    try:
        parser.feed(xml)
        return parser.close()
    except ValueError:
        raise _reason("docx.doctype", name) from None
    except ElementTree.ParseError as error:
        raise _reason("docx.bad_xml", name, error=error) from None


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
    return clean_text("".join(parts))


def _is_heading(paragraph: ElementTree.Element, text: str) -> bool:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    if style is not None and _HEADING_STYLE.match(style.get(f"{_W}val") or ""):
        return True
    return is_heading_text(text)


def _cell_text(cell: ElementTree.Element, depth: int) -> str:
    texts: list[str] = []
    for child in cell:
        if child.tag == f"{_W}p":
            texts.append(_paragraph_text(child))
        elif child.tag == f"{_W}tbl" and depth < _MAX_DEPTH:
            for row in _table_rows(child, depth + 1):
                texts.extend(row)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                texts.append(_cell_text(content, depth + 1))
    return clean_text(" ".join(t for t in texts if t))


def _table_rows(table: ElementTree.Element, depth: int) -> list[tuple[str, ...]]:
    rows = [
        tuple(_cell_text(cell, depth + 1) for cell in row.findall(f"{_W}tc"))
        for row in table.findall(f"{_W}tr")
    ]
    return [row for row in rows if row]


def _body_blocks(parent: ElementTree.Element, depth: int = 0) -> Iterator[DocumentBlock]:
    for child in parent:
        tag = child.tag
        if tag == f"{_W}p":
            text = _paragraph_text(child)
            if text:
                yield DocumentBlock("heading" if _is_heading(child, text) else "paragraph", text)
        elif tag == f"{_W}tbl":
            rows = _table_rows(child, depth)
            if rows:
                yield DocumentBlock("table", rows=tuple(rows))
        elif tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent") and depth < _MAX_DEPTH:
            yield from _body_blocks(child, depth + 1)


def read_docx_blocks(data: bytes, name: str) -> list[DocumentBlock]:
    """The paragraphs, headings and tables of a DOCX, in document order.

    Raises:
        DocumentUnreadable: not a DOCX, damaged, a zip bomb, or a DOCTYPE.
        DocumentEncrypted: a password-protected DOCX (an OLE container).
    """
    root = _parse(_read_main_part(data, name), name)
    body = root.find(f"{_W}body")
    if body is None:
        raise _reason("docx.no_body", name)
    return list(_body_blocks(body))
