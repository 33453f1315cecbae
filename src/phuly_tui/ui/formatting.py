"""Page text made safe for the screen, as Rich ``Text`` built from plain strings.

The parser already strips hostile characters, but the UI does not rely on it:
everything from a page goes through :func:`screen_line` (controls, escapes and
bidi overrides removed again, whitespace collapsed) and becomes ``Text``, which
Textual never parses as markup.  So a title such as
``[@click=app.quit]Thoát[/]`` shows exactly those characters.

On screen only, an emoji sequence whose width the terminal and Rich may
disagree on is drawn as its parts (:func:`display_parts`): Rich counts 👨‍👩‍👧‍👦
(four emoji joined by U+200D) as one 2-cell glyph, a terminal without ZWJ
support draws four (8 cells), and every border after it shifts.  Drawn as four
emoji, both count 8.  The model, the store, the CLI, JSON and exports keep
the sequence whole: this is the UI's drawing, not the text.
"""

from __future__ import annotations

import re
from typing import Final

from rich.style import Style
from rich.text import Text

from ..text import clean_text, safe_terminal_text

__all__ = ["display_parts", "plain", "screen_block", "screen_line"]

#: joiners and emoji-presentation selectors: the terminal may or may not merge
#: what they join, while Rich always does (see the module doc)
_JOINING: Final = re.compile("[\u200d\ufe0f]")


def display_parts(text: str) -> str:
    """``text`` with emoji sequences split into their parts, for drawing only.

    Zero-width joiners go (👨‍👩‍👧‍👦 → 👨👩👧👦) and so do emoji variation
    selectors (❤️ → ❤, which every terminal and Rich draw one cell wide).
    """
    if "\u200d" not in text and "\ufe0f" not in text:
        return text
    return _JOINING.sub("", text)


def screen_line(value: str | None) -> str:
    """One line of page text, safe to draw (never markup, never a control byte)."""
    return display_parts(clean_text(value))


def plain(value: str | None, style: str | Style = "") -> Text:
    """``Text`` of one line of page text with a style; never interpreted as markup."""
    return Text(screen_line(value), style=style, end="")


def screen_block(value: str | None) -> str:
    """Multi-line text (an error message, a notification) made safe; line breaks kept."""
    return display_parts(safe_terminal_text(value or ""))
