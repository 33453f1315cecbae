"""The subcommands, by family, and the table the entry point dispatches on.

``browse`` lists (sections, a section's articles, documents, search results,
bookmarks), ``article`` is about one page (read, explain, export, captures),
``offline`` fills and trims the store (sync, prune).  Each command is
``async (library, args) -> exit code``; errors are raised as
:class:`~phuly_tui.errors.PhulyError` and turned into one line and an exit code
by :func:`phuly_tui.cli.main`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from .article import cmd_captures, cmd_export, cmd_read
from .browse import cmd_bookmarks, cmd_docs, cmd_list, cmd_search, cmd_sections
from .offline import cmd_prune, cmd_sync

if TYPE_CHECKING:
    import argparse

    from ...library import Library

__all__ = ["COMMANDS", "Command"]

Command = Callable[["Library", "argparse.Namespace"], Coroutine[Any, Any, int]]

COMMANDS: dict[str, Command] = {
    "sections": cmd_sections,
    "list": cmd_list,
    "read": cmd_read,
    "docs": cmd_docs,
    "search": cmd_search,
    "bookmarks": cmd_bookmarks,
    "export": cmd_export,
    "sync": cmd_sync,
    "prune": cmd_prune,
    "captures": cmd_captures,
}
