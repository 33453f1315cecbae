"""PDF text through PDFium (pypdfium2), one page at a time, under one lock.

Why pypdfium2: PDFium is the PDF engine of Chrome — well kept, fast, and it
reads the text layer of word-processor PDFs (Vietnamese included) correctly;
pypdfium2 ships it as wheels for Linux, macOS and Windows with no system
library to install.  It is imported only when a PDF is opened, so the app's
start and memory do not pay for it; where it is missing (no wheel for the
system) :func:`pdfium` raises :class:`~phuly_tui.errors.DocumentSupportMissing`
and the rest of the app runs as before.

PDFium is not thread-safe — not even across different documents — so every
call into it, closing included, happens while :data:`PDFIUM_LOCK` is held.  The
lock is taken per page, so two documents being read in two threads take turns
and a cancelled read stops at the next page.  Objects are closed explicitly
inside the lock, never left to the garbage collector (which could run their
finalizers in any thread).
"""

from __future__ import annotations

import ctypes
import re
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Final

from ..errors import DocumentEncrypted, DocumentSupportMissing, DocumentUnreadable
from ..i18n import add_messages, t
from ..text import strip_hostile
from .layout import TextLine

__all__ = ["PDFIUM_LOCK", "PdfPageText", "PdfReader", "check_streams", "pdfium"]

add_messages(
    {
        "pdf.format": (
            "tệp bị cắt cụt hoặc không đúng định dạng PDF",
            "the file is truncated or not in PDF format",
        ),
        "pdf.bomb": (
            "nội dung giải nén quá lớn (bom nén)",
            "the content inflates too much (a decompression bomb)",
        ),
    }
)

#: every PDFium call in the process happens while this is held
PDFIUM_LOCK: Final = threading.RLock()
#: characters read from one page at most (a hostile page with millions of
#: glyphs, e.g. from a decompression bomb, is cut there)
MAX_PAGE_CHARS: Final = 100_000
#: a page with more characters than this (a dense A4 page holds about 5,000) is
#: read without its layout: PDFium's bounded-text lookups cost characters ×
#: rectangles, which a hostile page would make quadratic
MAX_LAYOUT_CHARS: Final = 12_000
#: text rectangles read with their layout at most
MAX_PAGE_RECTS: Final = 1_000
#: a stream that inflates past this is refused before PDFium parses it (page
#: content: PDFium takes about 1.4 s per MiB of dense text operators to lay out
#: a page's text; images and fonts, which text extraction does not decode, get
#: :data:`MAX_BINARY_STREAM_BYTES`)
MAX_CONTENT_STREAM_BYTES: Final = 2 * 1024 * 1024
#: page content of the whole file, inflated (300 dense pages are ~30 MiB)
MAX_CONTENT_BYTES: Final = 32 * 1024 * 1024
MAX_BINARY_STREAM_BYTES: Final = 128 * 1024 * 1024
#: all streams together may inflate to this much at most
MAX_INFLATED_BYTES: Final = 512 * 1024 * 1024
_FPDF_ERR_PASSWORD: Final = 4
_FPDF_ERR_SECURITY: Final = 5
_IMAGE_OBJECT: Final = 3


def pdfium() -> ModuleType:
    """The pypdfium2 module, imported on first use.

    Raises:
        DocumentSupportMissing: pypdfium2 is not installed.
    """
    try:
        import pypdfium2
    except ImportError as error:  # no wheel for this system
        raise DocumentSupportMissing() from error
    module: ModuleType = pypdfium2
    return module


@dataclass(frozen=True, slots=True)
class PdfPageText:
    """One page's lines (reading order is decided by the layout), 1-based ``number``.

    ``plain`` is True when the page was too dense to read its layout: its lines
    then carry no geometry and each is a paragraph.
    """

    number: int
    lines: tuple[TextLine, ...]
    has_images: bool
    width: float
    plain: bool = False


_STREAM: Final = re.compile(rb"stream\r?\n")
_BINARY_MARKERS: Final = (
    b"/Image",
    b"/Length1",
    b"/Length2",
    b"/Type1C",
    b"/OpenType",
    b"/CIDFontType0C",
)


def check_streams(data: bytes, name: str) -> None:
    """Refuse a decompression bomb before PDFium sees it.

    Every Flate stream is inflated in pieces (nothing kept) and counted: page
    content past :data:`MAX_CONTENT_STREAM_BYTES`, an image or font past
    :data:`MAX_BINARY_STREAM_BYTES`, or everything together past
    :data:`MAX_INFLATED_BYTES` is a bomb.  A damaged stream is left for PDFium
    to judge.
    """
    total = content = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 400) : match.start()]
        head = head[head.rfind(b"<<") :] if b"<<" in head else head
        if b"Flate" not in head and b"/Fl" not in head:
            continue
        binary = any(marker in head for marker in _BINARY_MARKERS)
        limit = MAX_BINARY_STREAM_BYTES if binary else MAX_CONTENT_STREAM_BYTES
        inflated = _inflated_size(data, match.end(), limit + 1)
        total += inflated
        content += 0 if binary else inflated
        if inflated > limit or total > MAX_INFLATED_BYTES or content > MAX_CONTENT_BYTES:
            raise DocumentUnreadable(name=name, reason=t("pdf.bomb"))


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    inflater = zlib.decompressobj()
    size = 0
    position = start
    try:
        while position < len(data) and size < limit and not inflater.eof:
            piece = data[position : position + 65_536]
            position += len(piece)
            size += len(inflater.decompress(piece, 1 << 20))
            while inflater.unconsumed_tail and size < limit and not inflater.eof:
                size += len(inflater.decompress(inflater.unconsumed_tail, 1 << 20))
    except zlib.error:
        pass  # not a complete Flate stream: PDFium decides
    return size


