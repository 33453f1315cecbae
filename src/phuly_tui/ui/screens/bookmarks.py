"""The bookmarked articles: open one, or remove its bookmark.

The list is given, or a callable that reads it (``Library.bookmarks``), which
is then called in a thread worker so a slow disk never freezes the screen.
Removing (``b`` or ``Delete``) takes the row away at once and calls the
removal callback (``Library.toggle_bookmark``) in a thread too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from typing import ClassVar, Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...errors import PhulyError
from ...i18n import t
from ...render.dates import format_date
from .. import labels as _labels  # noqa: F401  (registers the messages)
from ..formatting import screen_line
from ..keys import localize_bindings
from ..widgets.choice_list import ChoiceList
from .list_source import RowsDialog

__all__ = ["ArticleLike", "BookmarksScreen", "bookmark_prompt"]

log = logging.getLogger(__name__)


class ArticleLike(Protocol):
    """What a row needs (``phuly_tui.store.ArticleSummary`` has it)."""

    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def published(self) -> str | None: ...
    @property
    def section(self) -> str | None: ...


def bookmark_prompt(article: ArticleLike) -> Text:
    """Title on the first line, "dd/mm/yyyy · section" dimmed on the second."""
    prompt = Text(screen_line(article.title) or screen_line(article.url), end="")
    meta = " · ".join(
        p for p in (format_date(article.published), screen_line(article.section)) if p
    )
    if meta:
        prompt.append(f"\n{meta}", style="dim")
    return prompt


class BookmarksScreen(RowsDialog[ArticleLike, str]):
    """Bookmarks list; dismisses with the chosen URL, or None on Escape.

    Args:
        items: the bookmarked articles, or a callable returning them (run in a
            thread when the screen opens).
        on_remove: called with a URL (in a thread) when its bookmark is
            removed; without it, ``b``/``Delete`` do nothing.
        title: the heading (default "Bài đã đánh dấu").
    """

    DEFAULT_CSS = """
    BookmarksScreen {
        align: center middle;
    }
    BookmarksScreen > #bookmarks-dialog {
        width: 100%;
        max-width: 110;
        height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    BookmarksScreen #bookmarks-title {
        text-style: bold;
    }
    BookmarksScreen #bookmarks-status {
        height: auto;
        color: $text-muted;
    }
    BookmarksScreen #bookmarks-list {
        height: 1fr;
    }
    BookmarksScreen #bookmarks-hint {
        color: $text-muted;
    }
    """

    NAME = "bookmarks"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "bookmarks.close", id="bookmarks.close"),
        Binding("b,delete", "remove", "bookmarks.remove", id="bookmarks.remove"),
    ]

    def __init__(
        self,
        items: Sequence[ArticleLike] | Callable[[], Sequence[ArticleLike]],
        *,
        on_remove: Callable[[str], object] | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(items)
        localize_bindings(self)
        self._on_remove = on_remove
        self._title = title
        self._items: list[ArticleLike] = []

    @property
    def items(self) -> tuple[ArticleLike, ...]:
        """The articles listed now (removed ones are gone)."""
        return tuple(self._items)

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-dialog"):
            yield Label(Text(self._title or t("bookmarks.title"), end=""), id="bookmarks-title")
            yield Static(Text("", end=""), id="bookmarks-status")
            yield ChoiceList(id="bookmarks-list", markup=False)
            yield Label(Text(t("bookmarks.hint"), end=""), id="bookmarks-hint")

    def _remove(self, url: str) -> str | None:
        """The removal worker: None, or a message for the status line (never raises)."""
        assert self._on_remove is not None
        try:
            self._on_remove(url)
        except PhulyError as exc:
            error = exc.message
        except Exception as exc:
            log.exception("removing the bookmark of %s failed", url)
            error = type(exc).__name__
        else:
            return None
        return t("bookmarks.remove_failed", error=screen_line(error))

    def _fill(self, items: list[ArticleLike]) -> None:
        self._items = items
        options = self.query_one("#bookmarks-list", OptionList)
        options.set_options(Option(bookmark_prompt(item)) for item in items)
        if items:
            options.highlighted = 0
        self._status("" if items else t("bookmarks.empty"))

    @on(OptionList.OptionSelected, "#bookmarks-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._items[event.option_index].url)

    def action_remove(self) -> None:
        options = self.query_one("#bookmarks-list", OptionList)
        index = options.highlighted
        if self._on_remove is None or index is None or not 0 <= index < len(self._items):
            return
        article = self._items.pop(index)
        options.remove_option_at_index(index)
        if self._items:
            options.highlighted = min(index, len(self._items) - 1)
        self.run_worker(
            partial(self._remove, article.url),
            name="bookmark-remove",
            thread=True,
            exit_on_error=False,
        )
        self._status(
            t("bookmarks.removed", title=screen_line(article.title))
            if self._items
            else t("bookmarks.empty")
        )
