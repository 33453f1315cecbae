"""What the main screen's panes say happened, for the screen to route.

Small message dataclasses, like toolong's ``messages.py``: the reader pane
and the listing pane post them and never call back into the screen, which
decides what the other panes do about it (highlight the article in the list,
dim it once read, recount the unread, offer a file to the browser).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from ..errors import PhulyError
    from ..library import Loaded

__all__ = ["ArticleShown", "CaptureListed", "LoadFailed", "ReadStateChanged", "WorkFailed"]


@dataclass(eq=False)
class ArticleShown(Message):
    """The reader shows what was loaded for ``url`` (an article today).

    ``url`` is the address it was opened by (the list's spelling);
    ``refresh`` is True when a newer copy replaced the one on screen in place
    (no new history entry, the reading position kept).
    """

    url: str
    loaded: Loaded[Any]
    refresh: bool = False


@dataclass(eq=False)
class LoadFailed(Message):
    """``url`` could not be shown; the reader has said why.

    ``kept`` is True when the reader kept the article it showed (a link
    followed from it failed), False when the reader shows the error.
    """

    url: str
    error: PhulyError
    kept: bool = False


@dataclass(eq=False)
class CaptureListed(Message):
    """The list shows the Internet Archive's capture of the listing at ``url``
    (offered under a page never captured): the screen highlights its section."""

    url: str


@dataclass(eq=False)
class ReadStateChanged(Message):
    """Articles were marked read or unread, or a listing arrived: recount the unread."""


@dataclass(eq=False)
class WorkFailed(Message):
    """A pane's worker raised ``error`` (unexpected, or a PhulyError no one caught)."""

    error: BaseException
