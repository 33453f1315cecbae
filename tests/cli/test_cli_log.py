"""An unexpected error in a subcommand: one line naming the log file that holds it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from phuly_tui import cli
from phuly_tui.cli import EXIT_ERROR, main
from phuly_tui.library import Library
from phuly_tui.paths import log_file
from tests.support.portal_server import PortalServer


@pytest.fixture
def crashing_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    async def crash(library: Library, args: argparse.Namespace) -> int:
        raise RuntimeError("secret page text \x1b]52;c;AAAA\x07")

    monkeypatch.setitem(cli.COMMANDS, "sections", crash)


def test_the_traceback_goes_to_the_log_file(
    crashing_sections: None, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--base-url", portal.url, "sections"])
    out, err = capsys.readouterr()
    assert code == EXIT_ERROR
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert str(log_file()) in lines[0]
    assert "secret page text" not in err
    logged = log_file().read_text(encoding="utf-8")
    assert "Traceback" in logged
    assert "RuntimeError: secret page text" in logged


def test_an_unwritable_log_folder_is_said(
    crashing_sections: None,
    portal: PortalServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    code = main(["--lang", "en", "--base-url", portal.url, "sections"])
    _out, err = capsys.readouterr()
    assert code == EXIT_ERROR
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "the log file could not be written" in lines[0]
    assert "no details were saved" in lines[0]
    assert "Traceback" not in err
