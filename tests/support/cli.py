"""``phuly-tui`` run in the test's own process, as the command line's tests run it.

One helper for every test of the command line (it was written out again in a
dozen test files): the exit code :func:`phuly_tui.cli.main` returns and what
it wrote, read through pytest's ``capsys``.
"""

from __future__ import annotations

import pytest

from phuly_tui.cli import main


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
