"""``phuly-tui`` run in the test's own process, as the command line's tests run it.

One helper for every test of the command line (it was written out again in a
dozen test files): the exit code :func:`phuly_tui.cli.main` returns and what
it wrote, read through pytest's ``capsys``; and :func:`run_installed`, the
installed command in a process of its own, for what happens before ``main``
has a say (the language of the first words, the interpreter's start).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping

import pytest

from phuly_tui.cli import main
from tests.support.terminal import installed_command


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``phuly-tui ARGV``: its exit code, standard output and standard error.

    argparse refuses some input itself by raising :class:`SystemExit` (a value
    outside its choices; ``--version`` ends that way too): its code is returned
    as the process would have exited with it (``None`` → 0, a message → 1).
    """
    try:
        code = main(list(argv))
    except SystemExit as exited:
        code = exited.code if isinstance(exited.code, int) else int(exited.code is not None)
    out, err = capsys.readouterr()
    return code, out, err


def run_installed(
    *argv: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed ``phuly-tui ARGV`` as a user runs it: the test's environment
    (its isolated folders) updated with ``env``; stdout and stderr as text."""
    return subprocess.run(
        [str(installed_command()), *argv],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
