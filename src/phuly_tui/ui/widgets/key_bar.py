"""The bottom line of keys: what the focused pane answers to, as one widget.

Textual's ``Footer`` rebuilds one widget per key every time the focus moves;
opening an article moves the focus (list → reader), so every key press that
opens one paid for a dozen widgets mounted and thrown away, and for the
garbage collection they cause later (measured: pauses of 150–300 ms every few
articles).  This bar redraws a single ``Text`` instead.  A click on a key runs
its action, like the Footer's.  The command palette key stays at the right
end; when the line is too long for the terminal (80 columns) the other keys
end with "…" — ``?`` lists them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

__all__ = ["KeyBar"]

_GAP = "  "


class KeyBar(Widget):
    """Shown bindings of the focused widget chain: ``key description``, left to right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key"}

    DEFAULT_CSS = """
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
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
        super().__init__(id=id)
        #: (start, end, action, node) of each key on the line, for clicks
        self._targets: list[tuple[int, int, str, Any]] = []
        self._palette_target: tuple[str, Any] | None = None
        self._palette_start = 0
        #: characters of the keys still visible (a cut line ends with "…")
        self._keys_shown = 0
        self._keys = Text()
        self._palette = Text()
        self._shown = Text()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def notify_style_update(self) -> None:
        """A theme change: the keys' colours are in the text, so it is rebuilt."""
        super().notify_style_update()
        if self.is_mounted:  # before that, on_mount draws the keys
            # after the stylesheet pass: the component styles are updated after this call
            self.call_later(self.refresh_keys)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh_keys()

    def refresh_keys(self) -> None:
        """Redraw from the screen's active bindings (one entry per action)."""
        key_style = self.get_component_rich_style("key-bar--key")
        keys = Text(no_wrap=True, end="")
        targets: list[tuple[int, int, str, Any]] = []
        seen: set[str] = set()
        palette = Text(no_wrap=True, end="")
        palette_target: tuple[str, Any] | None = None
        for key, (node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == self.app.COMMAND_PALETTE_BINDING and binding.action == "command_palette":
                palette.append(self.app.get_key_display(binding), style=key_style)
                palette.append(f" {binding.description}")
                palette_target = (binding.action, node)
                continue
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            if targets:
                keys.append(_GAP)
            start = len(keys)
            keys.append(self.app.get_key_display(binding), style=key_style)
            keys.append(f" {binding.description}")
            targets.append((start, len(keys), binding.action, node))
        self._targets = targets
        self._palette_target = palette_target
        if keys != self._keys or palette != self._palette:
            self._keys, self._palette = keys, palette
            self.refresh()

    def render(self) -> Text:
        """The keys from the left, cut with "…" if needed; the palette key at the right."""
        width = self.content_region.width or self.size.width
        palette = self._palette
        # cells left of the palette key, less the two spaces before it
        room = width - palette.cell_len - (len(_GAP) if palette else 0)
        keys = self._keys.copy()
        if keys.cell_len > room:
            # very narrow: one space before the palette key is enough for a lone "…"
            room = room if room > 0 else room + 1
            if room > 0:
                keys.truncate(room, overflow="ellipsis")
            else:  # not even room for "…": the palette key alone
                keys = Text(end="")
        self._keys_shown = len(keys) - (1 if keys.plain.endswith("…") else 0)
        line = keys.copy()
        self._palette_start = width  # no palette key: clicks past the end do nothing
        if palette:
            line.append(" " * max(0, width - keys.cell_len - palette.cell_len))
            self._palette_start = len(line)
            line.append_text(palette)
        self._shown = line
        return line

    @property
    def text(self) -> str:
        """Every key of the line (before any cut), the palette key last."""
        palette = f"  {self._palette.plain}" if self._palette else ""
        return self._keys.plain + palette

    async def _on_click(self, event: events.Click) -> None:
        offset = event.x - self.styles.padding.left
        if self._palette_target is not None and offset >= self._palette_start:
            event.stop()
            action, node = self._palette_target
            await self.app.run_action(action, node)
            return
        for start, end, action, node in self._targets:
            if start <= offset < min(end, self._keys_shown):
                event.stop()
                await self.app.run_action(action, node)
                return
