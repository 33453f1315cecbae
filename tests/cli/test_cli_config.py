"""Settings are checked, one line each: the config file, the environment and the flags.

``data_dir = 7`` used to create a folder ``7``; ``lang = "xx"``, ``theme = "nope"``,
unknown keymap ids and a missing ``PHULY_TUI_CONFIG`` file were silent.  Each is
now bad usage (exit 2) with a message naming the setting and what is allowed —
for a subcommand and for the app's start alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from phuly_tui import cli
from phuly_tui.cli import EXIT_OK, EXIT_USAGE
from tests.support.cli import run_cli

ANY_APP_START: list[str] = []  # the app: no subcommand
A_SUBCOMMAND = ["bookmarks"]  # needs no network


@pytest.fixture(autouse=True)
def no_app(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Starting the app is recorded instead of done (a bad config must stop before)."""
    started: list[Any] = []

    def record(config: Any, **_options: Any) -> int:
        started.append(config)
        return 0

    monkeypatch.setattr(cli, "_open_app", record)
    return started


def write_config(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PHULY_TUI_CONFIG", str(path))
    return path


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


FILE_CASES = [
    ("data_dir = 7", ["data_dir", "7", "đường dẫn một thư mục"]),
    ('data_dir = ""', ["data_dir", "đường dẫn một thư mục"]),
    ("lang = 5", ["lang", "vi hoặc en"]),
    ('lang = "xx"', ["lang", "'xx'", "vi hoặc en"]),
    ('theme = "nope"', ["theme", "'nope'", "textual-dark", "nord"]),
    ("timeout = true", ["timeout", "True", "số giây"]),
    ('offline = "maybe"', ["offline", "'maybe'", "true hoặc false"]),
    ('base_url = "ftp://x"', ["base_url", "http://"]),
    ('proxy = "proxy"', ["proxy", "'proxy'"]),
    ("ca_bundle = 1", ["ca_bundle", "đường dẫn một tệp"]),
    ('keymap = "quit=x"', ["keymap"]),
    ('[keymap]\nqiut = "x"', ["qiut", "quit", "[keymap]"]),
    ('[keymap]\nquit = ""', ["keymap.quit", "''"]),
    ('[keymap]\nquit = "x, ,y"', ["keymap.quit"]),
    ("[keymap]\nquit = 5", ["keymap.quit", "5"]),
    ('[keymap]\nquit = "j"', ["“j”", "quit", "cursor_down", "[keymap]"]),
    ('[keymap]\nnext_article = "f"', ["“f”", "next_article", "find"]),
]


@pytest.mark.parametrize("argv", [A_SUBCOMMAND, ANY_APP_START], ids=["cli", "app"])
@pytest.mark.parametrize(("text", "expected"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_bad_config_values_are_one_line_and_exit_2(
    text: str,
    expected: list[str],
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_app: list[Any],
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write_config(tmp_path, text, monkeypatch)
    code, out, err = run_cli(capsys, *argv)
    assert code == EXIT_USAGE, err
    assert out == ""
    line = one_line(err)
    assert line.startswith("phuly-tui: Lỗi cấu hình: ")
    for part in expected:
        assert part in line
    assert str(path) in line
    assert no_app == []
    assert not (tmp_path / "7").exists()  # data_dir = 7 made a folder "7" here


ENV_CASES = [
    ("PHULY_TUI_LANG", "xx", ["lang", "PHULY_TUI_LANG", "vi hoặc en"]),
    ("PHULY_TUI_THEME", "nope", ["theme", "PHULY_TUI_THEME", "textual-dark"]),
    ("PHULY_TUI_TIMEOUT", "-1", ["timeout", "PHULY_TUI_TIMEOUT", "số giây"]),
    ("PHULY_TUI_TIMEOUT", "nan", ["timeout", "PHULY_TUI_TIMEOUT"]),
    ("PHULY_TUI_OFFLINE", "maybe", ["offline", "PHULY_TUI_OFFLINE"]),
    ("PHULY_TUI_KEYMAP", "quit", ["keymap", "PHULY_TUI_KEYMAP", "'quit'"]),
    ("PHULY_TUI_KEYMAP", "=x", ["keymap", "PHULY_TUI_KEYMAP"]),
    ("PHULY_TUI_KEYMAP", "quit=", ["keymap.quit", "PHULY_TUI_KEYMAP"]),
    ("PHULY_TUI_KEYMAP", "nope=x", ["nope", "PHULY_TUI_KEYMAP"]),
    ("PHULY_TUI_KEYMAP", "quit=n", ["“n”", "quit", "next_article", "PHULY_TUI_KEYMAP"]),
    (
        "PHULY_TUI_CONFIG",
        "/nonexistent/phuly.toml",
        ["/nonexistent/phuly.toml", "PHULY_TUI_CONFIG"],
    ),
]


@pytest.mark.parametrize("argv", [A_SUBCOMMAND, ANY_APP_START], ids=["cli", "app"])
@pytest.mark.parametrize(("var", "value", "expected"), ENV_CASES, ids=[c[1] for c in ENV_CASES])
def test_bad_environment_values_are_one_line_and_exit_2(
    var: str,
    value: str,
    expected: list[str],
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_app: list[Any],
) -> None:
    monkeypatch.setenv(var, value)
    code, _out, err = run_cli(capsys, *argv)
    assert code == EXIT_USAGE, err
    line = one_line(err)
    for part in expected:
        assert part in line
    assert no_app == []


FLAG_CASES = [
    (["--lang", "xx"], ["lang", "--lang"]),
    (["--theme", "nope"], ["theme", "--theme", "textual-dark"]),
    (["--timeout", "0"], ["timeout", "--timeout"]),
    (["--timeout", "abc"], ["timeout", "--timeout"]),
    (["--base-url", "javascript:alert(1)"], ["base_url", "--base-url"]),
    (["--config", "/nonexistent/phuly.toml"], ["/nonexistent/phuly.toml", "--config"]),
]


@pytest.mark.parametrize("argv", [A_SUBCOMMAND, ANY_APP_START], ids=["cli", "app"])
@pytest.mark.parametrize(
    ("flags", "expected"), FLAG_CASES, ids=[" ".join(c[0]) for c in FLAG_CASES]
)
def test_bad_flags_are_checked_like_the_file(
    flags: list[str],
    expected: list[str],
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    no_app: list[Any],
) -> None:
    code, _out, err = run_cli(capsys, *flags, *argv)
    assert code == EXIT_USAGE, err
    line = one_line(err)
    for part in expected:
        assert part in line
    assert no_app == []


def test_unknown_keys_are_a_warning_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config(tmp_path, 'lang = "en"\ntimout = 5\n', monkeypatch)
    code, _out, err = run_cli(capsys, *A_SUBCOMMAND)
    assert code == EXIT_OK, err
    warning, *rest = [line for line in err.splitlines() if line.strip()]
    assert "Ignoring the unknown config key “timout”" in warning  # in the file's language
    assert str(path) in warning
    assert "timeout" in warning  # the known keys are listed
    assert rest == ["No bookmarks yet."]  # lang = "en" was read: the run went on


def test_a_config_file_with_a_bom_is_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_app: list[Any],
) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes("\ufefftheme = 'nord'\ntimeout = 5\n".encode())
    monkeypatch.setenv("PHULY_TUI_CONFIG", str(path))
    monkeypatch.setenv("PHULY_TUI_TIMEOUT", "")  # empty means unset: the file's 5 stays
    code, _out, err = run_cli(capsys, *ANY_APP_START)
    assert code == EXIT_OK, err
    assert err == ""
    (config,) = no_app
    assert config.theme == "nord"
    assert config.timeout == 5.0


def test_config_path_works_with_a_broken_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command that says where the file is must not fail because of the file."""
    path = write_config(tmp_path, "data_dir = 7", monkeypatch)
    code, out, _err = run_cli(capsys, "config-path")
    assert code == EXIT_OK
    assert out.strip() == str(path)
