"""How the installed command ends (:func:`phuly_tui.cli.run`).

It leaves with ``os._exit`` once :func:`~phuly_tui.cli.main` has returned, to
skip the interpreter's teardown; these tests hold it to losing nothing on the
way: every byte of a long output, the exit code and its message, and a thread that is
still working is let finish (then the interpreter's own exit runs).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from phuly_tui.cli import EXIT_NETWORK, EXIT_OK, EXIT_USAGE, main
from tests.support.portal_server import PortalServer

EXE = Path(sys.executable).with_name("phuly-tui")
SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"


def test_a_long_output_arrives_whole(
    portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``sections --json`` and a Markdown article, written to a file by the installed
    command, are byte for byte what :func:`main` prints in-process."""
    for argv in (["sections", "--json"], ["read", SEED, "--markdown"]):
        out = tmp_path / "out.txt"
        with out.open("wb") as sink:
            done = subprocess.run(
                [str(EXE), "--base-url", portal.url, *argv],
                stdout=sink,
                stderr=subprocess.PIPE,
                env=dict(os.environ),
                timeout=60,
            )
        assert done.returncode == EXIT_OK, done.stderr
        assert main(["--base-url", portal.url, *argv]) == EXIT_OK
        expected = capsys.readouterr().out
        assert len(expected) > 1000
        assert out.read_text(encoding="utf-8") == expected


def test_the_exit_code_and_the_message_survive(portal: PortalServer) -> None:
    usage = subprocess.run(
        [str(EXE), "prune", "--older-than", "0"], capture_output=True, text=True, timeout=60
    )
    assert usage.returncode == EXIT_USAGE
    assert usage.stderr.startswith("phuly-tui prune: ")
    missing = subprocess.run(
        [str(EXE), "--base-url", "http://127.0.0.1:9", "sync", "--pages", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == EXIT_NETWORK, missing.stderr
    assert missing.stderr.strip()


SCRIPT = """
import atexit, sys, threading, time
from pathlib import Path
import phuly_tui.cli as cli

marker = Path(sys.argv[1])
atexit.register(lambda: marker.with_suffix(".atexit").write_text("ran"))

def main():
    if sys.argv[2] == "thread":
        def late():
            time.sleep(0.3)
            marker.write_text("written")
        threading.Thread(target=late).start()
    print("said")
    return 7

cli.main = main
cli.run()
"""


def test_the_quick_exit_is_taken_only_when_nothing_else_runs(tmp_path: Path) -> None:
    quick = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "a"), "alone"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (quick.returncode, quick.stdout) == (7, "said\n")
    assert not (tmp_path / "a.atexit").exists()  # the teardown was skipped
    waited = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "b"), "thread"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (waited.returncode, waited.stdout) == (7, "said\n")
    assert (tmp_path / "b").read_text() == "written"  # the thread was let finish
    assert (tmp_path / "b.atexit").exists()
