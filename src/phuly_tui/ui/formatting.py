"""Page text made safe for the screen, as Rich ``Text`` built from plain strings.

The parser already strips hostile characters, but the UI does not rely on it:
everything from a page goes through :func:`screen_line` (controls, escapes and
bidi overrides removed again, whitespace collapsed) and becomes ``Text``, which
Textual never parses as markup.  So a title such as
``[@click=app.quit]Thoát[/]`` shows exactly those characters.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from ..text import clean_text, safe_terminal_text

__all__ = ["plain", "screen_block", "screen_line"]


def screen_line(value: str | None) -> str:
    """One line of page text, safe to draw (never markup, never a control byte)."""
    return clean_text(value)


def plain(value: str | None, style: str | Style = "") -> Text:
    """``Text`` of one line of page text with a style; never interpreted as markup."""
    return Text(screen_line(value), style=style, end="")


def screen_block(value: str | None) -> str:
    """Multi-line text (an error message, a notification) made safe; line breaks kept."""
    return safe_terminal_text(value or "")
