"""A Library whose store the test holds too.

The store is the library's own (private to the library package); a test that
looks into it — what was written, a row rewritten behind the store's back —
opens the store itself and gives it to the library (the constructor's
``store=``, the supported way) instead of reaching into the library.
"""

from __future__ import annotations

from phuly_tui.config import Config
from phuly_tui.library import Library
from phuly_tui.store import Store, open_store


def library_with_store(config: Config) -> tuple[Library, Store]:
    """A library for ``config`` and the store it reads and writes (opened in
    ``config.data_dir``, as the library would open it; ``library.close()``
    closes it)."""
    store = open_store(config.data_dir)
    return Library(config, store=store), store
