"""Textual's key panel ("Bảng phím" in the palette) in the user's language.

The panel lists the focused widget's active bindings, Textual's own among
them (the scroll keys of a scrollable container, the screen's copy key, the
app's Ctrl+Q and Ctrl+P with their tooltips): those came in English at
``--lang vi``.
"""

from __future__ import annotations

import ast
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.app import App
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import HelpPanel, Input, ListView, OptionList
from textual.widgets._key_panel import BindingsTable

import phuly_tui.ui
from phuly_tui.ui.app import PhulyApp
from phuly_tui.ui.keys import TEXTUAL_BINDINGS
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


#: the descriptions of Textual's Input bindings (cursor, selection, deletion, clipboard)
INPUT_ENGLISH = {b.description for b in Input.BINDINGS if isinstance(b, Binding) and b.description}


def focused_input_descriptions(app: App[Any]) -> list[str]:
    """The descriptions of the focused text box's own bindings, as Textual lists them."""
    focused = app.screen.focused
    assert isinstance(focused, Input), focused
    return [
        binding.description
        for _, binding, _, _ in app.screen.active_bindings.values()
        if binding.action in {b.action for b in Input.BINDINGS if isinstance(b, Binding)}
    ]


async def open_each_text_box(pilot: Pilot[Any]) -> AsyncIterator[str]:
    """The search box, the Văn bản filter and the reader's find bar, each focused
    with the key panel open: yields the name of each."""
    app = pilot.app
    await pilot.press("slash")
    await pilot.pause()
    yield "search"
    await pilot.press("escape")
    await pilot.press("D")
    await settle(pilot)
    app.screen.query_one("#documents-filter", Input).focus()
    await pilot.pause()
    yield "documents"
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app, PhulyApp)
    app.main.focus_pane("reader")
    await pilot.press("f")
    await pilot.pause()
    yield "find"


@pytest.mark.parametrize(
    ("lang", "move_left"), [("vi", "Con trỏ sang trái"), ("en", "Move cursor left")]
)
async def test_a_text_boxs_keys_are_in_the_users_language(
    lang: str, move_left: str, portal: PortalServer, tmp_path: Path
) -> None:
    """Textual's Input bindings (show=False, so not in the key bar) are listed by the
    key panel while a text box has focus: they came in English at ``--lang vi``."""
    assert {"Move cursor left", "Delete character left", "Paste text from the clipboard"} <= (
        INPUT_ENGLISH
    )
    app = make_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH, lang=lang)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        async for box in open_each_text_box(pilot):
            app.action_show_help_panel()
            await pilot.pause()
            await pilot.pause()
            descriptions = focused_input_descriptions(app)
            assert len(descriptions) >= 10, (box, descriptions)  # its keys, not a few
            assert move_left in descriptions, (box, descriptions)
            assert not [d for d in descriptions if d.startswith("key.")], (box, descriptions)
            if lang == "vi":
                assert not INPUT_ENGLISH & set(descriptions), (box, descriptions)
                assert move_left in panel_text(app), box


def test_every_input_binding_has_our_words() -> None:
    """A Textual upgrade that adds or rewords an Input binding fails here, not in
    front of a reader of the key panel."""
    assert sorted(INPUT_ENGLISH - TEXTUAL_BINDINGS.keys()) == []


def test_every_text_box_of_the_app_is_a_text_input() -> None:
    """A bare ``Input(...)`` would bring back Textual's English key descriptions."""
    root = Path(phuly_tui.ui.__file__).parent
    bare = [
        f"{path.relative_to(root)}:{node.lineno}"
        for path in sorted(root.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == "Input"
    ]
    assert bare == []
