"""The article list pane: titles and dates of a section, page after page.

A line-API widget: it keeps the items and, per item, only its height at the
current width (a greedy word wrap of the plain title); the few items on
screen are turned into lines when drawn and cached by how they look.  How an
item looks — its lines, their height, their strips — is
:mod:`.listing_item`'s.  Textual's ``OptionList`` keeps a styled
``Content`` and its wrapped lines for every option and wraps them all again
on each resize or read mark — with 500 articles listed that is megabytes and
tens of milliseconds on a key press.

Titles wrap (officials read the whole title); read articles are dimmed;
articles that changed since they were read carry "đã cập nhật"; a list that
mixes sections ("Tin mới") names each item's section after its date.  Moving down
from the last item does not wrap: it asks for the listing's next page
(:class:`EndReached`), and so does reaching the last item, so the next page
is usually there before the user gets to it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...i18n import t
from ...model import ListingItem
from ..formatting import screen_block
from ..keys import bindings_for, localize_bindings
from .listing_item import item_height, item_lines, item_text, line_strip

__all__ = ["ArticleList"]

#: drawn items kept (a screenful is ~10–30; scrolling back should not redraw)
_CACHE_SIZE = 256


class ArticleList(ScrollView, can_focus=True):
    """Listing items with read state; posts :class:`Chosen`, :class:`Highlighted`
    and :class:`EndReached`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings_for("lists"),
        Binding("pagedown", "page_down", show=False),
        Binding("pageup", "page_up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-list--highlighted", "article-list--message"}

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        padding: 0 1;
        & > .article-list--message {
            color: $text-disabled;
        }
        & > .article-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: bold;
        }
        &:focus > .article-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: bold;
        }
    }
    """

    class Chosen(Message):
        """Enter (or a click) on an item: open it in the reader."""

        def __init__(self, item: ListingItem, index: int) -> None:
            super().__init__()
            self.item = item
            self.index = index

    class EndReached(Message):
        """The highlight reached the last item: time to load the next page."""

    class Highlighted(Message):
        """The highlight moved to ``item`` (the screen reads it ahead of Enter)."""

        def __init__(self, item: ListingItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localize_bindings(self)
        self.items: list[ListingItem] = []
        self._urls: dict[str, int] = {}
        self.read: set[str] = set()
        self.updated: set[str] = set()
        #: article URL → its section's name, shown after the date ("Tin mới")
        self.section_names: dict[str, str] = {}
        self._highlighted: int | None = None
        #: a message shown instead of items (empty section, an error)
        self._message: Text | None = None
        #: the width the heights were measured at, the heights, first line of each
        self._width = 0
        self._heights: list[int] = []
        self._tops: list[int] = []
        self._drawn: dict[tuple[int, int, Style, bool, bool], list[Strip]] = {}
        #: the message shown is the one of :meth:`show_loading`
        self._loading_shown = False
        #: items or a message arrived that are not measured yet (see :meth:`_measure`)
        self._stale = False

    # -- content ----------------------------------------------------------------
    def show_items(
        self,
        items: Sequence[ListingItem],
        *,
        keep_url: str | None = None,
        sections: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the items; the highlight stays on ``keep_url`` or goes to the first.

        ``sections`` (article URL → section name) names each item's section,
        for a list that mixes them.
        """
        self._loading_shown = False
        self.section_names = dict(sections or {})
        self.items = []
        self._urls = {}
        self._message = None
        self._forget_layout()
        self.append_items(items)
        self._highlighted = None
        self.highlighted = self._urls.get(keep_url or "", 0 if self.items else None)
        self.refresh()

    def append_items(self, items: Iterable[ListingItem]) -> int:
        """Add items not already listed (a later page); returns how many were added."""
        new: list[ListingItem] = []
        for item in items:
            if item.url in self._urls:
                continue
            self._urls[item.url] = len(self.items) + len(new)
            new.append(item)
        if new:
            if self._message is not None:
                self._loading_shown = False
                self._message = None
                self._forget_layout()
            self.items.extend(new)
            self._measure()
            self.refresh()
        return len(new)

    def show_loading(self) -> None:
        """Say in the list that its items are on their way.

        Used instead of Textual's ``loading`` cover: a covered widget cannot
        keep the focus (it went to the reader, so ``j``/``Enter`` after choosing
        a section moved the wrong pane), has no size to measure items at, and
        hides stored items a reload would otherwise leave readable.  Items
        already listed stay; an empty list shows the message.
        """
        if not self.items and self._message is None:
            self.show_message(t("ui.list.loading"))
            self._loading_shown = True

    def hide_loading(self) -> None:
        """The load ended: remove the loading message (not items or another message)."""
        if self._loading_shown:
            self.show_items([])

    def show_message(self, message: str) -> None:
        """Show a message (empty section, an error and what to do) instead of items."""
        self._loading_shown = False
        self.section_names = {}
        self.items = []
        self._urls = {}
        self._highlighted = None
        self._message = Text(screen_block(message), style="italic", end="")
        self._forget_layout()
        self._measure()
        self.refresh()

    def index_of(self, url: str) -> int | None:
        return self._urls.get(url)

    def prompt_at(self, index: int) -> Text:
        """The text of item ``index`` as drawn (the message when one is shown)."""
        if self._message is not None:
            return self._message
        item = self.items[index]
        read, updated = item.url in self.read, item.url in self.updated
        return item_text(item, read=read, section=self.section_names.get(item.url), updated=updated)

    @property
    def highlighted_item(self) -> ListingItem | None:
        index = self._highlighted
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

    @property
    def highlighted(self) -> int | None:
        """Index of the highlighted item (None when the list is empty)."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = min(max(index, 0), len(self.items) - 1) if self.items else None
        if index == self._highlighted:
            return
        previous, self._highlighted = self._highlighted, index
        self._refresh_item(previous)
        if index is None:
            return
        self._refresh_item(index)
        self.scroll_to_highlight()
        self.post_message(self.Highlighted(self.items[index]))
        if index == len(self.items) - 1:
            self.post_message(self.EndReached())

    # -- read state -------------------------------------------------------------
    def set_read_state(self, read: Iterable[str], updated: Iterable[str] = ()) -> None:
        """Replace the read and updated sets and redraw the items whose look changed."""
        read, updated = set(read), set(updated)
        changed = (read ^ self.read) | (updated ^ self.updated)
        self.read, self.updated = read, updated
        self._redraw(changed)

    def mark(self, urls: Iterable[str], *, read: bool) -> None:
        """Mark ``urls`` read (dimmed) or unread."""
        urls = set(urls)
        if read:
            self.read |= urls
            self.updated -= urls
        else:
            self.read -= urls
        self._redraw(urls)

    def _redraw(self, urls: Iterable[str]) -> None:
        """Items whose marks changed: "đã cập nhật" may change their height."""
        remeasure = False
        for url in urls:
            index = self._urls.get(url)
            if index is None or index >= len(self._heights):
                continue
            height = self._height(self.items[index], self._width)
            if height != self._heights[index]:
                self._heights[index] = height
                remeasure = True
            self._refresh_item(index)
        if remeasure:
            self._place()
            self.refresh()

    def _height(self, item: ListingItem, width: int) -> int:
        """Lines of ``item`` at ``width`` with its marks (:func:`.listing_item.item_height`)."""
        section, updated = self.section_names.get(item.url), item.url in self.updated
        return item_height(item, width, section=section, updated=updated)

    # -- layout -----------------------------------------------------------------
    def _forget_layout(self) -> None:
        self._heights, self._tops = [], []
        self._drawn.clear()
        self._stale = True

    def _line_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _measure(self) -> None:
        """Heights of the items not measured yet (all of them after a resize).

        The list has no content region before its first layout and while the
        loading indicator covers it (a section being switched): what arrives
        then stays *stale* and is measured when the list is next drawn.
        """
        if not self.is_mounted or not self.scrollable_content_region:
            self._stale = True
            return
        width = self._line_width()
        # items moved (a resize, a scroll bar came or went) or arrived unseen
        rewrapped = (width != self._width and bool(self._width)) or self._stale
        if width != self._width:
            self._width = width
            self._forget_layout()
        if self._message is not None:
            if not self._heights:
                self._heights = [len(self._message.wrap(self.app.console, width))]
        else:
            for item in self.items[len(self._heights) :]:
                self._heights.append(self._height(item, width))
        self._place()
        self._stale = False
        if rewrapped:
            self.scroll_to_highlight()  # keep the highlight in view

    def _place(self) -> None:
        tops, total = [], 0
        for height in self._heights:
            tops.append(total)
            total += height
        self._tops = tops
        virtual_size = Size(self._width, total)
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)  # as OptionList does: scrollbars follow

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual's compositor hands a line-API widget its content size as the
        # "virtual size"; ScrollView compares that with the real one (ours, from
        # the items), finds them different on every layout and redraws the scroll
        # bar each time (~2 ms of an Enter).  ScrollView then uses its own value
        # anyway, so ours is passed: a real change of size still updates it.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def on_resize(self, event: events.Resize) -> None:
        if self._line_width() != self._width:
            self._measure()
        self.scroll_to_highlight()  # a lower pane too may hide it

    def on_mount(self) -> None:
        self._measure()

    def _refresh_item(self, index: int | None) -> None:
        if index is None or index >= len(self._tops):
            return
        top = self._tops[index] - self.scroll_offset.y
        self.refresh(Region(0, top, self.size.width, self._heights[index]))

    def scroll_to_highlight(self) -> None:
        """Scroll so that the whole highlighted item is visible."""
        index = self._highlighted
        if index is None or index >= len(self._tops) or not self.is_mounted:
            return
        self.scroll_to_region(
            Region(0, self._tops[index], self._width, self._heights[index]),
            animate=False,
            force=True,
            immediate=True,
        )

    def _index_at(self, line: int) -> int | None:
        """The item drawn on virtual line ``line``."""
        if not self._tops or line < 0 or line >= self.virtual_size.height:
            return None
        return bisect_right(self._tops, line) - 1

    # -- drawing ----------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        # a scrollbar coming or going changes the width without a resize event;
        # items shown while the list was covered were never measured
        if self._stale or self._line_width() != self._width:
            self._measure()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self._width or self._line_width()
        base = self.rich_style
        index = self._index_at(line)
        if index is None:
            return Strip.blank(width, base)
        strips = self._draw(index, width, base)
        offset = line - self._tops[index]
        return strips[offset] if offset < len(strips) else Strip.blank(width, base)

    def _draw(self, index: int, width: int, base: Style) -> list[Strip]:
        if self._message is not None:
            style = base + self.get_component_rich_style("article-list--message")
            lines = list(self._message.wrap(self.app.console, width))
            return [line_strip(line, width, style, self.app.console) for line in lines]
        item = self.items[index]
        style = base
        if index == self._highlighted:
            style = base + self.get_component_rich_style("article-list--highlighted")
        read, updated = item.url in self.read, item.url in self.updated
        # keyed by the style itself: a focus change redraws only what it restyles
        key = (index, width, style, read, updated)
        strips = self._drawn.get(key)
        if strips is None:
            if len(self._drawn) >= _CACHE_SIZE:
                self._drawn.clear()
            section = self.section_names.get(item.url)
            lines = item_lines(item, width, read=read, section=section, updated=updated)
            strips = [line_strip(line, width, style, self.app.console) for line in lines]
            self._drawn[key] = strips
        return strips

    # -- keys and mouse ---------------------------------------------------------
    def action_cursor_down(self) -> None:
        """Down; at the last item ask for the next page instead of wrapping."""
        if not self.items:
            return
        if self._highlighted == len(self.items) - 1:
            self.post_message(self.EndReached())
            return
        self.highlighted = 0 if self._highlighted is None else self._highlighted + 1

    def action_cursor_up(self) -> None:
        """Up, without wrapping to the end."""
        if self.items and self._highlighted:
            self.highlighted = self._highlighted - 1

    def action_first(self) -> None:
        if self.items:
            self.highlighted = 0

    def action_last(self) -> None:
        if not self.items:
            return
        if self._highlighted == len(self.items) - 1:
            self.post_message(self.EndReached())  # already there: load (or retry) more
        self.highlighted = len(self.items) - 1

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """Move the highlight a screenful, to the item on that line."""
        if not self.items or self._highlighted is None:
            return
        current = self._highlighted
        screenful = max(1, self.scrollable_content_region.height)
        line = self._tops[current] + direction * screenful
        line = min(max(line, 0), self.virtual_size.height - 1)
        index = self._index_at(line)
        if index == current:  # an item taller than the pane: on to its neighbour
            index = min(max(current + direction, 0), len(self.items) - 1)
        if direction > 0 and index == current == len(self.items) - 1:
            self.post_message(self.EndReached())  # as j does at the end: load (or retry) more
        elif index is not None:
            self.highlighted = index

    def action_select(self) -> None:
        """Enter: open the highlighted item."""
        index = self._highlighted
        if index is not None and 0 <= index < len(self.items):
            self.post_message(self.Chosen(self.items[index], index))

    async def _on_click(self, event: events.Click) -> None:
        """A click highlights the item and opens it (like Enter)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self._index_at(self.scroll_offset.y + offset.y)
        if index is None or self._message is not None:
            return
        event.stop()
        self.highlighted = index
        self.action_select()
