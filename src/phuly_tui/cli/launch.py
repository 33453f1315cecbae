"""Starting a run: the settings, the demo servers, the app, a subcommand's library.

:func:`resolve_config` turns the command line into a checked
:class:`~phuly_tui.config.Config`; :func:`demo_servers` starts the bundled
portal (and its stand-in archive) for ``--demo``/``--demo-archive`` and stops
them when the run ends, whatever happens; :func:`open_app` starts the Textual
app; :func:`run_command` runs one subcommand on a library it opens and closes.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..config import SETTINGS, Config, chosen_language, load_config
from ..errors import ConfigError, UsageError
from ..i18n import set_language
from ..streams import writes_unicode
from .output import say_archive_wait, warn

if TYPE_CHECKING:
    import argparse

    from .commands import Command

__all__ = [
    "demo_servers",
    "open_app",
    "require_unicode_terminal",
    "resolve_config",
    "run_command",
]


def resolve_config(args: argparse.Namespace) -> Config:
    """Defaults ← file ← environment ← flags, every value checked by one validator.

    A bad value is a :class:`ConfigError` (exit 2, one line naming the setting
    and what is allowed); unknown keys of the file are warned about on stderr.
    The ``[keymap]`` is checked against the app's key table — for the
    subcommands too, so a mistake shows the same way wherever it is made.
    """
    given = getattr(args, "config_file", None)
    overrides = {s.name: getattr(args, s.name, None) for s in SETTINGS}
    try:
        config = load_config(given, must_exist=given is not None).with_overrides(**overrides)
    except ConfigError:
        # said in the language the run would have had (a bad timeout in a file
        # that says lang = "en" is said in English)
        set_language(chosen_language(overrides["lang"], given))
        raise
    set_language(config.lang)
    for warning in config.warnings:
        warn("phuly-tui: " + warning)
    if config.keymap:
        from ..ui.keys import check_keymap

        check_keymap(config.keymap, config.keymap_sources)
    return config


@contextmanager
def demo_servers(args: argparse.Namespace, config: Config) -> Iterator[tuple[Config, bool]]:
    """The config pointed at the bundled portal for ``--demo``, and whether it is.

    ``--demo-archive``: the demo portal is gone (410) and the demo's own
    archive stands in.  The servers (threads on 127.0.0.1) stop when the
    block ends; without ``--demo`` nothing is started.
    """
    demo_archive = bool(getattr(args, "demo_archive", None))
    if not (getattr(args, "demo", None) or demo_archive):
        yield config, False
        return
    from ..demo import demo_data_dir, start_demo_archive, start_demo_server

    portal = start_demo_server(gone=demo_archive)
    archive = None
    try:
        data_dir = args.data_dir if getattr(args, "data_dir", None) else demo_data_dir(reset=True)
        config = config.with_overrides(base_url=portal.url, data_dir=data_dir)
        if demo_archive:
            archive = start_demo_archive(portal)
            config = config.with_overrides(archive="auto", archive_url=archive.url, archive_rate=60)
        yield config, True
    finally:
        for server in (portal, archive):
            if server is not None:
                server.stop()


def require_unicode_terminal() -> None:
    """The app draws boxes and Vietnamese: refuse a terminal that cannot show them
    (the subcommands degrade instead, see :mod:`phuly_tui.streams`), and a
    closed stderr, where Textual would draw (``phuly-tui 2>&-``): the app
    would run on no screen, waiting for keys nobody can aim.  Exit 2 either
    way; the line saying so is lost with a closed stderr."""
    screen = sys.__stderr__  # where Textual draws
    if screen is None:
        raise UsageError("cli.needs_screen")
    if not writes_unicode(screen):
        encoding = getattr(screen, "encoding", None) or "?"
        raise UsageError("cli.needs_utf8", encoding=encoding)


def open_app(config: Config, *, url: str | None, demo: bool) -> int:
    """Run the app, reading the store in a thread while Textual is imported.

    Importing Textual and the screens is most of a start's cost; the store's
    titles (SQLite, mostly outside the GIL) are read meanwhile, so the first
    frame does not wait for them.  The cyclic garbage collector is off until
    the first frame (:meth:`PhulyApp.on_ready` collects once, freezes the
    start-up heap and turns it back on): start-up makes some 200 000
    long-lived objects and nearly no garbage, and the ~90 young-generation
    collections it would trigger cost 15–20 ms before the first frame.
    """
    from ..library import Library
    from ..ui.prefetch import StartPrefetch

    gc.disable()
    try:
        library = Library(config)
        prefetch = StartPrefetch(library)
        try:
            from ..ui.app import run_app
        except BaseException:
            prefetch.result()
            library.close()
            raise
        return run_app(config, url=url, demo=demo, library=library, prefetch=prefetch)
    finally:
        gc.enable()


def run_command(config: Config, command: Command, args: argparse.Namespace) -> int:
    """Run one subcommand on a library opened for it, and close the library."""
    import asyncio

    from ..library import Library

    # what the library has to say (an old store set aside, and where it went)
    # is one line on stderr the moment it happens
    library = Library(config, on_warning=warn)
    library.archive_listeners.append(say_archive_wait)

    async def run(coro: Coroutine[Any, Any, int]) -> int:
        try:
            return await coro
        finally:
            await library.aclose()

    try:
        return asyncio.run(run(command(library, args)))
    finally:
        library.close()
