"""The find-in-article bar: one line docked at the bottom of the reader.

The bar only collects what the user types and which way to move; the reader
owns the text, finds the matches (:func:`phuly_tui.render.find.find_spans`),
highlights and scrolls, and reports back with :meth:`FindBar.set_count`.

Messages (all bubble to the reader):

* :class:`FindBar.Changed` — the query changed (on every keystroke; finding in
  one article is fast);
* :class:`FindBar.Next` — ``Enter`` or ``F3``;
* :class:`FindBar.Previous` — ``Shift+Enter`` or ``Shift+F3``;
* :class:`FindBar.Closed` — ``Escape``: the bar is hidden, the reader takes
  the focus back and clears the highlights.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label

from ...i18n import t
from .. import labels as _labels  # noqa: F401  (registers the messages)
from ..keys import localize_bindings
from .text_input import TextInput

__all__ = ["FindBar"]


class _FindBarMessage(Message):
    """A message from a :class:`FindBar`; ``control`` is the bar (for ``@on`` selectors)."""

    def __init__(self, find_bar: FindBar) -> None:
        super().__init__()
        self.find_bar = find_bar

    @property
    def control(self) -> FindBar:
        return self.find_bar


class FindBar(Widget):
    """A hidden-by-default find box; :meth:`open` shows and focuses it.

    Args:
        id: the widget id.
        classes: CSS classes.
    """

    DEFAULT_CSS = """
    FindBar {
        dock: bottom;
        height: 1;
        display: none;
        layout: horizontal;
        background: $boost;
    }
    FindBar > #find-input {
        width: 1fr;
    }
    FindBar > #find-count {
        width: auto;
        min-width: 8;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # shown as the key bar and the README write keys (not "f3", "shift+⏎", "esc")
        Binding("f3", "next", "find.next", id="find.next", key_display="F3"),
        Binding(
            "shift+f3,shift+enter",
            "previous",
            "find.previous",
            id="find.previous",
            key_display="Shift+F3",
        ),
        Binding("escape", "close", "find.close", id="find.close", key_display="Esc"),
    ]

    class Changed(_FindBarMessage):
        """The query changed; ``query`` is what the box holds now."""

        def __init__(self, find_bar: FindBar, query: str) -> None:
            super().__init__(find_bar)
            self.query = query

    class Next(_FindBarMessage):
        """Move to the next match."""

    class Previous(_FindBarMessage):
        """Move to the previous match."""

    class Closed(_FindBarMessage):
        """The bar was closed (Escape or :meth:`close`)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        # disabled while hidden, so focus chains and auto-focus never land in it
        yield TextInput(
            placeholder=t("find.placeholder"), id="find-input", compact=True, disabled=True
        )
        yield Label(Text("", end=""), id="find-count")

    # -- what the reader calls ------------------------------------------------------
    @property
    def value(self) -> str:
        """The text in the box (named so as not to shadow ``Widget.query``)."""
        return self.query_one("#find-input", Input).value

    @property
    def is_open(self) -> bool:
        return self.display

    def open(self, query: str | None = None) -> None:
        """Show the bar and focus the box; ``query`` replaces its text when given.

        Reopening keeps the previous query selected, so typing replaces it and
        ``Enter`` repeats it.
        """
        box = self.query_one("#find-input", Input)
        self.display = True
        box.disabled = False
        if query is not None:
            box.value = query
        box.focus()

    def close(self) -> None:
        """Hide the bar and post :class:`Closed` (the reader refocuses itself)."""
        if not self.display:
            return
        self.display = False
        self.query_one("#find-input", Input).disabled = True
        self.post_message(self.Closed(self))

    def set_count(self, current: int, total: int) -> None:
        """Show "current/total" (1-based) — or "không thấy" when a query finds nothing."""
        if total <= 0:
            text = t("find.none") if self.value.strip() else ""
        else:
            text = t("find.count", current=current, total=total)
        self.query_one("#find-count", Label).update(Text(text, end=""))

    # -- keys and the box's events --------------------------------------------------
    @on(Input.Changed, "#find-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, event.value))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Next(self))

    def action_next(self) -> None:
        self.post_message(self.Next(self))

    def action_previous(self) -> None:
        self.post_message(self.Previous(self))

    def action_close(self) -> None:
        self.close()
