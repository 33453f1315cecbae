"""Export an article or a document as clean Markdown or text, and name the file safely.

The text comes from :mod:`phuly_tui.render.article` (a document's from
:mod:`phuly_tui.render.document`); this module adds the
file side: a name made from the Vietnamese title (ASCII, diacritics folded,
no path separators or reserved characters, at most :data:`MAX_STEM` characters,
cut at a word boundary) and a write that never overwrites an existing file
(:mod:`phuly_tui.user_files`, the one writer of the user's files).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from .model import Article
from .render.article import article_markdown, article_plain
from .text import fold
from .urls import canonical_url

if TYPE_CHECKING:
    from .documents import Document

__all__ = [
    "MAX_STEM",
    "Format",
    "export_article",
    "export_document",
    "export_filename",
    "write_export",
]

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


def export_article(
    article: Article,
    fmt: Format = "md",
    *,
    base_url: str | None = None,
    accessed: date | None = None,
    archived: tuple[str, str] | None = None,
) -> str:
    """The article as Markdown (``md``) or plain text (``txt``), ready to cite.

    "Nguồn:" gives the portal's own address even when the article was read
    through ``base_url`` (a mirror, the demo), and the day it was read
    (``accessed``, today by default): "truy cập ngày 02/12/2026".  ``archived``
    is ``(notice, capture URL)`` for a copy read from the Internet Archive: the
    export cites the capture beside the portal address.
    """
    if base_url:
        article = _on_portal_addresses(article, base_url)
    source = article.url
    day = accessed or date.today()
    if fmt == "md":
        return article_markdown(article, source_url=source, accessed=day, archived=archived)
    return article_plain(article, source_url=source, accessed=day, archived=archived)


def _on_portal_addresses(article: Article, base_url: str) -> Article:
    """The article with its own, its related and its attachments' addresses on
    the portal's canonical origin (a report must not cite ``127.0.0.1``)."""
    from dataclasses import replace

    def canonical(url: str) -> str:
        return canonical_url(url, base_url)

    return replace(
        article,
        url=canonical(article.url),
        related=tuple(replace(r, url=canonical(r.url)) for r in article.related),
        attachments=tuple(replace(a, url=canonical(a.url)) for a in article.attachments),
    )


def export_filename(article: Article, fmt: Format = "md") -> str:
    """``"Ban chỉ đạo 35 TP Phủ Lý…"`` → ``"ban-chi-dao-35-tp-phu-ly-….md"``."""
    return _title_filename(article.title, fmt)


def _title_filename(title: str, fmt: Format) -> str:
    slug = _NOT_SLUG.sub("-", fold(title)).strip("-")
    if len(slug) > MAX_STEM:
        cut = slug[:MAX_STEM]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[MAX_STEM // 2 :] else cut
    if not slug or slug in _WINDOWS_RESERVED:
        slug = f"bai-viet-{slug}" if slug else "bai-viet"
    return f"{slug}.{fmt}"


def write_export(
    item: Article | Document,
    destination: Path,
    fmt: Format = "md",
    *,
    exact: bool = False,
    overwrite: bool = False,
    base_url: str | None = None,
    archived: tuple[str, str] | None = None,
) -> Path:
    """Write the export as a file and return its path: the one export writer.

    ``item`` is an article or a document (an attachment read as text: the
    app's ``e``/``E`` on it).  ``destination`` is a folder: the file is named
    from the title and gets ``-2``, ``-3`` … when the name is taken (the app's
    ``e``/``E``, and ``phuly-tui export`` without ``-o`` or with ``-o
    FOLDER``).  With ``exact`` it is the file the user named (``export -o
    FILE``): :class:`FileExistsError` when something is there, unless
    ``overwrite`` (``--overwrite``) — then the file is replaced in one step.
    An existing file is never replaced otherwise (:mod:`phuly_tui.user_files`
    writes).  ``archived``: see :func:`export_article`.
    """
    from .user_files import save_bytes, write_to

    if isinstance(item, Article):
        text = export_article(item, fmt, base_url=base_url, archived=archived)
    else:
        text = export_document(item, fmt, base_url=base_url)
    data = text.encode("utf-8")
    if exact:
        return write_to(destination, data, overwrite=overwrite)
    return save_bytes(destination, _title_filename(item.title, fmt), data)


def export_document(document: Document, fmt: Format = "md", *, base_url: str | None = None) -> str:
    """A document as Markdown (``md``) or plain text (``txt``, a paragraph per line).

    Its address is given on the portal's own origin (``base_url`` is where
    it was read: a mirror, the demo), as an article's export does.
    """
    from dataclasses import replace

    from .render.document import document_markdown, document_plain

    if base_url:
        document = replace(document, url=canonical_url(document.url, base_url))
    if fmt == "md":
        return document_markdown(document)
    return document_plain(document)
