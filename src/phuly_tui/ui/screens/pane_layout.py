"""Which of the main screen's three panes is shown and has the focus — cheaply.

Narrow terminals (below :data:`NARROW_WIDTH` columns) show one pane at a
time (the ``-active`` one); wide ones show all three and, while the reader is
the active pane, give it most of the width (the reading layout).  Every
detail here was measured on a key press: a class change restyles a pane, a
screen class change restyles every widget, a focus change restyles the two
panes it leaves and enters — so each is done only when the look changes, and
Enter on a stored article moves the focus after the article's frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer
    from textual.widget import Widget

__all__ = ["NARROW_WIDTH", "PANES", "PaneLayout", "PaneName"]

#: below this many columns the panes are shown one at a time
NARROW_WIDTH = 120
PaneName = Literal["sections", "articles", "reader"]
PANES: tuple[PaneName, ...] = ("sections", "articles", "reader")


class PaneLayout:
    """The panes of ``screen``, named by :data:`PANES` (see the module docstring)."""

    def __init__(
        self, screen: Screen[Any], sections: Widget, articles: Widget, reader: Widget
    ) -> None:
        self.screen = screen
        self.panes: dict[PaneName, Widget] = {
            "sections": sections,
            "articles": articles,
            "reader": reader,
        }
        #: the pane the keys go to (shown alone on a narrow terminal)
        self.active: PaneName = "articles"
        #: Enter on a stored article moves the focus to the reader after its frame
        self._reader_focus_pending = False
        #: the wide reading layout is on (see _set_reading)
        self._reading = False
        self._reader_focus_timer: Timer | None = None

    @property
    def narrow(self) -> bool:
        return self.screen.has_class("-narrow")

    def resized(self, width: int) -> None:
        """The terminal is ``width`` columns wide: one pane at a time, or three."""
        self.screen.set_class(width < NARROW_WIDTH, "-narrow")
        self.mark_active()

    def focus(self, name: PaneName) -> None:
        """Show (narrow) and focus one pane."""
        self._reader_focus_pending = False  # a later move wins over a deferred one
        self.active = name
        self.mark_active()
        # At once, not with Widget.focus (which waits for the message queue):
        # keys typed together — fast fingers, or an SSH link that bunches them —
        # are already queued, and "h k k" must move the sections, not the list.
        self.screen.set_focus(self.panes[name])

    def focus_reader(self, *, shown_at_once: bool) -> None:
        """An article is being opened: the reader gets the focus.

        ``shown_at_once`` (it is cached) on a wide screen: the reading layout
        now, so the article is laid out once, at its width, and the focus after
        its frame.  Otherwise at once: a narrow screen must switch panes first,
        or the reader is hidden.
        """
        if shown_at_once and not self.narrow:
            self.mark_active(reading=True)
            self.focus_reader_after_frame()
        else:
            self.focus("reader")

    def focus_reader_after_frame(self) -> None:
        """Move the focus to the reader once the frame showing the article is out.

        A focus change restyles both panes (their :focus borders, the list's
        highlight) — about half the work of that frame.  The article comes first;
        the focus follows on the next frame (or after 0.1 s at the latest).
        """
        self._reader_focus_pending = True
        signal = self.screen.screen_layout_refresh_signal
        reader = self.panes["reader"]

        def move(_data: object = None) -> None:
            signal.unsubscribe(reader)
            if self._reader_focus_timer is not None:
                self._reader_focus_timer.stop()
                self._reader_focus_timer = None
            if self._reader_focus_pending:
                self.focus("reader")

        signal.unsubscribe(reader)
        signal.subscribe(reader, move)
        if self._reader_focus_timer is not None:
            self._reader_focus_timer.stop()
        self._reader_focus_timer = self.screen.set_timer(0.1, move)

    def mark_active(self, *, reading: bool | None = None) -> None:
        """Narrow terminals show only the ``-active`` pane.

        Wide ones show all three and the class is left alone: every class
        change restyles a pane, which a key press should not pay for.  While
        the reader is the active pane (or about to be: ``reading``) a wide
        screen gives it most of the width (``-reading``: the sections pane
        folds away, the list narrows).
        """
        if reading is None:
            reading = self.active == "reader" or self._reader_focus_pending
        self._set_reading(reading and not self.narrow)
        if self.narrow:
            for name, pane in self.panes.items():
                pane.set_class(name == self.active, "-active")

    def _set_reading(self, reading: bool) -> None:
        """The wide reading layout, as inline styles of the three panes.

        Not a class on the screen: a screen class change restyles every widget
        below it (about 18 ms of an Enter); three inline styles re-lay out the
        panes only; leaving it clears them, so the stylesheet (the narrow
        layout included) applies again.
        """
        if reading == self._reading:
            return
        self._reading = reading
        sections, articles, reader = (self.panes[name] for name in PANES)
        if reading:
            sections.styles.display = "none"
            articles.styles.width = "28%"
            reader.styles.width = "1fr"
        else:  # back to the stylesheet's rules (the narrow layout's included)
            sections.styles.clear_rule("display")
            articles.styles.clear_rule("width")
            reader.styles.clear_rule("width")
            for pane in (sections, articles, reader):
                pane.refresh(layout=True)

    def track(self, focused: Widget | None) -> None:
        """The focus is on ``focused`` now: make its pane the active one."""
        # The pane that has the focus *now*: focus events arrive after the
        # fact, and two focus moves in one turn (start on the list, a deep
        # link then focuses the reader) deliver the list's event last.
        for name, pane in self.panes.items():
            if focused is pane and self.active != name:
                self.active = name
                self.mark_active()

    def step(self, step: int, *, wrap: bool) -> None:
        """Focus the pane ``step`` places right (left when negative), wrapping or not."""
        index = PANES.index(self.active) + step
        if wrap:
            index %= len(PANES)
        elif not 0 <= index < len(PANES):
            return
        self.focus(PANES[index])
