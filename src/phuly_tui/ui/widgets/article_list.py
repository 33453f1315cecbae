"""The article list pane: titles and dates of a section, page after page.

An ``OptionList`` of one-line ``Text`` prompts scales to thousands of items
(it renders only the visible lines).  Read articles are dimmed, articles that
changed since they were read carry "đã cập nhật".  Moving down from the last
item does not wrap: it asks for the listing's next page (:class:`EndReached`),
and so does reaching the last item, so the next page is usually there before
the user gets to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...i18n import t
from ...model import ListingItem
from ...render.dates import format_date
from ..formatting import screen_block, screen_line
from ..keys import bindings_for, localize_bindings

__all__ = ["ArticleList"]


class ArticleList(OptionList):
    """Listing items with read state; posts :class:`Chosen` and :class:`EndReached`."""

    BINDINGS = bindings_for("lists")

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
        super().__init__(id=id, markup=False)
        localize_bindings(self)
        self.items: list[ListingItem] = []
        self._urls: dict[str, int] = {}
        self.read: set[str] = set()
        self.updated: set[str] = set()

    # -- content ----------------------------------------------------------------
    def show_items(self, items: Sequence[ListingItem], *, keep_url: str | None = None) -> None:
        """Replace the items; the highlight stays on ``keep_url`` or goes to the first."""
        self.items = []
        self._urls = {}
        self.clear_options()
        self.append_items(items)
        index = self._urls.get(keep_url or "", 0 if self.items else None)
        self.highlighted = index

    def append_items(self, items: Iterable[ListingItem]) -> int:
        """Add items not already listed (a later page); returns how many were added."""
        new: list[ListingItem] = []
        for item in items:
            if item.url in self._urls:
                continue
            self._urls[item.url] = len(self.items) + len(new)
            new.append(item)
        if new:
            if self.items == [] and self.option_count:
                self.clear_options()  # a message was shown
            self.items.extend(new)
            self.add_options(Option(self._prompt(item)) for item in new)
        return len(new)

    def show_message(self, message: str) -> None:
        """Show a message (empty section, an error and what to do) instead of items."""
        self.items = []
        self._urls = {}
        self.set_options([Option(Text(screen_block(message), style="italic"), disabled=True)])

    def index_of(self, url: str) -> int | None:
        return self._urls.get(url)

    @property
    def highlighted_item(self) -> ListingItem | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

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
        for url in urls:
            index = self._urls.get(url)
            if index is not None:
                self.replace_option_prompt_at_index(index, self._prompt(self.items[index]))

    def _prompt(self, item: ListingItem) -> Text:
        """The title first (what the eye scans), then the date, dim."""
        is_read = item.url in self.read
        text = Text(screen_line(item.title), style="dim" if is_read else "", end="")
        date = format_date(item.published)
        if date:
            text.append(f"  {date}", style="dim")
        if item.url in self.updated:
            text.append(f"  • {t('ui.updated')}", style="italic bold")
        return text

    # -- movement ---------------------------------------------------------------
    def action_cursor_down(self) -> None:
        """Down; at the last item ask for the next page instead of wrapping."""
        if self.items and self.highlighted == len(self.items) - 1:
            self.post_message(self.EndReached())
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Up, without wrapping to the end."""
        if self.highlighted == 0:
            return
        super().action_cursor_up()

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.items):
            self.post_message(self.Highlighted(self.items[event.option_index]))
        if self.items and event.option_index == len(self.items) - 1:
            self.post_message(self.EndReached())

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self.items):
            self.post_message(self.Chosen(self.items[index], index))
