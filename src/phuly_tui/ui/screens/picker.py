"""A numbered list to pick one item from: the article's attachments (``a``) or links (``L``).

Each item is a label and a detail (a file type, a full URL).  The full detail
of the highlighted item is always shown on a line of its own under the list,
so a user sees exactly where a link leads before following it.  ``Enter`` or a
digit ``1``–``9`` picks; the screen dismisses with the item's index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import t
from .. import labels as _labels  # noqa: F401  (registers the messages)
from ..formatting import screen_line
from ..keys import localize_bindings
from ..widgets.choice_list import ChoiceList

__all__ = ["PickerScreen", "picker_prompt"]

#: a detail this short (a file type, a size) is also shown in the list itself
SHORT_DETAIL: Final = 16


def picker_prompt(number: int, label: str, detail: str, *, width: int = 1) -> Text:
    """One row: ``"3. label  PDF"`` — the number, the label, a short detail dimmed.

    Numbers are right-aligned to ``width`` digits so labels line up past item 9
    (only 1–9 can be typed; the rest are reached with the arrows).
    """
    prompt = Text(f"{number:>{width}}. ", style="bold", end="")
    label, detail = screen_line(label), screen_line(detail)
    prompt.append(label or detail)
    if label and detail and len(detail) <= SHORT_DETAIL:
        prompt.append(f"  {detail}", style="dim")
    return prompt


class PickerScreen(ModalScreen[int | None]):
    """Pick one of ``items``; dismisses with its index, or None on Escape.

    Args:
        title: the heading ("Tệp đính kèm", "Liên kết trong bài").
        items: ``(label, detail)`` pairs — the detail is shown in full under
            the list for the highlighted item (a URL, a file type).
        hint: the line of help at the bottom (default: "Enter hoặc 1–9…").
    """

    DEFAULT_CSS = """
    PickerScreen {
        align: center middle;
    }
    PickerScreen > #picker-dialog {
        width: 100%;
        max-width: 110;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    PickerScreen #picker-title {
        text-style: bold;
    }
    PickerScreen #picker-list {
        height: auto;
        max-height: 20;
    }
    PickerScreen #picker-detail {
        height: auto;
        max-height: 4;
        color: $text-muted;
    }
    PickerScreen #picker-hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "picker.close", id="picker.close"),
        *(
            Binding(str(n), f"pick({n - 1})", "picker.pick", show=False, id=f"picker.pick_{n}")
            for n in range(1, 10)
        ),
    ]

    def __init__(
        self, title: str, items: Sequence[tuple[str, str]], *, hint: str | None = None
    ) -> None:
        super().__init__()
        localize_bindings(self)
        self._title = title
        self._items = list(items)
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog"):
            yield Label(Text(screen_line(self._title), end=""), id="picker-title")
            yield ChoiceList(
                *(
                    Option(picker_prompt(n, label, detail, width=len(str(len(self._items)))))
                    for n, (label, detail) in enumerate(self._items, start=1)
                ),
                id="picker-list",
                markup=False,
            )
            empty = t("picker.empty") if not self._items else ""
            yield Static(Text(empty, end=""), id="picker-detail")
            yield Label(Text(self._hint or t("picker.hint"), end=""), id="picker-hint")

    def on_mount(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if self._items:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionHighlighted, "#picker-list")
    def _show_detail(self, event: OptionList.OptionHighlighted) -> None:
        """The full detail (the whole URL, never cut) of the highlighted item."""
        _label, detail = self._items[event.option_index]
        text = Text(screen_line(detail), end="", overflow="fold")
        self.query_one("#picker-detail", Static).update(text)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_pick(self, index: int) -> None:
        if 0 <= index < len(self._items):
            self.dismiss(index)

    def action_close(self) -> None:
        self.dismiss(None)
