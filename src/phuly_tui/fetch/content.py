"""Reading a response's Content-Type and, when it lies or is missing, the bytes.

Pure functions on strings and bytes.  The portal's SharePoint serves pages as
``text/html; charset=utf-8`` and attachments with their own types, but proxies
and misconfigured mirrors drop or garble the header; a PDF must never reach the
HTML parser, and a page served as ``application/octet-stream`` should still read.
"""

from __future__ import annotations

import codecs
from typing import Final

from ..charsets import codec_for_label

__all__ = [
    "HTML_TYPES",
    "charset_of",
    "is_html_type",
    "looks_like_html",
    "media_type_of",
    "needs_sniffing",
    "sniff_file_type",
]

HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
#: types that say nothing about the content: trust the bytes instead
_VAGUE_TYPES: Final = frozenset(
    {
        "",
        "application/octet-stream",
        "binary/octet-stream",
        "application/unknown",
        "unknown/unknown",
        "text/plain",
    }
)
#: magic numbers of the files a portal links to (and that are not pages)
_SIGNATURES: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
    (b"{\\rtf", "application/rtf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"\x1f\x8b", "application/gzip"),
)
_HTML_MARKERS: Final = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")
_BOMS: Final = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def media_type_of(content_type: str | None) -> str:
    """``"text/html"`` from ``"Text/HTML; charset=UTF-8"``; "" when missing."""
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def charset_of(content_type: str | None) -> str | None:
    """The codec named by the ``charset`` parameter, or None when there is none to use.

    The label goes through :func:`phuly_tui.charsets.codec_for_label`, the same
    rule the parser applies to ``<meta charset>``: an unknown, empty or unsafe
    label (UTF-7) gives None, and the parser then goes on to ``<meta charset>``
    and UTF-8.
    """
    if not content_type:
        return None
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return codec_for_label(value)
    return None


def is_html_type(media_type: str) -> bool:
    return media_type in HTML_TYPES


def needs_sniffing(media_type: str) -> bool:
    """True when the header is missing or too vague to decide HTML or not."""
    return media_type in _VAGUE_TYPES


def _head(content: bytes) -> bytes:
    head = content[:1024]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    return head.lstrip()


def sniff_file_type(content: bytes) -> str | None:
    """The media type of a known non-page file by its magic number, else None."""
    head = _head(content)
    for magic, media in _SIGNATURES:
        if head.startswith(magic):
            return media
    return None


def looks_like_html(content: bytes) -> bool:
    """True when the first kilobyte opens like an HTML document."""
    head = _head(content).lower()
    if b"\x00" in head[:64]:
        # UTF-16 pages exist in theory; the parser's decoder handles them
        head = head.replace(b"\x00", b"")
    if head.startswith(b"<?xml"):
        return b"<html" in head
    return head.startswith(b"<") and any(marker in head for marker in _HTML_MARKERS)
