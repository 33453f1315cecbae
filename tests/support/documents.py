"""Helpers for the document tests: token F1, expected readings, tiny PDFs made in memory."""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from phuly_tui.documents import Document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PORTAL_DOCUMENTS = FIXTURES / "portal" / "documents"
PORTAL_SITE = FIXTURES / "portal" / "site"
PRODUCER_DOCUMENTS = FIXTURES / "documents"
_TOKEN = re.compile(r"[^\W_]+")


def tokens(texts: Iterable[str]) -> Counter[str]:
    return Counter(token for text in texts for token in _TOKEN.findall(text.lower()))


def token_f1(document: Document, paragraphs: list[str]) -> float:
    """Token F1 of a document's blocks (paragraphs, headings, table cells) against text."""
    got = tokens(text for block in document.blocks for text in block.texts())
    want = tokens(paragraphs)
    if not got and not want:
        return 1.0
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def expected_readings(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def load_reading(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def document_bytes(reading: dict[str, Any], folder: Path) -> bytes:
    if folder == PORTAL_DOCUMENTS:
        return (PORTAL_SITE / str(reading["url"]).lstrip("/")).read_bytes()
    return (folder / str(reading["url"]).rsplit("/", 1)[-1]).read_bytes()


def make_pdf(pages: list[bytes], *, compress: bool = False) -> bytes:
    """A minimal PDF with one content stream per page (Helvetica as /F1)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
        + b"] /Count %d >>" % len(pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        data = zlib.compress(content, 9) if compress else content
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), flate) + data + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_page(*lines: str) -> bytes:
    """A page content stream showing ``lines`` (ASCII) one under the other."""
    ops = [b"BT /F1 12 Tf 72 760 Td 14 TL"]
    for line in lines:
        ops.append(b"(" + line.encode("latin-1") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)
