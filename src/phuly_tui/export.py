"""Export an article as clean Markdown or text, and name the file safely.

The text comes from :mod:`phuly_tui.render.article`; this module adds the
file side: a name made from the Vietnamese title (ASCII, diacritics folded,
no path separators or reserved characters, at most :data:`MAX_STEM` characters,
cut at a word boundary) and a write that never overwrites an existing file
(:mod:`phuly_tui.user_files`, the one writer of the user's files).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final, Literal

from .model import Article
from .render.article import article_markdown, article_plain
from .text import fold

__all__ = ["MAX_STEM", "Format", "export_article", "export_filename", "write_export"]

Format = Literal["md", "txt"]
MAX_STEM: Final = 80
_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")
_WINDOWS_RESERVED: Final = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(1, 10)),
        *(f"lpt{i}" for i in range(1, 10)),
    }
)


def export_article(article: Article, fmt: Format = "md", *, width: int = 80) -> str:
    """The article as Markdown (``md``) or wrapped plain text (``txt``)."""
    return article_markdown(article) if fmt == "md" else article_plain(article, width)


def export_filename(article: Article, fmt: Format = "md") -> str:
    """``"Ban chỉ đạo 35 TP Phủ Lý…"`` → ``"ban-chi-dao-35-tp-phu-ly-….md"``."""
    slug = _NOT_SLUG.sub("-", fold(article.title)).strip("-")
    if len(slug) > MAX_STEM:
        cut = slug[:MAX_STEM]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[MAX_STEM // 2 :] else cut
    if not slug or slug in _WINDOWS_RESERVED:
        slug = f"bai-viet-{slug}" if slug else "bai-viet"
    return f"{slug}.{fmt}"


def write_export(article: Article, folder: Path, fmt: Format = "md") -> Path:
    """Write the export into ``folder`` under a fresh name (``-2``, ``-3`` … if taken).

    The app's ``e``/``E`` and ``phuly-tui export`` (without ``-o FILE``) both
    write here; an existing file is never replaced.
    """
    from .user_files import save_bytes

    data = export_article(article, fmt).encode("utf-8")
    return save_bytes(folder, export_filename(article, fmt), data)
