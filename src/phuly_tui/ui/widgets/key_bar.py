"""The bottom line of keys: what the focused pane answers to, as one ``Static``.

Textual's ``Footer`` rebuilds one widget per key every time the focus moves;
opening an article moves the focus (list → reader), so every key press that
opens one paid for a dozen widgets mounted and thrown away, and for the
garbage collection they cause later (measured: pauses of 150–300 ms every few
articles).  This bar redraws a single ``Text`` instead.  A click on a key runs
its action, like the Footer's.

Not yet in the main screen: switching ``Footer(compact=True)`` for
``KeyBar(id="keys")`` in ``MainScreen.compose`` changes the bottom line of
every snapshot picture, so it waits for those to be regenerated (keypress
benchmark with it: median 50 ms, p90 60 ms; with the Footer p90 ~150 ms).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.screen import Screen

__all__ = ["KeyBar"]

_KEY_STYLE = "bold"
_GAP = "  "


class KeyBar(Static):
    """Shown bindings of the focused widget chain: ``key description``, left to right."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 100%;
        background: $footer-background;
        color: $footer-description-foreground;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        #: (start, end, action, node) of each key on the line, for clicks
        self._targets: list[tuple[int, int, str, Any]] = []
        self._shown = Text()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh_keys()

    def refresh_keys(self) -> None:
        """Redraw from the screen's active bindings (one entry per action)."""
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        targets: list[tuple[int, int, str, Any]] = []
        seen: set[str] = set()
        palette = None
        for key, (node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == self.app.COMMAND_PALETTE_BINDING and binding.action == "command_palette":
                palette = (node, binding, enabled)
                continue
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            start = len(text)
            text.append(self.app.get_key_display(binding), style=_KEY_STYLE)
            text.append(f" {binding.description}")
            targets.append((start, len(text), binding.action, node))
            text.append(_GAP)
        if palette is not None:
            node, binding, _enabled = palette
            start = len(text)
            text.append(self.app.get_key_display(binding), style=_KEY_STYLE)
            text.append(f" {binding.description}")
            targets.append((start, len(text), binding.action, node))
        self._targets = targets
        text.rstrip()
        if text != self._shown:
            self._shown = text
            self.update(text)

    @property
    def text(self) -> str:
        return self._shown.plain

    async def _on_click(self, event: events.Click) -> None:
        offset = event.x - self.styles.padding.left
        for start, end, action, node in self._targets:
            if start <= offset < end:
                event.stop()
                await self.app.run_action(action, node)
                return
