"""The one way the command line's tests run ``phuly-tui`` in-process
(``tests/support/cli.py``), and that it stays the one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.cli import run_cli

TESTS = Path(__file__).parent.parent
HELPER = TESTS / "support" / "cli.py"


def test_it_gives_the_exit_code_and_what_was_written(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--offline", "sections", "--json")
    assert code != 0  # nothing stored, offline: not found
    assert out == ""
    assert err.strip()


def test_argparse_exits_give_their_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run_cli(capsys, "--version")
    assert (code, out.startswith("phuly-tui ")) == (0, True)
    code, _out, err = run_cli(capsys, "--archive", "sometimes", "sections")
    assert code == 2
    assert err


def runs_the_cli_itself(function: ast.FunctionDef) -> bool:
    """A helper that calls ``main(...)`` and reads ``capsys``: run_cli written again."""
    calls = [n for n in ast.walk(function) if isinstance(n, ast.Call)]
    names = {
        c.func.id if isinstance(c.func, ast.Name) else getattr(c.func, "attr", "") for c in calls
    }
    return {"main", "readouterr"} <= names and not function.name.startswith("test_")


@pytest.mark.parametrize(
    "path",
    sorted(p for p in TESTS.rglob("*.py") if p != HELPER),
    ids=lambda p: str(p.relative_to(TESTS)),
)
def test_no_test_module_writes_its_own_cli_runner(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = [
        f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and runs_the_cli_itself(f)
    ]
    assert not own, f"{path.name}: use tests.support.cli.run_cli instead of {own}"