class PdfReader:
    """An open PDF; use as a context manager, read pages with :meth:`pages`.

    Args:
        data: the file's bytes.
        name: the file name, for messages.

    Raises:
        DocumentEncrypted: it needs a password.
        DocumentUnreadable: it is not a PDF or is damaged beyond reading.
        DocumentSupportMissing: pypdfium2 is not installed.
    """

    def __init__(self, data: bytes, name: str) -> None:
        self._module = pdfium()
        self._name = name
        check_streams(data, name)
        with PDFIUM_LOCK:
            try:
                self._pdf: Any = self._module.PdfDocument(data)
            except self._module.PdfiumError as error:
                code = getattr(error, "err_code", None)
                if code in (_FPDF_ERR_PASSWORD, _FPDF_ERR_SECURITY):
                    raise DocumentEncrypted(name=name) from error
                reason = t("pdf.format") if code in (1, 3) else _reason(error)
                raise DocumentUnreadable(name=name, reason=reason) from error
            try:
                self.page_count: int = len(self._pdf)
            except Exception as error:
                self._pdf.close()
                raise DocumentUnreadable(name=name, reason=_reason(error)) from error

    def __enter__(self) -> PdfReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with PDFIUM_LOCK:
            self._pdf.close()

    def pages(
        self, max_pages: int, cancelled: Callable[[], bool] | None = None
    ) -> Iterator[PdfPageText]:
        """The first ``max_pages`` pages, one at a time (the lock is held per page)."""
        for index in range(min(self.page_count, max_pages)):
            if cancelled is not None and cancelled():
                return
            with PDFIUM_LOCK:
                page = self._read_page(index)
            yield page

    def _read_page(self, index: int) -> PdfPageText:
        raw = self._module.raw
        try:
            page = self._pdf[index]
        except Exception as error:
            raise DocumentUnreadable(name=self._name, reason=_reason(error)) from error
        try:
            width = float(page.get_width())
            textpage = page.get_textpage()
            try:
                chars = textpage.count_chars()
                plain = chars > MAX_LAYOUT_CHARS
                lines = _plain_lines(textpage, chars) if plain else _page_lines(textpage, raw)
            finally:
                textpage.close()
            has_images = False
            if not lines:
                has_images = any(obj.type == _IMAGE_OBJECT for obj in page.get_objects(max_depth=2))
        except DocumentUnreadable:
            raise
        except Exception as error:
            raise DocumentUnreadable(name=self._name, reason=_reason(error)) from error
        finally:
            page.close()
        return PdfPageText(index + 1, tuple(lines), has_images, width, plain)


def _reason(error: BaseException) -> str:
    return strip_hostile(str(error)).splitlines()[0][:200] if str(error) else type(error).__name__


def _page_lines(textpage: Any, raw: Any) -> list[TextLine]:
    """The page's text rectangles as lines, with the font of each one's first glyph."""
    count = min(textpage.count_rects(), MAX_PAGE_RECTS)
    lines: list[TextLine] = []
    read = 0
    size = raw.FPDFText_GetFontSize
    weight = raw.FPDFText_GetFontWeight
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    for index in range(count):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.replace("\r", " ").replace("\n", " ").replace("\ufffe", "")
        if not text.strip():
            continue
        read += len(text)
        if read > MAX_PAGE_CHARS:
            break
        char = textpage.get_index(left + 0.5, (bottom + top) / 2, 2.0, (top - bottom) / 2 + 1)
        font_size, bold, baseline = 0.0, False, bottom
        if char >= 0:
            font_size = float(size(textpage, char))
            bold = int(weight(textpage, char)) >= 600
            if raw.FPDFText_GetCharOrigin(textpage, char, origin_x, origin_y):
                baseline = float(origin_y.value)
        lines.append(
            TextLine(
                text.strip(),
                float(left),
                float(right),
                float(bottom),
                float(top),
                baseline,
                font_size or (top - bottom),
                bold,
            )
        )
    return _merge_segments(lines)


def _raw_text(textpage: Any, start: int, count: int) -> str:
    """PDFium's text of characters ``start`` … ``start + count`` (pypdfium2's own
    ``get_text_range`` recurses per oddity and fails on hostile pages)."""
    raw = pdfium().raw
    buffer = (ctypes.c_ushort * (count + 1))()
    written = int(raw.FPDFText_GetText(textpage, start, count, buffer))
    data = bytes(memoryview(buffer).cast("B"))[: max(0, written - 1) * 2]
    return data.decode("utf-16-le", errors="replace")


def _plain_lines(textpage: Any, chars: int) -> list[TextLine]:
    """The page's text in PDFium's order, one line per line, no geometry."""
    text = _raw_text(textpage, 0, min(chars, MAX_PAGE_CHARS))
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    return [TextLine(line, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0) for line in lines if line]


def _merge_segments(lines: list[TextLine]) -> list[TextLine]:
    """Join pieces of one line that PDFium returned as separate rectangles.

    Pieces on the same baseline with a gap narrower than a couple of spaces
    are one line (justified text); a wider gap is a column (header, signature).
    """
    merged: list[TextLine] = []
    for line in lines:
        if merged:
            prev = merged[-1]
            gap = line.x0 - prev.x1
            if abs(prev.baseline - line.baseline) < 0.3 * line.size and 0 <= gap < 0.9 * line.size:
                merged[-1] = TextLine(
                    f"{prev.text} {line.text}",
                    prev.x0,
                    line.x1,
                    min(prev.bottom, line.bottom),
                    max(prev.top, line.top),
                    prev.baseline,
                    prev.size,
                    prev.bold,
                )
                continue
        merged.append(line)
    return merged
