"""The language of the command line's first words: ``--help`` and a mistake.

argparse answers before the settings are checked, so the language is read
first from the command line, the environment and the config file, in the
settings' order (flag, ``PHULY_TUI_LANG``, file).  Two ways it went wrong:
argparse took abbreviations (``--la en`` meant ``--lang en``) that the early
reading did not see, so ``phuly-tui list --la en --bogus`` answered in
Vietnamese; and ``lang = "en"`` in the config file was read only after
argparse had spoken.  Abbreviations are now refused (README, "Command line"):
an option is written whole, and the early reading sees what argparse sees.
Each case runs the installed command in a process of its own.
"""

from __future__ import annotations

from pathlib import Path

from phuly_tui.cli import EXIT_USAGE
from tests.support.cli import run_installed


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "phuly.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_abbreviated_option_is_not_taken_for_the_whole_one() -> None:
    proc = run_installed("list", "--la", "en", "--bogus")
    assert proc.returncode == EXIT_USAGE
    # --la is not --lang: refused like --bogus, and said in Vietnamese (no --lang given)
    assert proc.stderr == "phuly-tui: không hiểu tham số: --la --bogus (xem phuly-tui --help)\n"
    proc = run_installed("--lang", "en", "list", "--pa", "2")
    assert proc.returncode == EXIT_USAGE
    assert proc.stderr == "phuly-tui: unrecognized arguments: --pa (see phuly-tui --help)\n"


def test_lang_is_read_in_every_form_argparse_takes() -> None:
    for argv in (("--lang=en", "--bogus"), ("list", "--lang", "en", "--bogus")):
        proc = run_installed(*argv)
        assert proc.stderr == "phuly-tui: unrecognized arguments: --bogus (see phuly-tui --help)\n"


def test_a_mistake_among_the_settings_is_said_in_the_language_given() -> None:
    proc = run_installed("--lang", "en", "--timeout")
    assert proc.returncode == EXIT_USAGE
    assert proc.stderr == (
        "phuly-tui: argument --timeout: expected one argument (see phuly-tui --help)\n"
    )


def test_the_config_files_language_speaks_before_the_settings_are_checked(
    tmp_path: Path,
) -> None:
    english = _config(tmp_path, 'lang = "en"\n')
    proc = run_installed("--config", str(english), "--bogus")
    assert proc.stderr == "phuly-tui: unrecognized arguments: --bogus (see phuly-tui --help)\n"
    proc = run_installed("sync", "--help", env={"PHULY_TUI_CONFIG": str(english)})
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: phuly-tui sync")
    # the settings' order: the environment over the file, the flag over both
    proc = run_installed("--bogus", env={"PHULY_TUI_CONFIG": str(english), "PHULY_TUI_LANG": "vi"})
    assert proc.stderr.startswith("phuly-tui: không hiểu tham số: --bogus")
    proc = run_installed("--lang", "vi", "--help", env={"PHULY_TUI_LANG": "en"})
    assert proc.stdout.startswith("cách dùng: phuly-tui")


def test_a_bad_setting_is_said_in_the_language_of_the_file_it_is_in(tmp_path: Path) -> None:
    """The error was made before the file's ``lang`` was known, and its "allowed"
    part was put into words then: half the line was Vietnamese."""
    english = _config(tmp_path, 'lang = "en"\ntimeout = -4\n')
    proc = run_installed("--config", str(english), "sections")
    assert proc.returncode == EXIT_USAGE
    assert proc.stderr == (
        f"phuly-tui: Configuration error: Invalid value for timeout ({english}): -4;"
        " allowed: a number of seconds above 0, at most 600\n"
    )
    proc = run_installed("--config", str(english), "--timeout", "abc", "sections")
    assert "allowed: a number of seconds above 0" in proc.stderr
    vietnamese = _config(tmp_path, 'timeout = "x"\n')
    proc = run_installed("--config", str(vietnamese), "sections")
    assert "cho phép: số giây lớn hơn 0" in proc.stderr


def test_the_app_start_says_a_bad_setting_in_the_files_language(tmp_path: Path) -> None:
    """A bare ``phuly-tui`` and a deep link parse no command line that reads the
    file first: the error of the settings is said in its language all the same."""
    english = _config(tmp_path, 'lang = "en"\ntimeout = -4\n')
    for argv in ((), ("/Pages/x.aspx",)):
        proc = run_installed(*argv, env={"PHULY_TUI_CONFIG": str(english)})
        assert proc.returncode == EXIT_USAGE
        assert proc.stderr.startswith("phuly-tui: Configuration error: Invalid value for timeout")
        assert "allowed: a number of seconds above 0" in proc.stderr
