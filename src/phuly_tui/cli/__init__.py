"""The ``phuly-tui`` command: the app by default, and subcommands for scripts.

``phuly-tui`` opens the reader; ``phuly-tui URL`` opens it on one article.
Subcommands print plain text (styled on a terminal, unstyled when piped or with
``--plain``), ``--json`` (the model's ``to_dict()``) or ``--markdown``.

The package, by job: :mod:`.arguments` (argparse, value types, the fast
start), :mod:`.commands` (the subcommands, by family), :mod:`.launch` (the
settings, the demo servers, the app, a subcommand's library), :mod:`.output`
(what is printed, through :mod:`phuly_tui.streams`), :mod:`.exit_codes` and
:mod:`.messages` (the CLI's texts).  :func:`main` ties them together and is
the last line of defence: every failure ends as one line on stderr and an
exit code (:mod:`.exit_codes`, the README's table), tracebacks go to the log
file only (:func:`phuly_tui.logs.log_crash`, the one crash logger).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, cast

from ..errors import NotArchivedError, PhulyError
from ..i18n import set_language, t
from ..streams import discard, prepare_standard_streams
from . import messages as _messages  # noqa: F401  (registers the CLI's texts)
from .early_keys import hold_keys
from .exit_codes import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_NETWORK,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_STORE,
    EXIT_USAGE,
    exit_code,
)
from .launch import demo_servers, require_unicode_terminal, resolve_config, run_command
from .launch import open_app as _open_app  # looked up here at each run: tests replace it
from .output import say, warn

if TYPE_CHECKING:
    import argparse

    from .commands import Command


def __getattr__(name: str) -> dict[str, Command]:
    """``COMMANDS``, the subcommands' table, imported when first asked for: the
    app's start (measured against a bare Textual app) never needs the modules
    of the subcommands."""
    if name == "COMMANDS":
        from .commands import COMMANDS

        return COMMANDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "COMMANDS",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_NETWORK",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_STORE",
    "EXIT_USAGE",
    "main",
    "run",
]


def _io_failed(error: OSError) -> int:
    """One line for a write that failed: exit 5, like the store's errors."""
    reason = error.strerror or str(error)
    # the CLI's own files raise with their name; what has none was the output
    target = str(error.filename) if error.filename else "stdout"
    message = t("cli.io_failed", target=target, reason=reason)
    warn(f"phuly-tui: {t('cli.io_title')}: {message}")
    return EXIT_STORE


def _parse(raw: list[str]) -> tuple[argparse.Namespace, str | None]:
    """The command line, parsed (:mod:`.arguments`).  A bare ``phuly-tui`` — the
    daily start — needs no parser, not even argparse's import (~2 ms of a start
    measured against a bare Textual app): every setting then comes from the
    config file and the environment."""
    if not raw:
        from types import SimpleNamespace

        set_language(os.environ.get("PHULY_TUI_LANG", "vi"))
        return cast("argparse.Namespace", SimpleNamespace(command=None)), None
    from .arguments import parse_command_line

    return parse_command_line(raw)


def run() -> NoReturn:
    """The ``phuly-tui`` command: :func:`main`, then the process ends at once.

    When :func:`main` returns, everything the user asked for is done and
    written (the store closed, the output flushed there, so that a full disk
    is reported).  What the interpreter's own exit would do next — free every
    module and object, ~40 ms after a sync — helps nobody, so the process
    leaves with ``os._exit`` once the standard streams and the log are
    flushed; unless another thread still runs (it may be writing), or a
    stream cannot be flushed: then the interpreter's exit, as usual.
    """
    code = main()
    import threading

    if threading.active_count() == 1:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass  # the interpreter's exit says what it says of a broken stream
        else:
            import logging

            logging.shutdown()
            os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``phuly-tui`` with ``argv`` (default: the process's) and return the exit code."""
    raw = list(sys.argv[1:] if argv is None else argv)
    # keys typed while the app starts must reach it as typed: for the daily start
    # (a bare phuly-tui) first of all, for other app starts once the line is parsed
    held: list[Callable[[], None]] = []
    if not raw:
        _hold_keys(held)
    try:
        return _run(raw, held)
    finally:
        for restore in held:
            restore()


def _hold_keys(held: list[Callable[[], None]]) -> None:
    restore = hold_keys()
    if restore is not None:
        held.append(restore)


def _run(raw: list[str], held: list[Callable[[], None]]) -> int:
    from ..logs import install

    install()  # the log file of the app and the CLI, opened on the first record
    prepare_standard_streams()
    try:
        args, deep_link = _parse(raw)
        if args.command == "config-path":  # works with a broken config: to find and fix it
            from ..paths import config_file

            say(str(getattr(args, "config_file", None) or config_file()))
            return EXIT_OK
        config = resolve_config(args)
        if args.command is None:
            require_unicode_terminal()
        with demo_servers(args, config) as (config, demo):
            if config.insecure:
                warn(t("cli.insecure"))
            if args.command is None:
                if raw:  # a bare start held them first thing in main()
                    _hold_keys(held)
                return _open_app(config, url=deep_link, demo=demo)
            from .commands import COMMANDS

            code = run_command(config, COMMANDS[args.command], args)
            sys.stdout.flush()  # a full disk must fail here, not at exit (code 120)
            return code
    except PhulyError as error:
        warn(f"phuly-tui: {error.title}: {error.message}")
        if isinstance(error, NotArchivedError) and error.listing_line:
            warn(error.listing_line)  # what there is instead
        return exit_code(error)
    except KeyboardInterrupt:
        warn(t("cli.interrupted"))
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `phuly-tui list | head -1`: the reader has all it wanted
        discard(sys.stdout)
        return EXIT_OK
    except OSError as error:  # a closed stdout, a full disk (the store's own are StoreError)
        discard(sys.stdout)
        return _io_failed(error)
    except Exception as error:  # the last line of defence: never a traceback
        from ..logs import crash_message, log_crash

        warn("phuly-tui: " + crash_message(error, log_crash(error)))
        return EXIT_ERROR
