"""An article as Markdown, as plain text and as Rich renderables.

All three walk the same blocks in the same order and use the same placeholder
words, so what the CLI prints, what ``export`` writes and what the reader
shows agree.  Page text is only ever data: Markdown output escapes the
characters Markdown would interpret, Rich output builds ``Text`` objects from
plain strings (never markup), and all of it was hostile-stripped by the parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Final

from ..i18n import add_messages, t
from ..model import Article, Heading, Image, ListBlock, Paragraph, Table, Video
from .dates import article_date, format_datetime
from .placeholders import image_label, video_label

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["article_markdown", "article_plain", "article_rich", "meta_line"]

add_messages(
    {
        "article.related": ("Tin liên quan", "Related news"),
        "article.attachments": ("Tệp đính kèm", "Attachments"),
        "article.source": ("Nguồn", "Source"),
        "article.accessed": ("truy cập ngày {date}", "accessed {date}"),
        "article.author": ("Tác giả", "Author"),
    }
)

# Only what would otherwise become Markdown: backslashes, code, emphasis ("_" only
# at a word's edge — CommonMark never reads it inside a word, file names!), "<"
# (HTML, autolinks), "&" before an entity name, and a "]" that would close a link,
# an image or a reference definition ("](", "][", "]:").  A lone "[Ảnh 1/2: …]"
# is no syntax and stays as written; "[x](javascript:…)" can never become a link.
_MD_SPECIAL: Final = re.compile(r"([\\`*<~]|(?<!\w)_|_(?!\w)|&(?=#?\w+;)|\](?=[(\[:]))")
_MD_LINE_START: Final = re.compile(r"^(\s*)([#>+\-=|]|\d+[.)])", re.MULTILINE)


def md_escape(text: str) -> str:
    """Escape what Markdown would read as syntax (and nothing else)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def source_line(url: str, accessed: date | None) -> str:
    """``Nguồn: https://… , truy cập ngày 02/12/2026`` (the date only when given)."""
    line = f"{t('article.source')}: {url}"
    if accessed is not None:
        line += ", " + t("article.accessed", date=accessed.strftime("%d/%m/%Y"))
    return line


def meta_line(article: Article) -> str:
    """``Tin tức - Sự kiện · Thứ Sáu, 14/06/2024 08:30 · Tác giả: X``."""
    parts = [
        article.section or "",
        article_date(article),
        f"{t('article.author')}: {article.author}" if article.author else "",
    ]
    return " · ".join(p for p in parts if p)


def _attachment_suffix(file_type: str) -> str:
    return f" ({file_type})" if file_type else ""


def article_markdown(
    article: Article,
    *,
    source_url: str | None = None,
    accessed: date | None = None,
    archived: tuple[str, str] | None = None,
) -> str:
    """Clean Markdown: title, meta, source, lead, body, attachments, related.

    ``source_url`` is the address cited after "Nguồn:" (the portal's own, see
    :func:`phuly_tui.urls.canonical_url`; the article's URL by default) and
    ``accessed`` the day it was read, for citing in a report.  ``archived`` —
    ``(notice, capture URL)`` of an archived copy — is cited beside it
    ("Bản lưu trữ ngày … — <capture URL>").
    """
    out: list[str] = [f"# {md_escape(article.title)}", ""]
    meta = meta_line(article)
    if meta:
        out += [f"*{md_escape(meta)}*  "]
    url = source_url or article.url
    if archived is not None:  # the capture beside the portal address (a Markdown line break)
        out += [source_line(_md_url(url), accessed) + "  "]
        out += [f"{md_escape(archived[0])} — {_md_url(archived[1])}", ""]
    else:
        out += [source_line(_md_url(url), accessed), ""]
    if article.lead:
        out += [f"**{md_escape(article.lead)}**", ""]
    for line in _body_lines(article, markdown=True):
        out.append(line)
    if article.attachments:
        out += [f"## {t('article.attachments')}", ""]
        for att in article.attachments:
            suffix = _attachment_suffix(att.file_type)
            out.append(f"- [{_md_link_text(att.title)}]({_md_url(att.url)}){suffix}")
        out.append("")
    if article.related:
        out += [f"## {t('article.related')}", ""]
        for i, rel in enumerate(article.related, 1):
            date_text = format_datetime(rel.published)
            line = f"{i}. [{_md_link_text(rel.title)}]({_md_url(rel.url)})"
            out.append(line + (f" ({date_text})" if date_text else ""))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


_MD_LINK_TEXT: Final = re.compile(r"([\\`*<~\[\]]|(?<!\w)_|_(?!\w)|&(?=#?\w+;))")


def _md_link_text(text: str) -> str:
    """Text inside the ``[…]`` of a link we write: every bracket escaped too."""
    return _MD_LINK_TEXT.sub(r"\\\1", text)


def _md_url(url: str) -> str:
    """A link target in ``<…>`` (parentheses and spaces cannot end it early)."""
    return "<" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"


