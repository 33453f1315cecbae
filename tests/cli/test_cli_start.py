"""The app's own start from the command line: a bare ``phuly-tui`` and one with options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from phuly_tui import cli
from phuly_tui.config import Config


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Config, dict[str, Any]]]:
    """Stand in for the Textual app: record what it would be started with."""
    calls: list[tuple[Config, dict[str, Any]]] = []

    def fake_open_app(config: Config, **options: Any) -> int:
        calls.append((config, options))
        return 0

    monkeypatch.setattr(cli, "_open_app", fake_open_app)
    return calls


def test_a_bare_start_takes_its_settings_from_the_environment(
    opened: list[tuple[Config, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PHULY_TUI_BASE_URL", "http://127.0.0.1:9/cong")
    monkeypatch.setenv("PHULY_TUI_DATA_DIR", str(tmp_path / "kho"))
    monkeypatch.setenv("PHULY_TUI_OFFLINE", "1")
    assert cli.main([]) == 0
    [(config, options)] = opened
    assert config.base_url == "http://127.0.0.1:9/cong"
    assert config.data_dir == tmp_path / "kho"
    assert config.offline is True
    assert options == {"url": None, "demo": False}


def test_flags_still_override_the_environment(
    opened: list[tuple[Config, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PHULY_TUI_DATA_DIR", str(tmp_path / "env"))
    assert cli.main(["--data-dir", str(tmp_path / "flag"), "--timeout", "7"]) == 0
    [(config, _options)] = opened
    assert config.data_dir == tmp_path / "flag"
    assert config.timeout == 7.0


def modules_after_a_bare_start(tmp_path: Path) -> set[str]:
    """The modules a fresh interpreter holds after a bare ``phuly-tui`` (the app replaced)."""
    code = (
        "import sys\n"
        "import phuly_tui.cli as cli\n"
        "cli._open_app = lambda *a, **k: 0\n"
        "assert cli.main([]) == 0\n"
        "print('\\n'.join(sys.modules))\n"
    )
    env = {"PHULY_TUI_BASE_URL": "http://127.0.0.1:9", "PHULY_TUI_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return set(out.stdout.split())


def test_a_bare_start_does_not_import_the_argument_parser(tmp_path: Path) -> None:
    assert "argparse" not in modules_after_a_bare_start(tmp_path)


def test_a_bare_start_does_not_import_the_subcommands(tmp_path: Path) -> None:
    """The app's start is measured against a bare Textual app: the subcommands'
    modules (cli/commands/) are imported only when a subcommand runs."""
    loaded = modules_after_a_bare_start(tmp_path)
    assert "phuly_tui.cli" in loaded
    assert not [m for m in loaded if m.startswith("phuly_tui.cli.commands")]
