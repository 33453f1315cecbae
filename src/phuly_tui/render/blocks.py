"""An article as one neutral sequence of blocks: what every output shows.

The reader, the CLI (plain and styled), the Markdown export and the text export
used to walk the article each on its own, and drifted apart: the author's label,
the related articles' dates and the images' style differed between them although
the README promised they agree.  Now :func:`article_blocks` walks the article
once and decides *what* is shown — the words, their order, which parts belong
together, the links and their numbers — and each output only decides *how*:
Markdown syntax, a text layout, or a style for each block's :data:`Role`
(:mod:`.styles`, one table for the reader and the CLI).

A block is one unit of the page: a title, a paragraph, a list item, a table, an
image's placeholder.  Its text is page text made clean once here
(:func:`phuly_tui.text.clean_text`: no control bytes, no escape sequences), and
never markup: each output escapes it (Markdown) or builds ``Text`` from it.
Imports no Textual and no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeAlias

from ..i18n import add_messages, t
from ..model import Article, Heading, Image, InlineLink, ListBlock, Paragraph, Table, Video
from ..text import clean_text
from ..values import Value
from .dates import article_date, format_datetime
from .placeholders import image_label, video_label

__all__ = [
    "BlockKind",
    "LinkSpan",
    "RenderedBlock",
    "Role",
    "article_blocks",
    "meta_line",
    "source_line",
]

add_messages(
    {
        "article.source": ("Nguồn", "Source"),
        "article.accessed": ("truy cập ngày {date}", "accessed {date}"),
        "article.author": ("Tác giả", "Author"),
    }
)

BlockKind: TypeAlias = Literal[
    "title",  # the article's title
    "meta",  # section · date · author
    "source",  # "Nguồn: <address>, truy cập ngày …" (exports and CLI; the reader has `y`)
    "archived",  # the archive capture cited beside the source: text, then ``url``
    "lead",  # the sapo, set apart
    "rule",  # a line under the lead (outputs without lines skip it)
    "paragraph",  # body text; ``links`` are its inline links
    "heading",
    "image",  # a placeholder: ``[Ảnh 2/6: caption]``
    "video",  # a placeholder that is a link: ``url`` is the video, ``number`` its link number
    "list_item",  # one item; ``number`` 1… when the list is ordered, 0 for a bullet
    "table",  # ``rows``, the first one the header
    "group",  # a group's heading: "Tệp đính kèm", "Tin liên quan" (``label`` says which)
    "attachment",  # ``text`` the title, ``label`` the file type, ``url`` the file
    "related",  # ``number`` 1…N, ``text`` the title, ``label`` the date, ``url``
]

#: how a block (or a span of it) looks; the styles are in :mod:`.styles`
Role: TypeAlias = Literal[
    "title",
    "meta",
    "date_estimated",  # a date the page did not state (the listing's): dimmer still
    "source",
    "address",
    "lead",
    "rule",
    "body",
    "heading",
    "image",
    "image_file_name",  # a placeholder whose words are only a file name: dim
    "video",
    "link",
    "link_number",
    "group",
    "file_type",
    "number",
    "date",
]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class LinkSpan(Value):
    """An inline link of a paragraph and the number the reader shows after it.

    ``start``/``end`` are offsets of the link's words in the block's text, or
    ``-1`` when the text does not contain them (the number then follows the
    paragraph).
    """

    link: InlineLink
    number: int
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class RenderedBlock(Value):
    """One unit of the article as every output shows it (see the module doc).

    Attributes:
        kind: What the block is; an output chooses its syntax by it.
        text: The words shown (clean page text or the app's own words).
        role: How it looks, looked up in :data:`~.styles.STYLES`.
        gap: A blank line goes before it (it starts a new part of the page).
        url: The address a video, attachment, related article or source points to.
        label: A short second value: the file type, the related date, the group.
        number: A list item's or related article's number, a video's link number.
        links: A paragraph's inline links, numbered across the article.
        spans: ``(start, end, role)`` parts of ``text`` styled differently.
        rows: A table's cells.
    """

    kind: BlockKind
    text: str = ""
    role: Role = "body"
    gap: bool = False
    url: str = ""
    label: str = ""
    number: int = 0
    links: tuple[LinkSpan, ...] = ()
    spans: tuple[tuple[int, int, Role], ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def source_line(url: str, accessed: date | None) -> str:
    """``Nguồn: https://… , truy cập ngày 02/12/2026`` (the date only when given)."""
    line = f"{t('article.source')}: {url}"
    if accessed is not None:
        line += ", " + t("article.accessed", date=accessed.strftime("%d/%m/%Y"))
    return line


def meta_line(article: Article) -> str:
    """``Tin tức - Sự kiện · Thứ Sáu, 14/06/2024 08:30 · Tác giả: X``."""
    return _meta(article)[0]


def _meta(article: Article) -> tuple[str, tuple[tuple[int, int, Role], ...]]:
    """The meta line, and the span of its date when the page did not state it."""
    section = clean_text(article.section)
    date_text = article_date(article)
    author = clean_text(article.author)
    parts = [section, date_text, f"{t('article.author')}: {author}" if author else ""]
    line = " · ".join(p for p in parts if p)
    if date_text and article.published_from is not None:
        start = line.find(date_text)
        return line, ((start, start + len(date_text), "date_estimated"),)
    return line, ()


def article_blocks(
    article: Article,
    *,
    source_url: str | None = None,
    accessed: date | None = None,
    archived: tuple[str, str] | None = None,
) -> tuple[RenderedBlock, ...]:
    """The article as blocks, in the order every output shows them.

    ``source_url`` is the address cited after "Nguồn:" (the article's URL by
    default; the export gives the portal's own), ``accessed`` the day it was
    read, ``archived`` ``(notice, capture URL)`` of an archived copy.
    """
    out: list[RenderedBlock] = [RenderedBlock("title", clean_text(article.title), "title")]
    meta, meta_spans = _meta(article)
    if meta:
        out.append(RenderedBlock("meta", meta, "meta", spans=meta_spans))
    url = source_url or article.url
    out.append(RenderedBlock("source", source_line(url, accessed), "source", url=url))
    if archived is not None:
        out.append(RenderedBlock("archived", clean_text(archived[0]), "source", url=archived[1]))
    if article.lead:
        out.append(RenderedBlock("lead", clean_text(article.lead), "lead", gap=True))
        out.append(RenderedBlock("rule", role="rule"))
    out += _body(article)
    if article.attachments:
        heading = t("article.attachments")
        out.append(RenderedBlock("group", heading, "group", gap=True, label="attachments"))
        for att in article.attachments:
            title = clean_text(att.title)
            out.append(RenderedBlock("attachment", title, url=att.url, label=att.file_type))
    if article.related:
        heading = t("article.related")
        out.append(RenderedBlock("group", heading, "group", gap=True, label="related"))
        for number, rel in enumerate(article.related, 1):
            date_text = format_datetime(rel.published)
            title = clean_text(rel.title)
            out.append(RenderedBlock("related", title, url=rel.url, label=date_text, number=number))
    return tuple(out)


def _body(article: Article) -> list[RenderedBlock]:
    out: list[RenderedBlock] = []
    image_total = video_total = 0
    for block in article.blocks:
        if isinstance(block, Image):
            image_total += 1
        elif isinstance(block, Video):
            video_total += 1
    image_no = video_no = links = 0
    for block in article.blocks:
        if isinstance(block, Paragraph):
            text = clean_text(block.text)
            spans: list[LinkSpan] = []
            cursor = 0
            for link in block.links:
                links += 1
                label = clean_text(link.text)
                found = text.find(label, cursor) if label else -1
                if found < 0:
                    spans.append(LinkSpan(link, links))
                    continue
                cursor = found + len(label)
                spans.append(LinkSpan(link, links, found, cursor))
            out.append(RenderedBlock("paragraph", text, gap=True, links=tuple(spans)))
        elif isinstance(block, Heading):
            out.append(RenderedBlock("heading", clean_text(block.text), "heading", True))
        elif isinstance(block, Image):
            image_no += 1
            placeholder = image_label(block, image_no, image_total)
            role: Role = "image_file_name" if placeholder.from_file_name else "image"
            out.append(RenderedBlock("image", clean_text(placeholder.text), role, True))
        elif isinstance(block, Video):
            video_no += 1
            links += 1
            text = clean_text(video_label(block, video_no, video_total))
            out.append(RenderedBlock("video", text, "video", True, block.src, number=links))
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, 1):
                out.append(
                    RenderedBlock(
                        "list_item",
                        clean_text(item),
                        gap=number == 1,
                        number=number if block.ordered else 0,
                    )
                )
        elif isinstance(block, Table):
            rows = tuple(tuple(clean_text(cell) for cell in row) for row in block.rows)
            out.append(RenderedBlock("table", gap=True, rows=rows))
    return out