def article_plain(
    article: Article,
    *,
    source_url: str | None = None,
    accessed: date | None = None,
    archived: tuple[str, str] | None = None,
) -> str:
    """Plain text for a report: one line per paragraph, never wrapped.

    Pasted into a word processor, a hard-wrapped text breaks every line where
    the export happened to wrap; the reader's program wraps a paragraph itself.
    """
    title = article.title
    out: list[str] = [title, "=" * min(80, len(title)), ""]
    meta = meta_line(article)
    if meta:
        out.append(meta)
    out += [source_line(source_url or article.url, accessed)]
    if archived is not None:
        out += [f"{archived[0]} — {archived[1]}"]
    out += [""]
    if article.lead:
        out += [article.lead, ""]
    out += list(_body_lines(article, markdown=False))
    if article.attachments:
        out += [t("article.attachments"), "-" * len(t("article.attachments"))]
        for att in article.attachments:
            out.append(f"- {att.title}{_attachment_suffix(att.file_type)}: {att.url}")
        out.append("")
    if article.related:
        out += [t("article.related"), "-" * len(t("article.related"))]
        for i, rel in enumerate(article.related, 1):
            date_text = format_datetime(rel.published)
            out.append(f"{i}. {rel.title}" + (f" ({date_text})" if date_text else ""))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _body_lines(article: Article, *, markdown: bool) -> Iterator[str]:
    esc = md_escape if markdown else (lambda s: s)
    images = article.images
    videos = [b for b in article.blocks if isinstance(b, Video)]
    image_no = video_no = 0
    for block in article.blocks:
        if isinstance(block, Paragraph):
            yield esc(block.text)
        elif isinstance(block, Heading):
            yield f"## {esc(block.text)}" if markdown else block.text.upper()
        elif isinstance(block, Image):
            image_no += 1
            label = image_label(block, image_no, len(images)).text
            yield md_escape(label) if markdown else label
        elif isinstance(block, Video):
            video_no += 1
            yield _video_line(block, video_label(block, video_no, len(videos)), markdown=markdown)
        elif isinstance(block, ListBlock):
            for i, item in enumerate(block.items, 1):
                bullet = f"{i}." if block.ordered else "-"
                yield f"{bullet} {esc(item)}"
        elif isinstance(block, Table):
            yield from _table_lines(block, markdown=markdown)
        yield ""


def _video_line(video: Video, label: str, *, markdown: bool) -> str:
    """A video or embedded frame is a link like any other: its address is kept.

    Markdown: ``[Video 1/1: caption](<address>)``; text: the placeholder, then
    the address (unless the placeholder already is the address).
    """
    if markdown:
        return f"[{_md_link_text(label[1:-1])}]({_md_url(video.src)})"
    return label if video.src in label else f"{label} {video.src}"


def _table_lines(table: Table, *, markdown: bool) -> Iterator[str]:
    if not table.rows:
        return
    columns = max(len(row) for row in table.rows)
    rows = [list(row) + [""] * (columns - len(row)) for row in table.rows]
    if markdown:
        for n, row in enumerate(rows):
            yield "| " + " | ".join(md_escape(c).replace("|", "\\|") for c in row) + " |"
            if n == 0:
                yield "|" + "---|" * columns
        return
    widths = [max(len(row[c]) for row in rows) for c in range(columns)]
    for n, row in enumerate(rows):
        yield "  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip()
        if n == 0:
            yield "  ".join("-" * w for w in widths)


def article_rich(article: Article) -> list[RenderableType]:
    """Rich renderables for a terminal: styled when it is one, plain when piped."""
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    from .table import LaidOutTable

    parts: list[RenderableType] = [Text(article.title, style="bold")]
    meta = meta_line(article)
    if meta:
        parts.append(Text(meta, style="dim"))
    parts.append(Text(article.url, style="dim underline"))
    if article.lead:
        parts += [Text(""), Text(article.lead, style="bold italic"), Rule(style="dim")]
    images = article.images
    videos = [b for b in article.blocks if isinstance(b, Video)]
    image_no = video_no = 0
    for block in article.blocks:
        parts.append(Text(""))
        if isinstance(block, Paragraph):
            parts.append(Text(block.text))
        elif isinstance(block, Heading):
            parts.append(Text(block.text, style="bold underline"))
        elif isinstance(block, Image):
            image_no += 1
            label = image_label(block, image_no, len(images))
            parts.append(Text(label.text, style="dim" if label.from_file_name else "cyan"))
        elif isinstance(block, Video):
            video_no += 1
            parts.append(Text(video_label(block, video_no, len(videos)), style="cyan"))
            if block.caption:
                parts.append(Text(block.src, style="dim underline"))
        elif isinstance(block, ListBlock):
            for i, item in enumerate(block.items, 1):
                bullet = f"{i}. " if block.ordered else "• "
                parts.append(Padding(Text(bullet + item), (0, 0, 0, 2)))
        elif isinstance(block, Table) and block.rows:
            # laid out line by line: Rich's Table took 11 s for 20,000 rows
            parts.append(LaidOutTable(block.rows))
    if article.attachments:
        parts += [Text(""), Text(t("article.attachments"), style="bold")]
        for att in article.attachments:
            parts.append(Text(f"[{att.file_type or '?'}] {att.title} — {att.url}"))
    if article.related:
        parts += [Text(""), Text(t("article.related"), style="bold")]
        for i, rel in enumerate(article.related, 1):
            date = format_datetime(rel.published)
            line = Text(f"{i}. {rel.title}")
            if date:
                line.append(f" ({date})", style="dim")
            parts.append(line)
    return parts
