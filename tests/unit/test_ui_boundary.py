"""The UI and the CLI read through the library only (issue 10).

import-linter forbids ``phuly_tui.ui`` to import ``fetch``, ``parse`` and
``store`` (imports inside functions included), but it cannot see an attribute:
``self.library._store.get_page(url)`` or ``library._fetcher.get(url)`` reach the
same layers with no import at all, and ``importlib.import_module("phuly_tui.fetch")``
is a string to it.  This test reads the UI's source and fails on either: the
store and the fetcher are the library's own (the reading policy, the read
marks and the downloads are Library methods).

The store and the fetcher are private to the library package: ``Library`` has
no public ``store`` or ``fetcher``, a sync gets the few things it does with
them as a ``SyncAccess`` the library hands it, and no other module — nor a
test or a benchmark (they give the library a store: ``tests/support/libraries.py``)
— names them.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

import phuly_tui.cli
import phuly_tui.ui

UI = Path(phuly_tui.ui.__file__).parent
#: the CLI is held to the same rule: its maintenance commands (``prune``,
#: ``read --explain``) are Library methods too
CLI = Path(phuly_tui.cli.__file__).parent
SRC = UI.parent
REPO = SRC.parent.parent
#: the package that owns the store and the fetcher, and the module it hands them to
OWNERS = (SRC / "library", SRC / "sync")
#: attributes of the library that belong to it alone (``store`` and ``fetcher``:
#: their public names until issue 10's review)
INTERNAL = frozenset(
    {"store", "fetcher", "_store", "_fetcher", "_store_made", "_fetcher_made", "_conditional_get"}
)
#: names only the library package uses (the sync's access to the store and fetcher)
INTERNAL_NAMES = frozenset({"SyncAccess"})
#: the layers below the library, named as a string (a dynamic import)
LOWER = ("phuly_tui.fetch", "phuly_tui.parse", "phuly_tui.store")
DYNAMIC_IMPORTS = frozenset({"import_module", "__import__", "find_spec"})


def internals_reached(source: str, *, own_too: bool = False) -> list[str]:
    """Where ``source`` reaches the library's store or fetcher — an attribute of
    another object, a ``getattr``, the sync's access: ``"line: what"`` for each.

    A class's own ``self._fetcher`` (the archive client has one) is its own
    business, unless ``own_too`` (the UI and the CLI have none of their own).
    """
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in INTERNAL:
            own = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            if own_too or not own:
                found.append(f"{node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Attribute) and node.attr in INTERNAL_NAMES) or (
            isinstance(node, ast.Name) and node.id in INTERNAL_NAMES
        ):
            found.append(
                f"{node.lineno}: {node.attr if isinstance(node, ast.Attribute) else node.id}"
            )
        elif isinstance(node, ast.alias) and node.name.rpartition(".")[2] in INTERNAL_NAMES:
            found.append(f"{node.lineno}: import {node.name}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
        ):
            attribute = node.args[1]
            if isinstance(attribute, ast.Constant) and attribute.value in INTERNAL:
                found.append(f"{node.lineno}: getattr(…, {attribute.value!r})")
    return found


def lower_layers_named(source: str) -> list[str]:
    """Where ``source`` imports a lower layer by name (a string import-linter
    cannot see): ``"line: what"`` for each."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else None
            if isinstance(node.func, ast.Name):
                name = node.func.id
            arguments = [a for a in node.args if isinstance(a, ast.Constant)]
            if name in DYNAMIC_IMPORTS and any(
                isinstance(a.value, str) and a.value.startswith(LOWER) for a in arguments
            ):
                found.append(f"{node.lineno}: {name}({arguments[0].value!r})")
        elif isinstance(node, ast.Compare) and any(
            isinstance(part, ast.Constant)
            and isinstance(part.value, str)
            and part.value.startswith(LOWER)
            for part in (node.left, *node.comparators)
        ):
            found.append(f"{node.lineno}: a lower layer named in sys.modules")
    return found


def reaches(source: str) -> list[str]:
    """What the UI and the CLI may not do: reach the library's internals (their
    own attributes of those names included) or import a lower layer by name."""
    return internals_reached(source, own_too=True) + lower_layers_named(source)


def ui_files() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def cli_files() -> list[Path]:
    return sorted(CLI.rglob("*.py"))


@pytest.mark.parametrize("path", ui_files() + cli_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_ui_and_cli_never_reach_the_store_or_the_fetcher(path: Path) -> None:
    found = reaches(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(SRC)} goes around the library: {found}"


def test_the_ui_and_the_cli_have_files_to_scan() -> None:
    assert len(ui_files()) > 10
    assert len(cli_files()) > 5


def outside_files() -> list[Path]:
    """Every Python file of the project but the library package and the sync."""
    files = [
        *SRC.rglob("*.py"),
        *(REPO / "tests").rglob("*.py"),
        *(REPO / "benchmarks").rglob("*.py"),
    ]
    return sorted(f for f in files if not any(f == owner or owner in f.parents for owner in OWNERS))


@pytest.mark.parametrize("path", outside_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_only_the_library_and_the_sync_reach_the_store_and_the_fetcher(path: Path) -> None:
    found = internals_reached(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(REPO)} reaches into the library: {found}"


def test_the_library_has_no_public_store_or_fetcher(tmp_path: Path) -> None:
    from phuly_tui.config import Config
    from phuly_tui.library import Library

    library = Library(Config(data_dir=tmp_path))
    public = {name for name in dir(library) if not name.startswith("_")}
    assert not public & INTERNAL


def test_a_class_may_keep_its_own_fetcher_but_not_reach_the_librarys() -> None:
    assert not internals_reached("self._fetcher = Fetcher(settings)")
    assert internals_reached("self.library._fetcher.get(url)")
    assert reaches("self._fetcher = Fetcher(settings)")  # the UI and the CLI have none


@pytest.mark.parametrize(
    "source",
    [
        "self.library.store.updated_since_read(urls)",
        "await self.screen.library.fetcher.download(url, path)",
        "library._store.get_page(url)",
        "library._fetcher_made.warm()",
        "getattr(library, 'store').get_page(url)",
        "from phuly_tui.library.core import SyncAccess",
        "access = core.SyncAccess(library)",
        "importlib.import_module('phuly_tui.fetch')",
        "if 'phuly_tui.fetch' not in sys.modules: pass",
        "__import__('phuly_tui.parse.api')",
    ],
)
def test_the_scanner_finds_each_way_around(source: str) -> None:
    assert reaches(textwrap.dedent(source))


@pytest.mark.parametrize(
    "source",
    [
        "self.library.read_state(urls)",
        "await library.download_attachment(url, folder, name)",
        "self._paint_from_store()",
        "importlib.import_module('phuly_tui.ui.screens.help')",
        "text = 'phuly_tui.store.SearchResult has it'",
    ],
)
def test_the_scanner_lets_the_library_api_through(source: str) -> None:
    assert not reaches(textwrap.dedent(source))
