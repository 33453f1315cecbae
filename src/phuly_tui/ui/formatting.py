"""Outside text made safe for the screen: plain ``Text`` and plain notifications.

On screen only, an emoji sequence whose width the terminal and Rich may
disagree on is drawn as its parts (:func:`display_parts`): Rich counts 👨‍👩‍👧‍👦
(four emoji joined by U+200D) as one 2-cell glyph, a terminal without ZWJ
support draws four (8 cells), and every border after it shifts.  Drawn as four
emoji, both count 8.  The model, the store, the CLI, JSON and exports keep
the sequence whole: this is the UI's drawing, not the text.

Text that phuly-tui did not write — titles, URLs, captions, file names, a
server's Content-Type or redirect target, an OS error — must never be parsed as
Textual/Rich markup: ``[@click=app.quit]q[/]`` in a URL would become a live
link that quits (or writes a file) when clicked.  This module is the one way
such text reaches the screen:

* :func:`plain` / :func:`plain_block` — a ``Text`` built from the cleaned plain
  string, for widgets (``Static``, ``Label``, options, cells, border titles);
* :func:`notify_plain` — a notification whose message and title are plain text;
  :class:`~phuly_tui.ui.app.PhulyApp` routes its ``notify`` (and so every
  ``Widget.notify``, Textual's own included) through it, so no notification of
  the app ever parses markup.

Both also strip what the parser already strips (controls, escapes, bidi
overrides): the UI does not rely on the parser for that.  A test reads the UI's
source and fails when a computed string reaches a markup-parsing place
(``tests/unit/test_markup_sinks.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from rich.style import Style
from rich.text import Text
from textual.notifications import Notification, Notify, SeverityLevel

from ..text import clean_text, safe_terminal_text

if TYPE_CHECKING:
    from textual.app import App

__all__ = [
    "DROPPED_ON_SCREEN",
    "display_parts",
    "notify_plain",
    "plain",
    "plain_block",
    "screen_block",
    "screen_line",
]


#: the characters :func:`display_parts` drops (for a caller that maps offsets)
DROPPED_ON_SCREEN: Final = frozenset("\u200d\ufe0f")


def display_parts(text: str) -> str:
    """``text`` with emoji sequences split into their parts, for drawing only.

    Zero-width joiners go (👨‍👩‍👧‍👦 → 👨👩👧👦) and so do emoji variation
    selectors (❤️ → ❤, which every terminal and Rich draw one cell wide).
    """
    # joiners and emoji-presentation selectors: the terminal may or may not merge
    # what they join, while Rich always does (see the module doc); two replaces,
    # not a regular expression that every start would compile for this rare case
    if "\u200d" not in text and "\ufe0f" not in text:
        return text
    return text.replace("\u200d", "").replace("\ufe0f", "")


def screen_line(value: str | None) -> str:
    """One line of page text, safe to draw (never markup, never a control byte)."""
    return display_parts(clean_text(value))


def plain(value: str | None, style: str | Style = "") -> Text:
    """``Text`` of one line of page text with a style; never interpreted as markup."""
    return Text(screen_line(value), style=style, end="")


def screen_block(value: str | None) -> str:
    """Multi-line text (an error message, a notification) made safe; line breaks kept."""
    return display_parts(safe_terminal_text(value or ""))


def plain_block(value: str | None, style: str | Style = "") -> Text:
    """``Text`` of multi-line outside text (line breaks kept); never markup."""
    return Text(screen_block(value), style=style, end="")


def notify_plain(
    app: App[Any],
    message: str,
    *,
    title: str = "",
    severity: SeverityLevel = "information",
    timeout: float | None = None,
    replaces: Notification | None = None,
) -> Notification:
    """Show a notification whose message and title are shown exactly as written.

    The toast draws ``Content(message)`` (``markup=False``); the title is
    always plain in Textual 8.  Returns the notification, so a caller that
    repeats itself (``r`` pressed five times) can pass it back as ``replaces``
    and show one notification, not a stack of them.  Thread-safe unless
    ``replaces`` is given (then call it on the app's thread).
    """
    notification = Notification(
        screen_block(message),
        screen_line(title),
        severity,
        app.NOTIFICATION_TIMEOUT if timeout is None else timeout,
        markup=False,
    )
    if replaces is not None:
        # Textual 8.2.8 (pinned) has no public call to withdraw one notification;
        # _unnotify is what a click on a toast uses, and forgetting an unknown one is a no-op
        app._unnotify(replaces)
    app.post_message(Notify(notification))
    return notification
