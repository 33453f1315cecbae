"""The reader pane: one article, wrapped for reading, drawn only where it is seen.

The article is a list of pieces — lines of text (``Text``), a rule, tables —
in one line-API :class:`~.article_body.ArticleBody` inside a scrolling
container: one widget per paragraph is measurably slower to mount and lay out,
and one ``Static`` holding the whole article rendered all of it on every
layout (a 20,000-row table froze the app for 20 s).  Every string comes from
the page and is only ever ``Text`` data, never markup.

A big article (:data:`BIG_ARTICLE` table cells and blocks) is turned into
pieces and measured in a thread worker, with the loading indicator up; the
event loop keeps answering keys meanwhile.  Tables are shown whole — every
row, as an official document needs — and drawn a screenful at a time.

Layout: title; section · date · author; the lead set apart; the body
(paragraphs with numbered link hints like w3m's ``text[1]``, headings, lists,
tables, one-line image and video placeholders with the CLI's words); the
attachments with their file type; "Tin liên quan" numbered 1…N (keys 1–9);
the neighbours in the list (keys p / n).  A document (:mod:`.document_view`)
is shown in the same pane; its cited numbers take the keys 1–9, and the key
bar says so.

Find in the article highlights every match (diacritics optional: ``phu ly``
finds ``Phủ Lý``) and scrolls to the current one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Final

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from ...i18n import t
from ..formatting import display_parts, plain, screen_block, screen_line
from ..keys import RELATED_IDS, bindings_for, describe_bindings, localize_bindings
from .article_body import ArticleBody, Measured, Piece, RulePiece, TablePiece, measure_pieces

if TYPE_CHECKING:
    from ...documents import Document
    from ...model import Article, InlineLink, ListingItem
    from ...render.find import Match
    from .find_bar import FindBar

__all__ = ["BIG_ARTICLE", "Reader", "RenderedArticle", "render_article"]

#: table cells plus blocks from which an article is prepared in a thread
BIG_ARTICLE: Final = 3000

MATCH_STYLE = "reverse"
CURRENT_MATCH_STYLE = "reverse bold underline"


@dataclass(slots=True)
class RenderedArticle:
    """An article turned into pieces, with what the keys need to know.

    ``blocks`` are drawn in order, one piece each (a multi-line text is split
    into one piece per line); ``searchable[i]`` is ``blocks[i]`` when it is
    text (find highlights it), else None.
    """

    blocks: list[Piece] = field(default_factory=list)
    searchable: list[Text | None] = field(default_factory=list)
    links: list[InlineLink] = field(default_factory=list)

    def add(self, block: Piece) -> None:
        if isinstance(block, Text):
            lines = block.split("\n") if "\n" in block.plain else [block]
            for line in lines:
                line.end = ""
                self.blocks.append(line)
                self.searchable.append(line)
            return
        self.blocks.append(block)
        self.searchable.append(None)

    def gap(self) -> None:
        self.add(Text(""))


def render_article(
    article: Article,
    *,
    previous: ListingItem | None = None,
    following: ListingItem | None = None,
    notice: str | None = None,
    updated: bool = False,
) -> RenderedArticle:
    """Turn ``article`` into the reader's pieces (see the module docstring).

    The words and their order are :func:`~phuly_tui.render.blocks.article_blocks`',
    the looks :func:`~phuly_tui.render.styled.block_text`'s — the CLI and the
    exports draw the same blocks.  The reader adds its own parts around them: the
    notice of a stored copy, "đã cập nhật", the key of the attachments (``a``),
    the link numbers and the list's neighbours; it leaves out the source line
    (``y`` copies the address, the status bar shows it).
    """
    from ...model import InlineLink  # the article side: not needed to start
    from ...render.blocks import article_blocks
    from ...render.styled import block_text

    out = RenderedArticle()
    if notice:
        out.add(Text(screen_line(notice), style="italic reverse", end=""))
        out.gap()
    for block in article_blocks(article):
        kind = block.kind
        if kind in _NOT_IN_READER:
            continue
        if block.gap:
            out.gap()
        if kind == "rule":
            out.add(RulePiece())
        elif kind == "table":
            out.add(TablePiece([[display_parts(cell) for cell in row] for row in block.rows]))
        else:
            text = block_text(block, draw=display_parts, link_numbers=True, end="")
            if kind == "meta" and updated:
                text.append(f"  • {t('ui.updated')}", style="bold italic")
            elif kind == "group" and block.label == "attachments":
                text.append(" (a)")
            elif kind == "paragraph":
                out.links += (span.link for span in block.links)
            elif kind == "video":
                # a link like any other: numbered, listed by L, opened (after asking) outside
                out.links.append(InlineLink(display_parts(block.text).strip("[]"), block.url))
            out.add(text)
    if previous or following:
        out.gap()
        out.add(Text(t("ui.reader.neighbours"), style="bold", end=""))
        if previous:
            out.add(Text.assemble((f"{t('ui.reader.previous')}: ", "dim"), plain(previous.title)))
        if following:
            out.add(Text.assemble((f"{t('ui.reader.next')}: ", "dim"), plain(following.title)))
    return out


#: blocks for citing the article, not for reading it
_NOT_IN_READER: Final = frozenset({"source", "archived"})


class Reader(VerticalScroll):
    """Scrolling pane holding the article's :class:`ArticleBody`."""

    BINDINGS = bindings_for("reader")

    DEFAULT_CSS = """
    Reader {
        padding: 0 2;
    }
    Reader > #article-body {
        max-width: 88;
        width: 100%;
        height: auto;
        padding: 1 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)
        self.article: Article | None = None
        #: the document shown instead of an article (see show_document)
        self.document: Document | None = None
        #: the file the reader shows — a document, or a notice about one (o, s, y act on it)
        self.file_url: str | None = None
        self.rendered = RenderedArticle()
        self.matches: list[Match] = []
        self.match_index = -1
        self.query_text = ""
        self._find_bar: FindBar | None = None
        #: counts show requests, so a thread's late result for an older one is dropped
        self._generation = 0
        self._pending: int | None = None
        #: a find asked for while a big article is still being prepared
        self._pending_find: str | None = None

    def compose(self) -> ComposeResult:
        yield ArticleBody([Text(t("ui.reader.empty"), style="italic")], id="article-body")

    @property
    def find_bar(self) -> FindBar | None:
        """The find bar, once ``f`` has been pressed (mounted on first use)."""
        return self._find_bar

    async def open_find(self) -> None:
        """``f``: show the find bar (its Enter / F3 move, Escape closes).

        The bar (an ``Input``) is mounted the first time: the first frame of
        the app does not pay for a widget most sessions never use.
        """
        if self._find_bar is None:
            from .find_bar import FindBar

            self._find_bar = FindBar(id="find-bar")
            await self.mount(self._find_bar)
        self._find_bar.open(self.query_text or None)

    # FindBar messages, handled by name so that its module loads only when used
    def on_find_bar_changed(self, event: FindBar.Changed) -> None:
        event.stop()
        total = self.find(event.query)
        event.find_bar.set_count(1 if total else 0, total)

    def on_find_bar_next(self, event: FindBar.Next) -> None:
        event.stop()
        self._step_find(1)

    def on_find_bar_previous(self, event: FindBar.Previous) -> None:
        event.stop()
        self._step_find(-1)

    def on_find_bar_closed(self, event: FindBar.Closed) -> None:
        event.stop()
        self.clear_find()
        self.focus()

    def _step_find(self, step: int) -> None:
        bar = self._find_bar
        if bar is None:
            return
        if not self.matches and bar.value.strip():
            self.find(bar.value)
        else:
            self.next_match(step)
        bar.set_count(self.match_index + 1, len(self.matches))

    @property
    def body(self) -> ArticleBody:
        return self.query_one("#article-body", ArticleBody)

    @property
    def links(self) -> list[InlineLink]:
        return self.rendered.links

    @property
    def shown(self) -> Article | Document | None:
        """The article or the document read (``Y``, ``e``, ``L``, ``1``–``9`` act on it)."""
        return self.document if self.document is not None else self.article

    @property
    def preparing(self) -> bool:
        """True while a big article is being prepared in a thread."""
        return self._pending is not None

    @property
    def text(self) -> str:
        """The plain text shown (tests and find use it)."""
        return "\n".join(
            block.plain if isinstance(block, Text | TablePiece) else ""
            for block in self.rendered.blocks
        )

    def show_article(
        self,
        article: Article,
        *,
        previous: ListingItem | None = None,
        following: ListingItem | None = None,
        notice: str | None = None,
        updated: bool = False,
        scroll_y: float | None = 0.0,
    ) -> None:
        """Show ``article``; ``scroll_y`` None keeps the current position (a refresh).

        A big article is prepared (pieces and their heights) in a thread
        worker; it replaces the shown one when ready, and a find asked for
        meanwhile is applied then.
        """
        self._set_shown(article, None, None)
        self._generation += 1
        make = partial(
            render_article,
            article,
            previous=previous,
            following=following,
            notice=notice,
            updated=updated,
        )
        if _size(article) < BIG_ARTICLE:
            self._pending = None
            self._install(make(), None, scroll_y)
            return
        generation, width = self._generation, self._body_width()
        self._pending = generation
        self.body.loading = True

        def prepare() -> None:
            rendered = make()
            measured = measure_pieces(rendered.blocks, width)
            self.app.call_from_thread(self._prepared, generation, rendered, measured, scroll_y)

        self.run_worker(prepare, thread=True, exclusive=True, group="reader-prepare")

    def _body_width(self) -> int:
        """The body's width once a long article is in: with the vertical scroll bar."""
        region = self.scrollable_content_region.width
        if not self.show_vertical_scrollbar:
            region -= self.styles.scrollbar_size_vertical
        return max(1, min(88, region))

    def _prepared(
        self, generation: int, rendered: RenderedArticle, measured: Measured, scroll_y: float | None
    ) -> None:
        if generation != self._generation:
            return  # another article was asked for meanwhile
        self._pending = None
        self.body.loading = False
        self._install(rendered, measured, scroll_y, big=True)
        if self._pending_find:
            query, self._pending_find = self._pending_find, None
            self.find(query)

    def _install(
        self,
        rendered: RenderedArticle,
        measured: Measured | None,
        scroll_y: float | None,
        *,
        big: bool = False,
    ) -> None:
        self.rendered = rendered
        self.matches, self.match_index, self.query_text = [], -1, ""
        self.body.set_pieces(rendered.blocks, measured, big=big)
        bar = self._find_bar
        if bar is not None and bar.is_open and bar.value.strip():
            total = self.find(bar.value)
            bar.set_count(1 if total else 0, total)
        if scroll_y is not None:
            self.scroll_to(y=scroll_y, animate=False, immediate=False)

    def show_message(self, message: str, *, title: str | None = None) -> None:
        """Show a message (an error and what to do) in place of an article."""
        self._set_shown(None, None, None)
        self._generation += 1
        self._pending = None
        rendered = RenderedArticle()
        if title:
            rendered.add(Text(screen_line(title), style="bold", end=""))
            rendered.gap()
        rendered.add(Text(screen_block(message), end=""))
        self._install(rendered, None, None)
        self.scroll_home(animate=False)

    def show_document(
        self, document: Document, rendered: RenderedArticle, *, scroll_y: float | None = 0.0
    ) -> None:
        """Show a document as text, ``rendered`` by :func:`.document_view.render_document`.

        ``o``, ``s``, ``y``, ``e`` then act on it; a 300-page document is a few
        thousand lines, measured like an article's.
        """
        self._set_shown(None, document, document.url)
        self._generation += 1
        self._pending = None
        self._install(rendered, None, scroll_y)

    def show_file_notice(self, url: str, rendered: RenderedArticle) -> None:
        """A file that cannot be shown as text (:func:`.document_view.render_file_notice`)."""
        self._set_shown(None, None, url)
        self._generation += 1
        self._pending = None
        self._install(rendered, None, 0.0)

    def _set_shown(
        self, article: Article | None, document: Document | None, file_url: str | None
    ) -> None:
        """What the reader shows now.  Between an article and a document the
        digits change their work (related news → cited documents): their label
        in the key bar follows."""
        if (document is None) != (self.document is None):
            words = "key.related" if document is None else "key.cited"
            describe_bindings(self, dict.fromkeys(RELATED_IDS, words))
            self.refresh_bindings()
        self.article, self.document, self.file_url = article, document, file_url

    def _paint(self) -> None:
        self.body.redraw()

    # -- find -------------------------------------------------------------------
    def find(self, query: str) -> int:
        """Highlight every match of ``query``; scroll to the first; return the count.

        Word by word, a query typed without diacritics matches accented text
        (:func:`phuly_tui.render.find.find_spans`).  While a big article is
        being prepared the query waits for it (and 0 is returned).
        """
        from ...render.find import Match, find_spans

        if self._pending is not None:
            self._pending_find = query
            return 0
        self._clear_highlights()
        self.query_text = query
        self.matches = [
            Match(index, start, end)
            for index, block in enumerate(self.rendered.searchable)
            if block is not None
            for start, end in find_spans(block.plain, query)
        ]
        self.match_index = 0 if self.matches else -1
        self._apply_highlights()
        return len(self.matches)

    def next_match(self, step: int = 1) -> int:
        """Move to the next (``step=1``) or previous match; returns its 0-based index."""
        if not self.matches:
            return -1
        self.match_index = (self.match_index + step) % len(self.matches)
        self._apply_highlights()
        return self.match_index

    def clear_find(self) -> None:
        self._clear_highlights()
        self.matches, self.match_index, self.query_text = [], -1, ""
        self._paint()

    def _clear_highlights(self) -> None:
        for block in self.rendered.searchable:
            if block is not None:
                block.spans[:] = [
                    span
                    for span in block.spans
                    if span.style not in (MATCH_STYLE, CURRENT_MATCH_STYLE)
                ]

    def _apply_highlights(self) -> None:
        self._clear_highlights()
        for number, match in enumerate(self.matches):
            block = self.rendered.searchable[match.block]
            assert block is not None
            style = CURRENT_MATCH_STYLE if number == self.match_index else MATCH_STYLE
            block.stylize(style, match.start, match.end)
        self._paint()
        if 0 <= self.match_index < len(self.matches):
            self.call_after_refresh(self._scroll_to_match, self.matches[self.match_index])

    def _scroll_to_match(self, match: Match) -> None:
        """Scroll so the match's line is in the middle of the pane."""
        line = self.body.line_of(match.block, match.start)
        padding_top = self.body.styles.padding.top
        self.scroll_to(y=max(0, padding_top + line - self.size.height // 2), animate=False)


def _size(article: Article) -> int:
    """Blocks plus table cells: what preparing the article costs, roughly."""
    from ...model import Table

    tables = [block for block in article.blocks if isinstance(block, Table)]
    return len(article.blocks) + sum(len(row) for table in tables for row in table.rows)
