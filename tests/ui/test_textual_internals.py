"""Every Textual internal phuly-tui overrides or touches, held to the installed Textual.

Textual is pinned exactly (``pyproject.toml``).  A bump may rename, re-sign or
stop calling any of these private names without a deprecation; these tests
fail first and say which one moved.  Each checks two things: the internal is
still there with the signature we override or call (or the behaviour we
rely on), and our code is actually reached through it in a running app.

What we rely on, and where:

* ``ScrollView._size_updated`` — overridden by ``ArticleList`` (no scroll-bar
  redraw on every layout); ``Widget._scroll_update`` — called by it.
* ``Widget._on_click`` — overridden by ``ArticleList`` and ``KeyBar`` (a click
  picks an item / runs a key, without Textual's double-click text selection).
* ``Screen.focused`` — redeclared by ``MainScreen`` as ``Reactive(repaint=False)``.
* ``App._fatal_error``, ``App._exit_renderables``, ``App._close_messages_no_wait``
  — ``PhulyApp`` prints one line and logs the traceback instead
  (``tests/ui/test_app_crash.py`` runs a crashing app end to end).
* ``DOMNode._bindings`` (a per-instance ``BindingsMap``) — rebuilt with
  translated descriptions by ``keys.localize_bindings`` and
  ``binding_text.translate_binding_descriptions``.
* ``App._unnotify`` — called by ``formatting.notify_plain`` to replace a repeated
  notice (``r``, Ctrl+C) instead of stacking it; ``App.action_help_quit`` is
  Textual's Ctrl+C action, which ``PhulyApp`` overrides (public, checked here
  because Textual binds it, not us).

(``httpx._main``, kept out by the fetcher, is checked in ``tests/unit/test_fetch.py``.)
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget

from phuly_tui.model import ListingItem
from phuly_tui.ui.app import PhulyApp
from phuly_tui.ui.screens.help import HelpScreen
from phuly_tui.ui.screens.main import MainScreen
from phuly_tui.ui.widgets.article_list import ArticleList
from phuly_tui.ui.widgets.key_bar import KeyBar
from tests.support.app_harness import make_app, settle
from tests.support.portal_server import PortalServer


def parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


def spy(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> list[tuple[Any, ...]]:
    """Record the calls of ``owner.name`` (still calling it)."""
    calls: list[tuple[Any, ...]] = []
    original = owner.__dict__[name]

    if inspect.iscoroutinefunction(original):

        async def async_wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            calls.append(args)
            return await original(self, *args, **kwargs)

        monkeypatch.setattr(owner, name, async_wrapper)
    else:

        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            calls.append(args)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)
    return calls


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")


ITEMS = [ListingItem(f"Tin số {n}", f"https://x/Pages/{n}.aspx", "2024-06-14") for n in range(40)]


# -- ArticleList: ScrollView._size_updated, Widget._scroll_update, Widget._on_click ------


def test_size_updated_has_the_signature_article_list_overrides() -> None:
    expected = ["self", "size", "virtual_size", "container_size", "layout"]
    assert "_size_updated" in ScrollView.__dict__, "ScrollView no longer defines _size_updated"
    assert parameters(ScrollView._size_updated) == expected
    assert parameters(ArticleList._size_updated) == expected
    assert inspect.signature(ScrollView._size_updated).parameters["layout"].default is True


def test_scroll_update_has_the_signature_article_list_calls() -> None:
    assert parameters(Widget._scroll_update) == ["self", "virtual_size"]


async def test_the_compositor_calls_our_size_updated_and_we_call_scroll_update(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sized = spy(monkeypatch, ArticleList, "_size_updated")
    scrolled = spy(monkeypatch, Widget, "_scroll_update")
    app = ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        articles = app.query_one(ArticleList)
        articles.show_items(ITEMS)
        await pilot.pause()
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        assert sized, "Textual no longer calls _size_updated on a layout"
        # ours hands ScrollView the list's own virtual size, not the content size
        assert all(isinstance(args[0], Size) for args in sized)
        assert articles.virtual_size.height >= len(ITEMS)
        assert any(args and args[0] == articles.virtual_size for args in scrolled)


def test_on_click_is_the_handler_article_list_and_key_bar_replace() -> None:
    assert "_on_click" in Widget.__dict__, "Widget no longer defines _on_click"
    assert inspect.iscoroutinefunction(Widget._on_click)
    assert parameters(Widget._on_click) == ["self", "event"]
    for ours in (ArticleList, KeyBar):
        assert "_on_click" in ours.__dict__
        assert parameters(ours._on_click) == ["self", "event"]


async def test_a_click_reaches_our_on_click(monkeypatch: pytest.MonkeyPatch) -> None:
    clicks = spy(monkeypatch, ArticleList, "_on_click")
    app = ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        articles = app.query_one(ArticleList)
        articles.show_items(ITEMS)
        await pilot.pause()
        await pilot.click(ArticleList, offset=(5, 4))
        await pilot.pause()
    assert clicks, "a click no longer goes through Widget._on_click"
    assert isinstance(clicks[0][0], events.Click)


# -- MainScreen: the Screen.focused reactive --------------------------------------


def test_screen_focused_is_a_repainting_reactive_that_main_screen_redeclares() -> None:
    theirs = Screen.__dict__.get("focused")
    assert isinstance(theirs, Reactive), "Screen.focused is no longer a Reactive"
    assert theirs._repaint is True  # else the redeclaration has no purpose any more
    ours = MainScreen.__dict__["focused"]
    assert isinstance(ours, Reactive)
    assert ours._repaint is False
    assert "repaint" in inspect.signature(Reactive.__init__).parameters


async def test_focus_still_moves_through_our_focused_reactive(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.main
        assert type(main).__dict__["focused"] is MainScreen.__dict__["focused"]
        before = main.focused
        await pilot.press("tab")
        await pilot.pause()
        assert main.focused is not before
        assert main.focused is app.focused


# -- PhulyApp: _fatal_error, _exit_renderables, _close_messages_no_wait -------------------


def test_the_fatal_error_internals_phuly_app_uses() -> None:
    assert "_fatal_error" in App.__dict__, "App no longer defines _fatal_error"
    assert parameters(App._fatal_error) == ["self"]
    assert parameters(PhulyApp._fatal_error) == ["self"]
    assert parameters(App._close_messages_no_wait) == ["self"]  # MessagePump's
    # Textual's exception handling still ends in _fatal_error
    assert "self._fatal_error()" in inspect.getsource(App._handle_exception)
    app = App[None]()
    assert isinstance(app._exit_renderables, list)  # printed after the app exits


# -- bindings: DOMNode._bindings ---------------------------------------------------------


def test_bindings_are_a_per_instance_bindings_map_we_can_rebuild() -> None:
    first, second = HelpScreen(), HelpScreen()
    assert isinstance(first._bindings, BindingsMap)
    assert first._bindings is not second._bindings  # copied per node in __init__
    pairs = list(first._bindings)
    assert pairs
    assert all(isinstance(b, Binding) for _key, b in pairs)
    rebuilt = BindingsMap([b for _key, b in pairs])
    assert [b for _k, b in rebuilt] == [b for _k, b in pairs]


async def test_our_translated_bindings_are_the_ones_textual_shows(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for node in (app, app.main, app.main.article_list):
            descriptions = [b.description for _key, b in node._bindings]
            assert descriptions
            assert not [d for d in descriptions if d.startswith("key.")], descriptions
        # Textual reads them back through active_bindings (the key bar and help do too)
        shown = {active.binding.description for active in app.main.active_bindings.values()}
        assert "Thoát" in shown


# -- notifications: App._unnotify, App.action_help_quit -----------------------------------


def test_unnotify_and_help_quit_have_the_signatures_we_rely_on() -> None:
    assert "_unnotify" in App.__dict__, "App no longer defines _unnotify"
    assert parameters(App._unnotify) == ["self", "notification", "refresh"]
    assert parameters(App.action_help_quit) == ["self"]
    assert parameters(PhulyApp.action_help_quit) == ["self"]
    assert any(b.key == "ctrl+c" and b.action == "help_quit" for b in App.BINDINGS)  # type: ignore[union-attr]


async def test_a_repeated_notice_goes_through_unnotify(
    portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    withdrawn = spy(monkeypatch, App, "_unnotify")
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r", "r")
        await pilot.pause()
        await pilot.press("ctrl+c", "ctrl+c")
        await pilot.pause()
    assert len(withdrawn) >= 2, "the second r and Ctrl+C no longer withdraw the first notice"
