"""``phuly-tui --demo``: the portal bundled in the package, served on 127.0.0.1.

A newcomer can try the whole app with no network: a snapshot of the portal
(pages and attachments, see :mod:`phuly_tui.demo.build`) is served by an
in-process HTTP server that behaves like the portal's SharePoint front end.
The CLI does::

    from phuly_tui import demo

    server = demo.start_demo_server()          # raises demo.DemoError if it cannot
    try:
        config = config.with_overrides(
            base_url=server.url, data_dir=demo.demo_data_dir(reset=True)
        )
        ...                                    # run the app or command
    finally:
        server.stop()

Importing this package is cheap (no HTTP server, no decompression): the app's
start time is measured, so the snapshot is only read when a server starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported for annotations only: importing this package stays cheap
    from pathlib import Path

    from .server import DemoServer
    from .snapshot import DemoError

__all__ = ["DemoError", "DemoServer", "demo_data_dir", "start_demo_archive", "start_demo_server"]

#: the demo's own folder under the user cache folder: never the user's real store
DEMO_FOLDER = "demo"


def start_demo_server(*, gone: bool = False) -> DemoServer:
    """Start a :class:`DemoServer` on a random port of 127.0.0.1 and return it.

    The server runs in a daemon thread until ``stop()`` (or the process ends);
    ``server.url`` is its base URL, e.g. ``http://127.0.0.1:40123``.

    Raises:
        DemoError: the bundled snapshot is missing or damaged, or no port could be bound.
    """
    from .server import DemoServer

    server = DemoServer(gone=gone)
    server.start()
    return server


def start_demo_archive(portal: DemoServer) -> DemoServer:
    """Start the demo's own Wayback Machine over ``portal``'s snapshot (``--demo-archive``).

    Raises:
        DemoError: no port could be bound.
    """
    from .archive import DemoArchiveServer

    server = DemoArchiveServer(portal.snapshot)
    server.start()
    return server


def demo_data_dir(*, reset: bool = False) -> Path:
    """The demo's data folder: ``<user cache dir>/phuly-tui/demo``.

    It is kept apart from the user's real store so the demo never mixes with
    it.  Pass ``reset=True`` at each demo start: the server's port changes from
    run to run, and the store keeps absolute URLs, so pages stored by an
    earlier demo point at a port nobody listens on any more.  Resetting removes
    only this folder and creates it again, empty.
    """
    # imported here, not at the top: shutil alone pulls in lzma, bz2 and more
    import shutil
    from pathlib import Path

    import platformdirs

    from ..paths import APP_NAME

    folder = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / DEMO_FOLDER
    if reset:
        if folder.is_symlink() or folder.is_file():
            folder.unlink()
        elif folder.is_dir():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    return folder


def __getattr__(name: str) -> object:
    """Load ``DemoServer`` and ``DemoError`` on first use, keeping the import cheap."""
    if name == "DemoServer":
        from .server import DemoServer

        return DemoServer
    if name == "DemoError":
        from .snapshot import DemoError

        return DemoError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
