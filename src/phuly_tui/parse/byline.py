"""Who wrote an article, when the body's own last line says it: the byline rules.

"Tin, ảnh: Minh Anh", "Nguồn: Báo Hà Nam", "Theo Báo Hà Nam", "Minh Anh (tổng
hợp)", or a short right-aligned or bold signature: the last paragraph is then
the author, not body text.  The labels are compared folded (no diacritics, one
space), as editors write them every which way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final, Protocol

from ..model import Block, Paragraph
from ..text import clean_text
from .folding import fast_fold

__all__ = ["byline_author", "closing_byline", "split_byline"]


class _ParagraphLook(Protocol):
    """How a paragraph looked (:class:`.blocks.ParagraphInfo`)."""

    @property
    def right_aligned(self) -> bool: ...

    @property
    def bold(self) -> bool: ...


class _Body(Protocol):
    """A converted body (:class:`.blocks.BodyResult`; named here without importing it)."""

    @property
    def blocks(self) -> list[Block]: ...

    @property
    def info(self) -> Mapping[int, _ParagraphLook]: ...


_BYLINE_LABELS: Final = frozenset(
    {
        "tin, anh", "tin va anh", "tin", "bai, anh", "bai va anh", "bai", "anh", "nguon",
        "tac gia", "theo", "bai viet", "thuc hien", "tin, bai", "tin bai", "bai va tin",
        "tin, video", "video", "tin anh", "bai anh",
    }
)  # fmt: skip
_LABEL_SPACES: Final = re.compile(r"\s*([,&/])\s*|\s+")
#: "… (tổng hợp)", "… (tổng hợp, dịch)": who compiled the article, on its last line
_COMPILED_BY: Final = re.compile(r"\((?:tong hop|st|suu tam|bien dich|luoc dich)[^()]*\)$")
_SIGNATURE_WORDS: Final = 8
_SIGNATURE_LENGTH: Final = 60


def byline_author(text: str) -> str | None:
    """The name in a byline such as ``"Tin, ảnh: Minh Anh"``, or None if not a byline."""
    label, colon, rest = text.partition(":")
    if not colon or len(label) > 20:
        return None
    folded = _LABEL_SPACES.sub(lambda m: f"{m[1]} " if m[1] else " ", fast_fold(label)).strip()
    if folded not in _BYLINE_LABELS:
        return None
    author = clean_text(rest)
    return author or None


def _is_signature(text: str) -> bool:
    """Short like a name or a source, and not a sentence."""
    return (
        len(text) <= _SIGNATURE_LENGTH
        and len(text.split()) <= _SIGNATURE_WORDS
        and not text.endswith((".", "?", "!", ";", ":"))
    )


def closing_byline(text: str) -> tuple[str, str] | None:
    """(author, rule) when ``text``, the last line of an article, is a byline.

    Besides a labelled one (:func:`byline_author`): "Theo Báo Hà Nam" (the
    source, the word "Theo" removed; "Theo đó, …" is a sentence: a comma rules
    it out) and "Minh Anh (tổng hợp)" (kept whole: the note says how the text
    was made).
    """
    if len(text) > 120:
        return None
    author = byline_author(text)
    if author is not None:
        return author, "meaning:byline label"
    if not _is_signature(text) or any(mark in text for mark in ",;"):
        return None
    folded = fast_fold(text)
    if folded.startswith("theo ") and len(text.split()) >= 2:
        return clean_text(text[5:]), "meaning:byline 'Theo …'"
    if _COMPILED_BY.search(folded):
        return text, "meaning:byline '(tổng hợp)'"
    return None


def split_byline(result: _Body) -> tuple[list[Block], str | None, str | None]:
    """Remove a byline that ends the body; return (blocks, author, how it was found).

    A byline is the last paragraph when it reads as one (:func:`closing_byline`:
    "Tin, ảnh:", "Nguồn:", "Theo …", "… (tổng hợp)") — wherever it is aligned —
    or when it is a short, right-aligned or wholly bold paragraph without a
    sentence's full stop (a signature).
    """
    blocks = result.blocks
    if not blocks or not isinstance(blocks[-1], Paragraph):
        return blocks, None, None
    text = blocks[-1].text
    found = closing_byline(text)
    if found is not None:
        return blocks[:-1], found[0], found[1]
    info = result.info.get(len(blocks) - 1)
    if info is not None and (info.right_aligned or info.bold) and _is_signature(text):
        how = "right-aligned" if info.right_aligned else "bold"
        return blocks[:-1], text, f"meaning:{how} signature"
    return blocks, None, None
