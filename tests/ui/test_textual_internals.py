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
* ``App._fatal_error``, ``App._exit_renderables``, ``App._close_messages_no_wait``,
  ``App._exception`` — ``PhulyApp`` prints one line and logs the traceback instead
  (``tests/ui/test_app_crash.py`` runs a crashing app end to end).
* ``DOMNode._bindings`` (a per-instance ``BindingsMap``) — rebuilt by ``keys.py``
  alone: translated descriptions (``localize_bindings``, the one binding translator)
  and the reader's digits relabelled on a document (``describe_bindings``).
* ``App._unnotify`` — called by ``formatting.notify_plain`` to replace a repeated
  notice (``r``, Ctrl+C) instead of stacking it; ``App.action_help_quit`` is
  Textual's Ctrl+C action, which ``PhulyApp`` overrides (public, checked here
  because Textual binds it, not us).

(``httpx._main``, kept out by the fetcher, is checked in ``tests/unit/test_fetch.py``.)

The last two tests keep this list complete: they read every class and every
module of phuly-tui and fail when a new override of a private Textual name, a
redeclared Textual reactive or a new use of a private Textual name appears
without being added here (with a test of its own).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import textual
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget

import phuly_tui
from phuly_tui import ui
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
    # _fatal_error reads the crash from _exception when no exception is being handled
    assert app._exception is None
    assert "self._exception = error" in inspect.getsource(App._handle_exception)


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


def test_one_translator_rebuilds_bindings_and_every_class_with_message_keys_calls_it() -> None:
    """``keys.localize_bindings`` is the only code that replaces ``_bindings``, and
    every class whose bindings carry message keys calls it from ``__init__``
    (else its keys would show as ``find.next`` in the key bar and help)."""
    from phuly_tui.i18n import t

    root = Path(phuly_tui.__file__).parent
    writers = sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if "._bindings = " in path.read_text(encoding="utf-8")
    )
    assert writers == ["ui/keys.py"]
    for cls in our_textual_classes():
        bindings = vars(cls).get("BINDINGS") or []
        keys = [b.description for b in bindings if isinstance(b, Binding) and b.description]
        if any(t(key) != key for key in keys):
            init = next(vars(base)["__init__"] for base in cls.__mro__ if "__init__" in vars(base))
            assert "localize_bindings(self)" in inspect.getsource(init), cls


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


# -- the list above is complete ----------------------------------------------------------
#: what Textual's metaclass and reactives put on every subclass: not ours to guard
MADE_FOR_EVERY_CLASS = frozenset(
    {
        "_abc_impl",
        "_computes",
        "_css_type_name",
        "_css_type_names",
        "_decorated_handlers",
        "_inherit_bindings",
        "_inherit_component_classes",
        "_inherit_css",
        "_merged_bindings",
        "_reactives",
    }
)

#: (class, name): the private Textual names our classes override, and the Textual
#: reactives they redeclare — each tested above
GUARDED_OVERRIDES = frozenset(
    {
        ("PhulyApp", "_fatal_error"),
        ("ArticleList", "_size_updated"),
        ("ArticleList", "_on_click"),
        ("KeyBar", "_on_click"),
        ("MainScreen", "focused"),
    }
)

#: private Textual names our code reads, calls or replaces on Textual objects — each tested above
GUARDED_USES = frozenset(
    {
        "_bindings",
        "_close_messages_no_wait",
        "_exception",
        "_exit_renderables",
        "_scroll_update",
        "_size_updated",
        "_unnotify",
    }
)


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def names_set_by(cls: type) -> set[str]:
    """The private names ``cls`` defines: its attributes and what its methods assign to self."""
    names = {name for name in vars(cls) if private(name)}
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return names
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
            and private(node.attr)
        ):
            names.add(node.attr)
    return names


def our_textual_classes() -> list[type]:
    classes = []
    for info in pkgutil.walk_packages(ui.__path__, "phuly_tui.ui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and value.__module__ == module.__name__
                and any(base.__module__.startswith("textual") for base in value.__mro__)
            ):
                classes.append(value)
    return classes


def test_every_override_of_a_textual_internal_is_guarded() -> None:
    found = set()
    for cls in our_textual_classes():
        theirs_classes = [b for b in cls.__mro__[1:] if b.__module__.startswith("textual")]
        theirs = set().union(*(names_set_by(base) for base in theirs_classes))
        ours = names_set_by(cls)  # a subclass of ours inherits what its parent was checked for
        reactives = {
            name
            for name, value in vars(cls).items()
            if isinstance(value, Reactive)
            and any(isinstance(vars(base).get(name), Reactive) for base in theirs_classes)
        }
        for name in (ours & theirs) - MADE_FOR_EVERY_CLASS:
            if name.startswith("_default_") and name[len("_default_") :] in reactives:
                continue  # the storage of a redeclared reactive
            found.add((cls.__name__, name))
        found |= {(cls.__name__, name) for name in reactives}
    assert found == GUARDED_OVERRIDES, (
        "an override of a Textual internal is new or gone: give it a test in this file "
        "and list it in GUARDED_OVERRIDES"
    )


#: modules whose private names are their own (``os._exit``), whatever Textual calls its own
STDLIB_MODULES = frozenset({"os", "sys"})


def test_every_private_textual_name_we_use_is_guarded() -> None:
    def private_names(root: Path, *, stores_on_self_only: bool) -> set[str]:
        names = set()
        for path in root.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    if private(node.name):
                        names.add(node.name)
                elif (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.ctx, ast.Store)
                    and private(node.attr)
                    and (
                        not stores_on_self_only
                        or (isinstance(node.value, ast.Name) and node.value.id == "self")
                    )
                ):
                    names.add(node.attr)
        return names

    ours_root = Path(phuly_tui.__file__).parent
    textuals = private_names(Path(textual.__file__).parent, stores_on_self_only=False)
    ours = private_names(ours_root, stores_on_self_only=True)
    used = set()
    for path in ours_root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in textuals
                and (node.attr not in ours or node.attr in GUARDED_USES)
                # the standard library's own (os._exit) share a name, not Textual
                and not (isinstance(node.value, ast.Name) and node.value.id in STDLIB_MODULES)
            ):
                used.add(node.attr)
    assert used == GUARDED_USES, (
        "a private Textual name is newly used (or no longer): give it a test in this "
        "file and list it in GUARDED_USES"
    )
    # sys.modules["httpx._main"]: set in one place, guarded by tests/unit/test_fetch.py
    setters = [
        path.relative_to(ours_root).as_posix()
        for path in ours_root.rglob("*.py")
        if 'sys.modules.setdefault("httpx._main"' in path.read_text(encoding="utf-8")
    ]
    assert setters == ["fetch/client.py"]
