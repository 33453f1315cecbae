"""Browser-style history of the articles read: back, forward, scroll positions.

Plain Python (no Textual) so it is tested on its own.  Opening an article
after going back drops the forward entries, as browsers do; the scroll
position of the entry being left is recorded so going back restores it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["History", "HistoryEntry"]


@dataclass(slots=True)
class HistoryEntry:
    """An article visited and how far down it was read."""

    url: str
    scroll_y: float = 0.0


class History:
    """A list of entries with a cursor on the current one."""

    def __init__(self, limit: int = 200) -> None:
        self._entries: list[HistoryEntry] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> HistoryEntry | None:
        return self._entries[self._index] if self._entries else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self._index < len(self._entries) - 1

    def __len__(self) -> int:
        return len(self._entries)

    def remember_scroll(self, scroll_y: float) -> None:
        """Record the scroll position of the current entry (before leaving it)."""
        if self.current is not None:
            self.current.scroll_y = scroll_y

    def visit(self, url: str) -> HistoryEntry:
        """Open ``url`` as a new entry after the current one (drops forward entries).

        Visiting the article that is already current does not add an entry.
        """
        if self.current is not None and self.current.url == url:
            return self.current
        del self._entries[self._index + 1 :]
        entry = HistoryEntry(url)
        self._entries.append(entry)
        if len(self._entries) > self._limit:
            del self._entries[0]
        self._index = len(self._entries) - 1
        return entry

    def back(self) -> HistoryEntry | None:
        """Move to the previous entry; None (and no move) at the start."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> HistoryEntry | None:
        """Move to the next entry; None (and no move) at the end."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._entries[self._index]

    def peek(self, step: int) -> HistoryEntry | None:
        """The entry ``step`` places away (-1 back, 1 forward) without moving."""
        index = self._index + step
        if not self._entries or not 0 <= index < len(self._entries):
            return None
        return self._entries[index]
