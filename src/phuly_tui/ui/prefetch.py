"""What the first screen shows, read from the store while Textual starts up.

A daily start must show the stored titles as fast as a bare Textual app shows
a list.  Opening SQLite and reading the first section costs a few tens of
milliseconds; Textual's own start-up (driver, CSS, first layout) costs more.
So the app starts :class:`StartPrefetch` in a thread as soon as it is built,
and the main screen takes the result when it mounts — usually already there —
and paints it in its very first frame.

Plain Python (no Textual), so it is tested on its own.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import PhulyError
from ..model import Listing, Section

if TYPE_CHECKING:
    from ..library import Library

__all__ = ["StartPrefetch", "StoredStart", "read_stored_start"]


@dataclass(slots=True)
class StoredStart:
    """The stored home page's sections, the first section's pages and read state."""

    sections: tuple[Section, ...] = ()
    section: Section | None = None
    pages: list[Listing] = field(default_factory=list)
    read: set[str] = field(default_factory=set)
    updated: set[str] = field(default_factory=set)
    #: what went wrong, when the store could not be read
    error: BaseException | None = None


def read_stored_start(library: Library) -> StoredStart:
    """Read the start screen from the store (no network).  Never raises."""
    try:
        home = library.cached_home()
        sections = home.value.sections if home else ()
        section = sections[0] if sections else None
        pages = library.cached_section_pages(section.url) if section else []
        state = library.read_state(item.url for page in pages for item in page.items)
    except PhulyError as exc:
        return StoredStart(error=exc)
    except Exception as exc:  # a store bug must not keep the app from starting
        return StoredStart(error=exc)  # logged when the screen shows it
    return StoredStart(sections, section, pages, state.read, state.updated)


class StartPrefetch:
    """:func:`read_stored_start` in a daemon thread, started at once."""

    def __init__(self, library: Library) -> None:
        self._result: StoredStart | None = None
        self._thread = threading.Thread(
            target=self._run, args=(library,), name="phuly-start-prefetch", daemon=True
        )
        self._thread.start()

    def _run(self, library: Library) -> None:
        self._result = read_stored_start(library)

    def result(self, timeout: float | None = None) -> StoredStart | None:
        """The stored start, waiting at most ``timeout`` seconds; None if not ready."""
        self._thread.join(timeout)
        return self._result
