"""An article body (a rich-text field) → typed blocks, in document order.

The rules are the portal README's: paragraphs may be ``<p>`` or ``<div>``;
inline markup is flattened; a single ``<br>`` is whitespace, two or more in a
row split paragraphs; every ``<img>`` is its own image block (text around it
stays in paragraphs, in order); a caption is a ``<figcaption>``, the second
row of a one-column image table, or the entirely italic paragraph right after
the image (that paragraph is then not a block); headings come only from
``<h1>``–``<h6>``; lists and data tables keep their structure; ``<iframe>`` /
``<video>`` are video blocks and their fallback content is not text.

Lists pasted from Microsoft Word (paragraphs, not ``<ul>``) are read by :mod:`.lists`.

The walk is iterative, scoped to the body node, and skips hidden elements,
scripts and form controls, and any subtree the caller marks as not-body
(related news, tools, attachments found inside the body node by meaning).
Callers pass the body through :func:`.dom.make_visible` (or ``prune``) first:
texts of headings, list items and cells are read with :func:`.dom.text_of`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Final, cast

from selectolax.lexbor import LexborNode

from ..model import Block, Heading, Image, InlineLink, ListBlock, Paragraph, Table, Video
from ..text import clean_text
from ..urls import is_http_url
from .byline import byline_author, closing_byline, split_byline  # re-exported
from .dom import NON_CONTENT_TAGS, attr, hidden_by, is_hidden, right_aligned_by, text_of
from .links import absolute_url
from .lists import is_word_list_item, list_items, word_list_item
from .provenance import Trace

__all__ = [
    "BOLD_STYLE",
    "ITALIC_STYLE",
    "ITALIC_TAGS",
    "MAX_BLOCKS",
    "BodyResult",
    "ParagraphInfo",
    "byline_author",
    "closing_byline",
    "convert_body",
    "image_block",
    "split_byline",
    "table_rows",
]

_BLOCK_TAGS: Final = frozenset(
    {
        "p", "div", "section", "article", "blockquote", "center", "address", "pre", "main",
        "header", "footer", "aside", "dl", "dt", "dd", "hr", "form", "fieldset", "details",
        "summary", "nav", "li", "tbody", "thead", "tfoot", "tr", "td", "th", "caption",
        "body", "html", "span-block",
    }
)  # fmt: skip
#: an article body never has more blocks than this; the bound keeps huge pages fast
MAX_BLOCKS: Final = 10_000
#: most text the image cell of an image table holds (a caption at most): a one-cell
#: table holding more is an editor's layout table around the body, images and all
_IMAGE_CELL_TEXT: Final = 300
ITALIC_TAGS: Final = frozenset({"em", "i", "cite", "var", "dfn"})
_HEADINGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VIDEO_TAGS: Final = frozenset({"iframe", "video", "embed", "object"})
_MEDIA_BLOCKS: Final = (Image, Video)
ITALIC_STYLE: Final = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)
_BOLD_TAGS: Final = frozenset({"b", "strong"})
BOLD_STYLE: Final = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)


class _Break:
    """A ``<br>`` in the inline buffer."""


_BR: Final = _Break()


@dataclass(slots=True)
class _Text:
    text: str
    italic: bool
    bold: bool = False


@dataclass(slots=True)
class _LinkEnd:
    link: InlineLink


_Piece = _Text | _Break | _LinkEnd


@dataclass(slots=True)
class ParagraphInfo:
    """What the byline rule needs to know about a paragraph block."""

    right_aligned: bool = False
    italic: bool = False
    #: every letter bold (a lead written as the body's first paragraph, a signature)
    bold: bool = False


@dataclass(slots=True)
class BodyResult:
    blocks: list[Block] = field(default_factory=list)
    info: dict[int, ParagraphInfo] = field(default_factory=dict)


@dataclass(slots=True)
class _Frame:
    """Exit action for an element on the walk stack."""

    node: LexborNode
    kind: str  # "block", "italic", "bold", "link", "figure", "align"
    start: int = 0
    href: str | None = None
    caption: LexborNode | None = None


class _Converter:
    def __init__(self, page_url: str, skip: frozenset[int], trace: Trace | None) -> None:
        self.page_url = page_url
        self.skip = skip
        self.trace = trace
        self.result = BodyResult()
        self.buffer: list[_Piece] = []
        #: ``<br>`` pieces in the buffer (none: the buffer is one paragraph)
        self.breaks = 0
        self.italic = 0
        self.bold = 0
        self.right_aligned: list[bool] = [False]
        #: index of the last image/video block that may still take a caption
        self.captionable: int | None = None
        #: index of the list block Word list paragraphs are being gathered into
        self.word_list: int | None = None

    # -- emitting -----------------------------------------------------------
    def emit(self, block: Block, info: ParagraphInfo | None = None) -> None:
        blocks = self.result.blocks
        blocks.append(block)
        if info is not None:
            self.result.info[len(blocks) - 1] = info
        self.captionable = len(blocks) - 1 if isinstance(block, _MEDIA_BLOCKS) else None

    def set_caption(self, index: int, caption: str, rule: str) -> None:
        block = self.result.blocks[index]
        if isinstance(block, _MEDIA_BLOCKS):
            self.result.blocks[index] = dataclasses.replace(block, caption=caption)
            if self.trace is not None:
                self.trace.add(f"blocks[{index}].caption", rule, caption)

    def flush(self) -> None:
        if not self.buffer:
            return
        pieces, self.buffer = self.buffer, []
        parts = _split_paragraphs(pieces) if self.breaks else [pieces]
        self.breaks = 0
        for part in parts:
            texts = [p for p in part if type(p) is _Text]
            text = clean_text("".join([t.text for t in texts]))
            if not text:
                continue
            italic = all(t.italic for t in texts if t.text.strip())
            bold = all(t.bold for t in texts if t.text.strip())
            if italic and self.captionable is not None:
                index = self.captionable
                self.captionable = None
                self.set_caption(index, text, "meaning:italic paragraph after image")
                continue
            links = tuple([p.link for p in part if type(p) is _LinkEnd])
            self.emit(Paragraph(text, links), ParagraphInfo(self.right_aligned[-1], italic, bold))

    # -- elements -----------------------------------------------------------
    def image(self, node: LexborNode, attributes: dict[str, str | None] | None = None) -> None:
        block = image_block(node.attributes if attributes is None else attributes, self.page_url)
        if block is None:
            return
        self.flush()
        self.emit(block)

    def video(self, node: LexborNode) -> None:
        raw = attr(node, "src") or attr(node, "data") or attr(node, "data-src")
        if raw is None:
            source = node.css_first("source[src]")
            raw = attr(source, "src") if source is not None else None
        src = absolute_url(raw, self.page_url)
        self.flush()
        if src is not None and is_http_url(src):
            self.emit(Video(src))

    def heading(self, node: LexborNode) -> None:
        self.flush()
        text = text_of(node)
        if text:
            self.emit(Heading(text, int((node.tag or "h2")[1])))
        for img in node.css("img"):
            self.image(img)

    def listing(self, node: LexborNode) -> None:
        self.flush()
        items = tuple(list_items(node, _BLOCK_TAGS | _HEADINGS))
        if items:
            self.emit(ListBlock(items, node.tag == "ol"))

    def word_list_item(self, node: LexborNode) -> None:
        """One paragraph of a list pasted from Word (:func:`.lists.word_list_item`)."""
        self.flush()
        found = word_list_item(node)
        if found is None:
            return
        text, ordered = found
        blocks = self.result.blocks
        current = blocks[-1] if blocks and self.word_list == len(blocks) - 1 else None
        if isinstance(current, ListBlock):
            blocks[-1] = ListBlock((*current.items, text), current.ordered)
            return
        self.emit(ListBlock((text,), ordered))
        self.word_list = len(blocks) - 1

    def table(self, node: LexborNode) -> list[LexborNode]:
        """Emit a table (or image table); return cells to walk as content, if layout."""
        self.flush()
        rows = table_rows(node)
        if not rows:
            return []
        columns = max(len(cells) for cells in rows)
        if (
            columns <= 1
            and rows[0]
            and rows[0][0].css_first("img") is not None
            and len(text_of(rows[0][0])) <= _IMAGE_CELL_TEXT
        ):
            return self.image_table(rows)
        if len(rows) == 1 and columns == 1:
            return rows[0]
        if node.css_first("img") is not None and len(text_of(node)) <= 300:
            return self.picture_grid(rows)
        if (len(rows) == 1 or columns == 1) and any(
            cell.css_first("p,div,h1,h2,h3,h4,h5,h6,ul,ol,table,img,iframe,video") is not None
            for cells in rows
            for cell in cells
        ):
            return [cell for cells in rows for cell in cells]
        texts = tuple(
            row for row in (tuple(text_of(cell) for cell in cells) for cells in rows) if any(row)
        )
        if texts:
            self.emit(Table(texts))
        return []

    def picture_grid(self, rows: list[list[LexborNode]]) -> list[LexborNode]:
        """A table laying out several pictures (little text): images in order, and a
        row of text right under a row of pictures captions its last picture."""
        for cells in rows:
            images = [img for cell in cells for img in cell.css("img")]
            if images:
                for img in images:
                    self.image(img)
                continue
            text = " ".join(t for t in (text_of(cell) for cell in cells) if t)
            if not text:
                continue
            if self.captionable is not None:
                index, self.captionable = self.captionable, None
                self.set_caption(index, text, "meaning:image table caption row")
            else:
                self.emit(Paragraph(text), ParagraphInfo())
        return []

    def image_table(self, rows: list[list[LexborNode]]) -> list[LexborNode]:
        first = len(self.result.blocks)
        for img in rows[0][0].css("img"):
            self.image(img)
        rest = [cells[0] for cells in rows[1:] if cells]
        if rest and rest[0].css_first("img") is None and len(self.result.blocks) > first:
            caption = text_of(rest[0])
            if caption:
                self.set_caption(len(self.result.blocks) - 1, caption, "meaning:image table row 2")
                self.captionable = None
                rest = rest[1:]
        return rest

    # -- the walk -----------------------------------------------------------
    def walk(self, root: LexborNode) -> BodyResult:
        stack: list[LexborNode | _Frame] = list(reversed(list(root.iter(include_text=True))))
        while stack and len(self.result.blocks) < MAX_BLOCKS:
            item = stack.pop()
            if type(item) is _Frame:
                self.leave(item)
                continue
            node = cast(LexborNode, item)
            tag = node.tag
            if tag == "-text":
                text = node.text_content
                if text:
                    self.buffer.append(_Text(text, self.italic > 0, self.bold > 0))
                continue
            if tag == "br":
                self.buffer.append(_BR)
                self.breaks += 1
                continue
            if tag == "img":
                attributes = node.attributes
                if not hidden_by(attributes):
                    self.image(node, attributes)
                continue
            if tag in _VIDEO_TAGS:
                if not is_hidden(node):
                    self.video(node)
                continue
            if tag in NON_CONTENT_TAGS:
                continue
            attributes = node.attributes
            if hidden_by(attributes) or node.mem_id in self.skip:
                continue
            children: list[LexborNode] | None = None
            if tag in _HEADINGS:
                self.heading(node)
            elif tag in ("ul", "ol"):
                self.listing(node)
            elif tag == "table":
                children = self.table(node)
                if children:
                    stack.append(_Frame(node, "block"))
                    stack.extend(reversed(children))
            elif tag == "p" and is_word_list_item(attributes):
                self.word_list_item(node)
            elif tag == "figure":
                self.flush()
                caption = node.css_first("figcaption")
                stack.append(_Frame(node, "figure", len(self.result.blocks), caption=caption))
                stack.extend(
                    reversed([c for c in node.iter(include_text=True) if c.tag != "figcaption"])
                )
            else:
                self.enter(node, tag, attributes, stack)
        self.flush()
        return self.result

    def enter(
        self,
        node: LexborNode,
        tag: str | None,
        attributes: dict[str, str | None],
        stack: list[LexborNode | _Frame],
    ) -> None:
        frames: list[_Frame] = []
        if tag in _BLOCK_TAGS:
            self.flush()
            self.right_aligned.append(right_aligned_by(attributes) or self.right_aligned[-1])
            frames.append(_Frame(node, "block"))
        elif tag == "a":
            href = attributes.get("href")
            frames.append(_Frame(node, "link", len(self.buffer), href=href))
        style = attributes.get("style")
        if tag in ITALIC_TAGS or (style and ITALIC_STYLE.search(style)):
            self.italic += 1
            frames.append(_Frame(node, "italic"))
        if tag in _BOLD_TAGS or (style and BOLD_STYLE.search(style)):
            self.bold += 1
            frames.append(_Frame(node, "bold"))
        stack.extend(frames)
        stack.extend(reversed(list(node.iter(include_text=True))))

    def leave(self, frame: _Frame) -> None:
        kind = frame.kind
        if kind == "block":
            self.flush()
            if frame.node.tag != "table":
                self.right_aligned.pop()
        elif kind == "italic":
            self.italic -= 1
        elif kind == "bold":
            self.bold -= 1
        elif kind == "link":
            pieces = self.buffer[frame.start :]
            text = clean_text("".join(p.text for p in pieces if isinstance(p, _Text)))
            url = absolute_url(frame.href, self.page_url)
            if text and url is not None and is_http_url(url):
                self.buffer.append(_LinkEnd(InlineLink(text, url)))
        elif kind == "figure":
            self.flush()
            caption = text_of(frame.caption) if frame.caption is not None else ""
            if caption:
                media = [
                    i
                    for i in range(frame.start, len(self.result.blocks))
                    if isinstance(self.result.blocks[i], _MEDIA_BLOCKS)
                ]
                if media:
                    self.set_caption(media[-1], caption, "meaning:figcaption")
                else:
                    self.emit(Paragraph(caption), ParagraphInfo())
            self.captionable = None


def image_block(attributes: dict[str, str | None], page_url: str) -> Image | None:
    """The image block of an ``<img>`` (its attributes): source made absolute (a lazy
    loader's ``data-src`` too), alt as written; None without a usable source."""
    src = absolute_url(attributes.get("src") or attributes.get("data-src"), page_url)
    return Image(src, clean_text(attributes.get("alt"))) if src is not None else None


def _split_paragraphs(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Split the inline buffer where two or more ``<br>`` follow each other."""
    parts: list[list[_Piece]] = [[]]
    pending_break = False
    for piece in pieces:
        if piece is _BR:
            if pending_break:
                if parts[-1]:
                    parts.append([])
                continue
            pending_break = True
            continue
        if isinstance(piece, _Text) and not piece.text.strip():
            if not pending_break:
                parts[-1].append(piece)
            continue
        if pending_break:
            parts[-1].append(_Text(" ", False))
            pending_break = False
        parts[-1].append(piece)
    return parts


def table_rows(table: LexborNode) -> list[list[LexborNode]]:
    """The visible cells of each visible row of ``table`` (not of tables inside it)."""
    rows: list[list[LexborNode]] = []
    for child in table.iter():
        if child.tag in ("thead", "tbody", "tfoot"):
            candidates = [c for c in child.iter() if c.tag == "tr"]
        elif child.tag == "tr":
            candidates = [child]
        else:
            continue
        for row in candidates:
            if is_hidden(row):
                continue
            rows.append([c for c in row.iter() if c.tag in ("td", "th") and not is_hidden(c)])
    return rows


def convert_body(
    root: LexborNode,
    page_url: str,
    *,
    skip: frozenset[int] = frozenset(),
    trace: Trace | None = None,
) -> BodyResult:
    """Blocks of the rich-text body under ``root`` (see the module doc)."""
    return _Converter(page_url, skip, trace).walk(root)
