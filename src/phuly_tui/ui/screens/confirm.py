"""A yes/no question that shows the full URL it is about, literally.

Used before anything leaves the portal (issue 5: "opening a link off the
portal's own site asks first and shows the full URL"): the URL is drawn whole,
folded over as many lines as it needs, never shortened — a link's visible text
can lie, the URL cannot.  ``y`` or ``Enter`` answers yes, ``n`` or ``Escape`` no.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ...i18n import t
from ...text import strip_hostile
from .. import labels as _labels  # noqa: F401  (registers the messages)
from ..formatting import screen_block
from ..keys import localize_bindings

__all__ = ["ConfirmScreen"]


class ConfirmScreen(ModalScreen[bool]):
    """Ask ``question`` about ``url``; dismisses with True (yes) or False (no).

    Args:
        question: what is asked (default: open this off-portal link?).
        url: the address, shown in full; "" shows no address line.
        title: the heading (default "Xác nhận").
    """

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen > #confirm-dialog {
        width: 100%;
        max-width: 90;
        height: auto;
        max-height: 100%;
        border: round $warning;
        background: $surface;
        padding: 0 1;
    }
    ConfirmScreen #confirm-title {
        text-style: bold;
    }
    ConfirmScreen #confirm-url {
        height: auto;
        margin: 1 0;
        text-style: bold;
    }
    ConfirmScreen #confirm-buttons {
        height: auto;
        align-horizontal: right;
    }
    ConfirmScreen Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "confirm.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "confirm.no", id="confirm.no"),
    ]

    def __init__(
        self, question: str | None = None, url: str = "", *, title: str | None = None
    ) -> None:
        super().__init__()
        localize_bindings(self)
        self._question = question if question is not None else t("confirm.open_offsite")
        self._url = url
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Label(Text(self._title or t("confirm.title"), end=""), id="confirm-title")
            yield Static(Text(screen_block(self._question), end=""), id="confirm-question")
            if self._url:
                # literal: only terminal-unsafe bytes are removed, nothing is shortened;
                # a line break cannot pretend to end the address
                url = " ".join(strip_hostile(self._url).splitlines())
                yield Static(Text(url, end="", overflow="fold"), id="confirm-url")
            with Horizontal(id="confirm-buttons"):
                yield Button(Text(t("confirm.no"), end=""), id="confirm-no")
                yield Button(Text(t("confirm.yes"), end=""), id="confirm-yes", variant="primary")

    def on_mount(self) -> None:
        # Enter on the focused Yes button answers yes; Tab reaches No
        self.query_one("#confirm-yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
