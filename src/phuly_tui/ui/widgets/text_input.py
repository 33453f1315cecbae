"""A one-line text box whose keys are described in the user's language.

Textual's :class:`~textual.widgets.Input` brings some twenty bindings of its
own (cursor, selection, deletion, clipboard), described in English.  They
are hidden from the key bar (``show=False``), but Textual's key panel
("Bảng phím" in the palette) lists them while the box has focus, so at
``--lang vi`` the search box, the Văn bản filter and the find bar showed
"Move cursor left".  :class:`TextInput` passes them through the one binding
translator, :func:`~phuly_tui.ui.keys.localize_bindings` (their words are in
:data:`~phuly_tui.ui.keys.TEXTUAL_BINDINGS`).  Every text box of the app is one.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from ..keys import localize_bindings

__all__ = ["TextInput"]


class TextInput(Input):
    """Textual's ``Input`` with its key descriptions translated (see the module docstring).

    CSS that names ``Input`` applies to it as to any ``Input``; so do
    ``query_one(..., Input)`` and the ``Input.Changed``/``Input.Submitted`` messages.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self)
