"""Output that cannot be written (issue 9, item 9).

A pipe whose reader went away (``phuly-tui list | head -1``) ends quietly with
0; a closed stdout (``>&-``), ``/dev/full`` and a full store are an I/O or
store error: one line on stderr, exit 5 — never 1 ("unexpected"), never 3
("network"), never Python's "Exception ignored" at exit.  The installed
command runs as a subprocess; the full store (``PRAGMA max_page_count``) runs
in-process.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from phuly_tui import streams
from phuly_tui.cli import EXIT_NOT_FOUND, EXIT_OK, EXIT_STORE, EXIT_USAGE, main
from phuly_tui.store import opening as store_opening
from tests.support.portal_server import PortalServer

SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
EXE = Path(sys.executable).with_name("phuly-tui")
#: a Rich-printed listing, JSON written directly, Markdown written directly
COMMANDS = {
    "list": ["list"],
    "json": ["sections", "--json"],
    "markdown": ["read", SEED, "--markdown"],
}


@pytest.fixture(params=sorted(COMMANDS), ids=sorted(COMMANDS))
def command(request: pytest.FixtureRequest, portal: PortalServer) -> list[str]:
    return [str(EXE), "--base-url", portal.url, *COMMANDS[request.param]]


def assert_one_line(stderr: str, *needles: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("phuly-tui: ")
    assert "Traceback" not in stderr
    for needle in needles:
        assert needle in lines[0]


def test_broken_pipe_ends_quietly(command: list[str]) -> None:
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ)
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written
    stderr = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == EXIT_OK, stderr
    assert stderr == ""


def test_head_of_a_listing_through_a_shell(portal: PortalServer) -> None:
    script = 'set -o pipefail; "$0" "$@" | head -1'
    proc = subprocess.run(
        ["bash", "-c", script, str(EXE), "--base-url", portal.url, "list", "--plain"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Tin tức - Sự kiện")
    assert proc.stderr == ""


def test_closed_stdout_is_an_io_error(command: list[str]) -> None:
    proc = subprocess.run(
        ["sh", "-c", 'exec "$0" "$@" >&-', *command],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == EXIT_STORE, proc.stderr
    assert_one_line(proc.stderr, "stdout", os.strerror(errno.EBADF))


def test_full_disk_output_is_an_io_error(command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, check=False
        )
    assert proc.returncode == EXIT_STORE, proc.stderr
    assert_one_line(proc.stderr, "stdout", os.strerror(errno.ENOSPC))
    assert "Exception ignored" not in proc.stderr


# -- a full store --------------------------------------------------------------------------
@pytest.fixture
def full_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store opened from now on is full: it may not grow by one page."""
    from phuly_tui.store.schema import migrate

    def migrate_then_fill(connection: sqlite3.Connection, path: Path) -> int:
        version = migrate(connection, path)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return version

    monkeypatch.setattr(store_opening, "migrate", migrate_then_fill)


@pytest.mark.usefixtures("full_store")
def test_sync_into_a_full_store_is_a_store_error(
    portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--base-url", portal.url, "sync", "--pages", "1"])
    out, err = capsys.readouterr()
    assert code == EXIT_STORE, err
    assert_one_line(err, "full")
    assert out == ""


@pytest.mark.usefixtures("full_store")
def test_read_into_a_full_store_is_a_store_error(
    portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--base-url", portal.url, "read", SEED, "--json"])
    _out, err = capsys.readouterr()
    assert code == EXIT_STORE, err
    assert_one_line(err, "full")


# -- the pieces ------------------------------------------------------------------------------
def test_a_missing_stdout_becomes_one_that_fails_to_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    streams.prepare_standard_streams()
    assert isinstance(sys.stdout, streams.ClosedOutput)
    assert not sys.stdout.isatty()
    with pytest.raises(OSError, match=os.strerror(errno.EBADF)) as caught:
        sys.stdout.write("x")
    assert caught.value.errno == errno.EBADF


# -- --help and --version, a closed or full stderr ------------------------------------------
#: what argparse prints itself (before anything else runs): the whole help, a
#: subcommand's help, the version
HELP = {"help": ["--help"], "subcommand-help": ["list", "--help"], "version": ["--version"]}


def run_redirected(redirect: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """The installed command with a shell redirection (``>&-``, ``2>&-``, ``2>/dev/full``);
    stdout and stderr are captured unless the redirection takes them."""
    return subprocess.run(
        ["sh", "-c", f'exec "$0" "$@" {redirect}', str(EXE), *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("argv", list(HELP.values()), ids=list(HELP))
def test_help_into_a_full_disk_is_an_io_error(argv: list[str]) -> None:
    """argparse's own printing swallowed the write error: exit 0, nothing written."""
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [str(EXE), *argv], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60
        )
    assert proc.returncode == EXIT_STORE, proc.stderr
    assert_one_line(proc.stderr, "stdout", os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("argv", list(HELP.values()), ids=list(HELP))
def test_help_into_a_closed_stdout_is_an_io_error(argv: list[str]) -> None:
    proc = run_redirected(">&-", *argv)
    assert proc.returncode == EXIT_STORE, proc.stderr
    assert_one_line(proc.stderr, "stdout", os.strerror(errno.EBADF))


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"], ids=["closed", "full"])
def test_a_broken_stderr_loses_the_messages_not_the_result(
    redirect: str, portal: PortalServer
) -> None:
    """stderr is where failures are told; when it is gone the output and the exit
    code still say what happened (a traceback would be exit 1)."""
    listed = run_redirected(redirect, "--base-url", portal.url, "list", "--plain")
    assert listed.returncode == EXIT_OK
    assert listed.stdout.startswith("Tin tức - Sự kiện")
    missing = run_redirected(redirect, "--base-url", portal.url, "read", "/Pages/khong-co.aspx")
    assert missing.returncode == EXIT_NOT_FOUND
    assert missing.stdout == ""
    usage = run_redirected(redirect, "--base-url", portal.url, "list", "--page", "0")
    assert usage.returncode == EXIT_USAGE


def test_closed_stdout_and_stderr_is_an_io_error(command: list[str]) -> None:
    proc = run_redirected(">&- 2>&-", *command[1:])
    assert proc.returncode == EXIT_STORE


def test_the_app_refuses_to_start_without_its_screen(tmp_path: Path) -> None:
    """The app draws on stderr: closed, it would wait for keys on no screen."""
    proc = run_redirected("2>&- </dev/null", "--offline", "--data-dir", str(tmp_path))
    assert proc.returncode == EXIT_USAGE
    assert proc.stdout == ""
