"""What a document says about itself: number, type, date, issuer, subject, citations.

Vietnamese official documents follow one layout (Decree 30/2020/NĐ-CP,
Appendix I): a two-column header — the issuing body and ``Số: 18/KH-UBND`` on
the left, the national motto and ``Phủ Lý, ngày 15 tháng 01 năm 2024`` on the
right — then the type in capitals (``KẾ HOẠCH``) and the *trích yếu* under it;
a *công văn* has no type heading and puts its subject in a ``V/v …`` line under
its number.  :func:`document_info` reads these from the blocks of any
producer: the header may come as paragraphs (PDF) or as a borderless table
(DOCX), in either column order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Final

from ..text import clean_text, fold
from .model import DocumentBlock, DocumentInfo
from .numbers import DOCUMENT_TYPES, DocumentNumber, doc_type_of, find_numbers, number_after_so

__all__ = ["document_info", "numbers_in_text"]

#: blocks looked at for the header (issuer, number, date)
_HEADER_BLOCKS: Final = 16
_DATE: Final = re.compile(
    r"[^\W\d_][\w .'-]{0,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
    re.IGNORECASE,
)
#: "Số:" of the header (capital S: "Nghị định số 115/…" in a sentence is a citation)
_SO: Final = re.compile(r"(?:^|(?<=\s))Số\s*:?\s*\d")
_MOTTO: Final = (
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap tu do hanh phuc",
    "dang cong san viet nam",
)
_VV: Final = re.compile(r"(?:^|(?<=\s))[Vv]/[Vv]\s")
_TYPE_HEADINGS: Final = {fold(name): name for name in DOCUMENT_TYPES.values()}
_BODY_START: Final = re.compile(
    r"^(?:Căn cứ|Kính gửi|Thực hiện|Xét|Theo đề nghị|Điều \d|I\.|1\.)", re.IGNORECASE
)


def _is_motto(text: str) -> bool:
    folded = fold(text).strip(" .*-")
    return any(folded.startswith(m) for m in _MOTTO) or folded in ("", "*", "---")


def _segments(blocks: Sequence[DocumentBlock]) -> list[str]:
    """The header's pieces of text: paragraphs, and table cells left to right."""
    out: list[str] = []
    for block in blocks[:_HEADER_BLOCKS]:
        out.extend(t for t in block.texts() if t)
    return out


def _issuer(segments: Sequence[str]) -> tuple[str | None, DocumentNumber | None]:
    for index, segment in enumerate(segments):
        match = _SO.search(segment)
        if match is None:
            continue
        number = number_after_so(segment)
        if number is None:
            continue
        before = [s for s in segments[:index] if not _is_motto(s) and not _DATE.search(s)]
        head = segment[: match.start()].strip()
        if head and not _is_motto(head):
            before.append(head)
        # a header table may put the motto after the issuer in one cell: keep the issuer
        issuer = clean_text(" ".join(before)).strip(" *-") or None  # the Party's "*" rule
        return issuer, number
    return None, None


def _issued(segments: Sequence[str]) -> str | None:
    for segment in segments:
        match = _DATE.search(segment)
        if match is not None:
            day, month, year = (int(g) for g in match.groups())
            try:  # 31/02 is no day (as in parse.dates, which this layer may not import)
                return date(year, month, day).isoformat()
            except ValueError:
                continue
    return None


def _subject(blocks: Sequence[DocumentBlock], doc_type: str | None) -> str | None:
    """The line after the type heading, or the ``V/v …`` line of a công văn."""
    for block in blocks[: _HEADER_BLOCKS + 4]:
        for text in block.texts():
            # a paragraph of its own (PDF), or the end of the header's left cell (DOCX)
            match = _VV.search(text)
            if match is not None:
                return text[match.start() :]
    start = None
    wanted = fold(doc_type) if doc_type else None
    for index, block in enumerate(blocks[: _HEADER_BLOCKS + 4]):
        if block.type == "table":
            continue
        folded = fold(block.text)
        if wanted is not None and folded == wanted:
            start = index
            break
        if (
            wanted is None
            and block.type == "heading"
            and not _is_motto(block.text)
            and (folded in _TYPE_HEADINGS or not _SO.search(block.text))
        ):
            start = index
            break
    if start is None or start + 1 >= len(blocks):
        return None
    following = blocks[start + 1]
    if following.type == "table" or _BODY_START.match(following.text):
        return None
    return following.text or None


def numbers_in_text(texts: Sequence[str]) -> list[DocumentNumber]:
    """Every document number in ``texts``, first spelling of each kept, in order."""
    seen: dict[str, DocumentNumber] = {}
    for text in texts:
        for _, number in find_numbers(text):
            seen.setdefault(number.key, number)
    return list(seen.values())


def document_info(blocks: Sequence[DocumentBlock]) -> DocumentInfo:
    """Number, type, issue date, issuer, subject and cited numbers of a document."""
    segments = _segments(blocks)
    issuer, number = _issuer(segments)
    doc_type, code = doc_type_of(number)
    if number is None:
        # no number: a type heading alone still names the type
        for block in blocks[:_HEADER_BLOCKS]:
            name = _TYPE_HEADINGS.get(fold(block.text)) if block.type == "heading" else None
            if name is not None:
                doc_type = name
                code = next((c for c, n in DOCUMENT_TYPES.items() if n == name), None)
                break
    own = number.key if number is not None else None
    cites = [
        n.text
        for n in numbers_in_text([t for block in blocks for t in block.texts()])
        if n.key != own
    ]
    return DocumentInfo(
        number=number.text if number is not None else None,
        doc_type=doc_type,
        doc_type_code=code,
        issued=_issued(segments),
        issuer=issuer,
        subject=_subject(blocks, doc_type),
        cites=tuple(cites),
    )
