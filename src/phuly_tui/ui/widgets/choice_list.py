"""Every option list of the app, with the app's list keys.

Textual's ``OptionList`` moves with the arrows, Home and End; the app's lists
also take ``j``/``k`` and ``g``/``G`` (first / last), like the reader, and the
same binding ids, so a ``[keymap]`` entry moves every list alike.  The
sections pane, the pickers (attachments, links, captures), search results,
bookmarks and documents are all this class; the article list, a widget of
its own, takes the same bindings (:func:`~phuly_tui.ui.keys.bindings_for`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import BindingType
from textual.widgets import OptionList

from ..keys import bindings_for, localize_bindings

__all__ = ["ChoiceList"]


class ChoiceList(OptionList):
    """An ``OptionList`` with the bindings of the ``lists`` scope (translated)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("lists")

    def __init__(self, *content: Any, **options: Any) -> None:
        super().__init__(*content, **options)
        localize_bindings(self)
