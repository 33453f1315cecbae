"""Textual's key panel ("Bảng phím" in the palette) in the user's language.

The panel lists the focused widget's active bindings, Textual's own among
them (the scroll keys of a scrollable container, the screen's copy key, the
app's Ctrl+Q and Ctrl+P with their tooltips): those came in English at
``--lang vi``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import HelpPanel, ListView, OptionList
from textual.widgets._key_panel import BindingsTable

from tests.support.app_harness import SEED_PATH, make_app, settle
from tests.support.portal_server import PortalServer

#: every description and tooltip of Textual's own bindings the app inherits
TEXTUAL_ENGLISH = {
    text
    for cls in (App, Screen, ScrollableContainer, OptionList, ListView)
    for binding in cls.BINDINGS
    if isinstance(binding, Binding)
    for text in (binding.description, binding.tooltip)
    if text
} | {"Open the command palette"}


def panel_text(app: App[Any]) -> str:
    table = app.screen.query_one(HelpPanel).query_one(BindingsTable)
    console = Console(width=100, color_system=None)
    with console.capture() as captured:
        console.print(table.render_bindings_table())
    return captured.get()


async def test_the_key_panel_speaks_vietnamese(portal: PortalServer, tmp_path: Path) -> None:
    assert {"Scroll Left", "Copy selected text", "Quit"} <= TEXTUAL_ENGLISH
    app = make_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH, lang="vi")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        app.action_show_help_panel()
        for pane in ("reader", "sections", "articles"):
            app.main.focus_pane(pane)
            await pilot.pause()
            await pilot.pause()
            english = [
                (binding.description, tooltip)
                for _, binding, _, tooltip in app.screen.active_bindings.values()
                if binding.description in TEXTUAL_ENGLISH or tooltip in TEXTUAL_ENGLISH
            ]
            assert not english, (pane, english)
            text = panel_text(app)
            assert "Cuộn" in text or "Xuống" in text, text
            for word in ("Scroll", "Copy selected", "Quit", "command palette", "Page Left"):
                assert word not in text, (pane, word, text)
