"""The command palette (``Ctrl+P``), searchable without typing diacritics.

Textual's own provider matches the query against command titles letter by
letter, so ``dong bo`` would never find "Đồng bộ".  This provider offers the
same commands — the app's :meth:`~textual.app.App.get_system_commands`, which
lists every action of the key table — but matches folded forms
(:func:`phuly_tui.text.fold`) and lights the matched letters in the real title.

Textual's own system commands (Theme, Keys, Maximize, Screenshot …) and the
palettes' placeholders are English strings inside Textual;
:func:`textual_commands` gives them the user's language through the i18n
catalogue.  Textual's "Quit" is left out: the key table's ``quit`` is listed
already, with its key.  ``tests/ui/test_app_config.py`` reads Textual's
``get_system_commands`` and fails when Textual adds or rewords a command
that has no translation here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Final, cast

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..i18n import add_messages, t
from ..text import fold

__all__ = ["TEXTUAL_COMMANDS", "FoldedCommands", "textual_commands"]

add_messages(
    {
        "palette.placeholder": ("Tìm lệnh…", "Search for commands…"),
        "palette.themes_placeholder": ("Tìm giao diện…", "Search for themes…"),
        "palette.theme": ("Giao diện", "Theme"),
        "palette.theme.help": ("Đổi giao diện màu", "Change the current theme"),
        "palette.keys": ("Bảng phím", "Keys"),
        "palette.keys.show": (
            "Hiện trợ giúp của ô đang chọn và tóm tắt các phím dùng được",
            "Show help for the focused widget and a summary of available keys",
        ),
        "palette.keys.hide": (
            "Ẩn bảng phím và trợ giúp của ô đang chọn",
            "Hide the keys and widget help panel",
        ),
        "palette.maximize": ("Phóng to", "Maximize"),
        "palette.maximize.help": ("Phóng to ô đang chọn", "Maximize the focused widget"),
        "palette.minimize": ("Thu nhỏ", "Minimize"),
        "palette.minimize.help": (
            "Đưa ô đang phóng to về kích thước thường",
            "Minimize the widget and restore to normal size",
        ),
        "palette.screenshot": ("Chụp màn hình", "Screenshot"),
        "palette.screenshot.help": (
            "Lưu ảnh SVG của màn hình hiện tại",
            "Save an SVG 'screenshot' of the current screen",
        ),
        "palette.screenshot.saved": ("Đã lưu ảnh màn hình: {path}", "Screenshot saved: {path}"),
        "palette.screenshot.failed": (
            "Không lưu được ảnh màn hình: {reason}",
            "Could not save the screenshot: {reason}",
        ),
    }
)

#: Textual's system commands (``App.get_system_commands``, Textual 8.2.8): their English
#: (title, help) → the message keys of ours; None: not listed (the key table has it)
TEXTUAL_COMMANDS: Final[dict[tuple[str, str], tuple[str, str] | None]] = {
    ("Theme", "Change the current theme"): ("palette.theme", "palette.theme.help"),
    ("Quit", "Quit the application as soon as possible"): None,
    ("Keys", "Show help for the focused widget and a summary of available keys"): (
        "palette.keys",
        "palette.keys.show",
    ),
    ("Keys", "Hide the keys and widget help panel"): ("palette.keys", "palette.keys.hide"),
    ("Maximize", "Maximize the focused widget"): ("palette.maximize", "palette.maximize.help"),
    ("Minimize", "Minimize the widget and restore to normal size"): (
        "palette.minimize",
        "palette.minimize.help",
    ),
    ("Screenshot", "Save an SVG 'screenshot' of the current screen"): (
        "palette.screenshot",
        "palette.screenshot.help",
    ),
}


def textual_commands(
    commands: Iterable[SystemCommand], *, screenshot: Callable[[], object] | None = None
) -> Iterator[SystemCommand]:
    """Textual's own system commands in the user's language (see the module doc).

    ``screenshot`` replaces what Textual's "Screenshot" does: Textual says
    where it saved the picture in English, with markup our plain notifications
    would show as ``[$text-success]``, and names the file itself.  A command
    this table does not know (a Textual upgrade) passes unchanged.
    """
    for command in commands:
        keys = TEXTUAL_COMMANDS.get((command.title, command.help), ())
        if keys is None:
            continue
        if keys:
            title, help_text = keys
            command = command._replace(title=t(title), help=t(help_text))
            if title == "palette.screenshot" and screenshot is not None:
                command = command._replace(callback=screenshot)
        yield command


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
