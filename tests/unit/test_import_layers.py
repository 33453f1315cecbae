"""The import contracts of ``pyproject.toml`` hold, and they see every import.

``lint-imports`` runs in CI; this runs the same contracts in the test suite and
checks the premise they rest on: grimp (import-linter's graph) reads imports
made inside functions and under ``TYPE_CHECKING`` — the lazy imports that once
hid the ``library`` ↔ ``sync`` cycle — so "no cycles" means no cycles at all.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("phuly_tui", cache_dir=None)


def test_imports_inside_functions_are_in_the_graph(graph: grimp.ImportGraph) -> None:
    # Library.fetcher imports the fetcher on first use, inside the property
    details = graph.get_import_details(
        importer="phuly_tui.library.core", imported="phuly_tui.fetch"
    )
    assert details, "grimp no longer sees imports made inside functions"


def test_imports_under_type_checking_are_in_the_graph(graph: grimp.ImportGraph) -> None:
    # sync names the store's types for annotations only
    assert graph.direct_import_exists(
        importer="phuly_tui.sync", imported="phuly_tui.store", as_packages=True
    )


def test_sync_and_config_sit_below_the_library(graph: grimp.ImportGraph) -> None:
    assert not graph.direct_import_exists(
        importer="phuly_tui.sync", imported="phuly_tui.library", as_packages=True
    )
    assert not graph.find_shortest_chain(importer="phuly_tui.config", imported="phuly_tui.fetch")


def test_the_contracts_hold() -> None:
    # in a process of its own: lint-imports configures logging (dictConfig disables
    # every logger already made, phuly_tui's included)
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
