"""The key table: every key the app answers to, in the user's language.

The rows are not written here: the caller passes them (the app builds them from
its key table, so the help cannot drift from the bindings), or, given none,
the screen reads the active bindings of the screen it was opened over —
remapped keys included, since Textual's keymap rewrites those bindings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from ...i18n import t
from .. import labels as _labels  # noqa: F401  (registers the messages)
from ..formatting import screen_line
from ..keys import localize_bindings

__all__ = ["HelpRow", "HelpScreen", "rows_from_bindings"]

#: ``(keys, description, binding id)``, or ``(keys, pane, description, binding id)``
HelpRow = tuple[str, str, str] | tuple[str, str, str, str]


def rows_from_bindings(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """``(keys, description, id)`` for every described binding active on ``screen``.

    Keys bound to the same action are merged into one row ("j ↓"), in the order
    Textual reports them; bindings without a description are internal and left
    out.
    """
    merged: dict[tuple[str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description:
            continue
        ident = binding.id or binding.action
        shown = screen.app.get_key_display(binding)
        keys = merged.setdefault((binding.description, ident), [])
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description, ident) for (description, ident), keys in merged.items()]


class HelpScreen(ModalScreen[None]):
    """A scrollable table of keys; Escape, ``q`` or ``?`` closes it.

    Args:
        rows: the keys to show — ``(keys, description, id)`` or ``(keys, pane,
            description, id)`` tuples; ``None`` reads the bindings of the screen
            underneath when the help opens.
        title: the heading (default "Phím tắt").
    """

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > #help-dialog {
        width: 100%;
        max-width: 110;
        height: 100%;
        max-height: 40;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen #help-title {
        text-style: bold;
        width: 100%;
        content-align: center middle;
    }
    HelpScreen #help-table {
        height: 1fr;
    }
    HelpScreen #help-hint {
        color: $text-muted;
        width: 100%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark", "close", "help.close", id="help.close", key_display="Esc"
        ),
        # the reader's movement keys work here too
        Binding("j", "move('cursor_down')", show=False),
        Binding("k", "move('cursor_up')", show=False),
        Binding("g", "move('scroll_top')", show=False),
        Binding("G", "move('scroll_bottom')", show=False),
    ]

    def __init__(self, rows: Sequence[HelpRow] | None = None, *, title: str | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self._rows = list(rows) if rows is not None else None
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Label(Text(self._title or t("help.title"), end=""), id="help-title")
            table: DataTable[Text] = DataTable(
                id="help-table", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield Label(Text(t("help.hint"), end=""), id="help-hint")

    def on_mount(self) -> None:
        rows: list[HelpRow] = list(self._rows) if self._rows is not None else []
        if self._rows is None and len(self.app.screen_stack) > 1:
            rows = list(rows_from_bindings(self.app.screen_stack[-2]))
        wide = any(len(row) == 4 for row in rows)
        # what a key does comes right after the key: at 80 columns the table is
        # wider than the screen, and the pane ("Ở đâu") is what may be cut off
        headings = [t("help.column.keys"), t("help.column.action"), "id"]
        if wide:
            headings.insert(2, t("help.column.where"))
        table = self.query_one("#help-table", DataTable)
        table.add_columns(*(Text(heading) for heading in headings))
        if not rows:
            table.add_row(Text(t("help.empty")), *(Text("") for _ in headings[1:]))
        for row in rows:
            keys, pane, description, ident = row if len(row) == 4 else (row[0], "", *row[1:])
            cells = [Text(screen_line(keys), style="bold"), Text(screen_line(description))]
            if wide:
                cells.append(Text(screen_line(pane), style="dim"))
            cells.append(Text(screen_line(ident), style="dim"))
            table.add_row(*cells)
        table.focus()

    def action_move(self, action: str) -> None:
        """Run one of the table's cursor actions (j/k/g/G as in the rest of the app)."""
        table = self.query_one("#help-table", DataTable)
        getattr(table, f"action_{action}")()

    def action_close(self) -> None:
        self.dismiss(None)
