"""One line above the footer: where the user is and how fresh it is.

Left: the section, how many articles and pages are loaded, unread count.
Right: notices that matter — a stale copy ("Đang xem bản lưu lúc …"),
loading the next page, offline mode, TLS checks switched off.  No clock:
the bar shows only state, so snapshots are deterministic.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..formatting import screen_line

__all__ = ["StatusBar"]


class StatusBar(Static):
    """A one-line status (never markup: everything is ``Text``)."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        width: 100%;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.location = ""
        self.notice = ""
        self.activity = ""
        self.flags: list[str] = []
        self._shown = Text()

    def set_location(self, text: str) -> None:
        self.location = text
        self._paint()

    def set_notice(self, text: str | None) -> None:
        """A lasting notice (stale copy); None clears it."""
        self.notice = screen_line(text) if text else ""
        self._paint()

    def set_activity(self, text: str | None) -> None:
        """A passing state ("Đang tải trang 2…"); None clears it."""
        self.activity = screen_line(text)
        self._paint()

    def set_flags(self, flags: list[str]) -> None:
        """Permanent warnings (offline, TLS not verified)."""
        self.flags = flags
        self._paint()

    @property
    def text(self) -> str:
        return self._compose_text().plain

    def _compose_text(self) -> Text:
        """Location, then the state.  When the line is too short the location
        is cut (with "…"), never the state: "Đang xem bản lưu lúc 07:30 ngày
        26/11" is what an official must see when the portal is down."""
        state = Text(end="", no_wrap=True)
        for part, style in (
            (self.activity, "italic"),
            (self.notice, "bold"),
            *((flag, "bold reverse") for flag in self.flags),
        ):
            if part:
                state.append("  │  ", style="dim")
                state.append(part, style=style)
        text = Text(screen_line(self.location), end="", no_wrap=True, overflow="ellipsis")
        width = self.content_region.width if self.is_mounted else 0
        if width and text.cell_len + state.cell_len > width:
            room = max(0, width - state.cell_len)
            text.truncate(room, overflow="ellipsis")
            if room == 0:
                state = Text(state.plain.lstrip(" │"), end="", no_wrap=True, style="bold")
                state.truncate(width, overflow="ellipsis")
        text.append_text(state)
        return text

    def on_resize(self) -> None:
        self._paint()

    def _paint(self) -> None:
        text = self._compose_text()
        if text != self._shown:  # an update re-lays out the screen: only when it changed
            self._shown = text
            self.update(text)
