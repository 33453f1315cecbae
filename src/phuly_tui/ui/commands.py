"""The command palette (``Ctrl+P``), searchable without typing diacritics.

Textual's own provider matches the query against command titles letter by
letter, so ``dong bo`` would never find "Đồng bộ".  This provider offers the
same commands — the app's :meth:`~textual.app.App.get_system_commands`, which
lists every action of the key table — but matches folded forms
(:func:`phuly_tui.text.fold`) and lights the matched letters in the real title.
"""

from __future__ import annotations

from typing import cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..text import fold

__all__ = ["FoldedCommands"]


def _plain_help(help_text: str) -> Content:
    """A command's help line (the keys from the user's keymap), kept literal.

    ``Hit.help`` is typed ``str`` but the palette draws it with
    ``Content.from_markup``, which returns a ``Content`` unchanged (Textual
    8.2.8): a ``Content`` of the plain text is the only way to show every
    character (markup escapes cannot keep a backslash).
    """
    return Content(help_text)


class FoldedCommands(Provider):
    """System commands matched with diacritics optional (see the module docstring)."""

    async def discover(self) -> Hits:
        commands = sorted(self.app.get_system_commands(self.screen), key=lambda c: c.title)
        for command in commands:
            if command.discover:
                yield DiscoveryHit(
                    Content(command.title),
                    command.callback,
                    help=cast(str, _plain_help(command.help)),
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for command in self.app.get_system_commands(self.screen):
            folded = fold(command.title)
            score = matcher.match(folded)
            if score <= 0:
                continue
            display = Content(command.title)
            style = self.match_style or "reverse"
            if len(folded) == len(command.title):  # one folded letter per letter
                _score, offsets = matcher.fuzzy_search.match(matcher.query, folded)
                for offset in offsets:
                    if not folded[offset].isspace():
                        display = display.stylize(style, offset, offset + 1)
            yield Hit(
                score,
                display,
                command.callback,
                text=command.title,
                help=cast(str, _plain_help(command.help)),
            )
