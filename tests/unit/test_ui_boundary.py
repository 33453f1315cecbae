"""The UI and the CLI read through the library only (issue 10).

import-linter forbids ``phuly_tui.ui`` to import ``fetch``, ``parse`` and
``store`` (imports inside functions included), but it cannot see an attribute:
``self.library.store.get_page(url)`` or ``library.fetcher.get(url)`` reach the
same layers with no import at all, and ``importlib.import_module("phuly_tui.fetch")``
is a string to it.  This test reads the UI's source and fails on either: the
store and the fetcher are the library's own (the reading policy, the read
marks and the downloads are Library methods).
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
#: attributes of the library that belong to it alone
INTERNAL = frozenset({"store", "fetcher", "_store", "_fetcher"})
#: the layers below the library, named as a string (a dynamic import)
LOWER = ("phuly_tui.fetch", "phuly_tui.parse", "phuly_tui.store")
DYNAMIC_IMPORTS = frozenset({"import_module", "__import__", "find_spec"})


def reaches(source: str) -> list[str]:
    """Where ``source`` reaches the library's internals or imports a lower layer
    by name: ``"line: what"`` for each."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in INTERNAL:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else None
            if isinstance(node.func, ast.Name):
                name = node.func.id
            arguments = [a for a in node.args if isinstance(a, ast.Constant)]
            if name == "getattr" and len(node.args) >= 2:
                attribute = node.args[1]
                if isinstance(attribute, ast.Constant) and attribute.value in INTERNAL:
                    found.append(f"{node.lineno}: getattr(…, {attribute.value!r})")
            elif name in DYNAMIC_IMPORTS and any(
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


@pytest.mark.parametrize(
    "source",
    [
        "self.library.store.updated_since_read(urls)",
        "await self.screen.library.fetcher.download(url, path)",
        "library._store.get_page(url)",
        "getattr(library, 'store').get_page(url)",
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
