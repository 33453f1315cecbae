"""Counts on the command line: zero, negative and non-numbers are bad usage (exit 2).

``prune --older-than -1`` once deleted almost the whole store, and ``sync --pages 0``
or ``--concurrency -5`` were silently turned into 1: every count the CLI takes goes
through one positive-integer argument type, refused before anything is fetched or
deleted.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from phuly_tui.cli import EXIT_USAGE
from phuly_tui.store import open_store
from tests.support.cli import run_cli
from tests.support.portal_server import PortalServer

BAD = ["0", "-1", "-5", "abc", "1.5", ""]


@pytest.mark.parametrize(
    "argv",
    [
        ("prune", "--older-than"),
        ("sync", "--pages"),
        ("sync", "--concurrency"),
        ("list", "tin-tuc-su-kien", "--page"),
        ("search", "phu ly", "--limit"),
    ],
)
@pytest.mark.parametrize("value", BAD)
def test_counts_must_be_positive_integers(
    argv: tuple[str, ...],
    value: str,
    fresh_portal: PortalServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_cli(capsys, "--base-url", fresh_portal.url, *argv, value)
    assert code == EXIT_USAGE, err
    assert out == ""
    assert "Traceback" not in err
    assert f"'{value}'" in err  # the message names the value refused
    assert len(err.splitlines()) == 1, err  # one line, not argparse's usage block
    assert "--help" in err  # … saying where the usage is
    assert fresh_portal.count() == 0  # refused before any request


@pytest.mark.parametrize(
    "argv",
    [
        ("list", "--bogus"),
        ("frobnicate",),
        ("read",),
        ("list", "--page", "\x1b]52;c;aGk=\x07\x1b[31m"),
        ("--lang", "en", "prune", "--older-than", "\u202ex"),
    ],
)
def test_every_command_line_mistake_is_one_safe_line(
    argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == EXIT_USAGE
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("phuly-tui")
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in err.rstrip("\n")), repr(err)
    assert "\u202e" not in err


def stored_pages(data_dir: Path) -> int:
    with open_store(data_dir) as store:
        raw = sqlite3.connect(store.path)
        try:
            return int(raw.execute("SELECT count(*) FROM pages").fetchone()[0])
        finally:
            raw.close()


def test_a_refused_prune_deletes_nothing(
    portal: PortalServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = run_cli(capsys, "--base-url", portal.url, "sync", "--pages", "1")
    assert code == 0, err
    data_dir = tmp_path / "phuly-data"  # PHULY_TUI_DATA_DIR of the isolated environment
    before = stored_pages(data_dir)
    assert before > 10
    code, _out, err = run_cli(capsys, "prune", "--older-than", "-1")
    assert code == EXIT_USAGE, err
    assert stored_pages(data_dir) == before


@pytest.mark.parametrize("days", [0, -1])
def test_the_store_refuses_to_prune_below_one_day(tmp_path: Path, days: int) -> None:
    with open_store(tmp_path) as store, pytest.raises(ValueError, match="older_than_days"):
        store.prune(days)
