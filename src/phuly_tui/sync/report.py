"""What a sync reports (:class:`SyncReport`, :class:`SyncProgress`) and what the
app and the CLI say when it turns to the Internet Archive."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import PhulyError
from ..i18n import add_messages, t
from ..values import Value

__all__ = ["SyncProgress", "SyncReport", "archive_sync_notice"]

add_messages(
    {
        "sync.from_archive": (
            "Cổng thông tin không trả lời: đồng bộ từ Internet Archive (chậm: tối đa"
            " {rate} yêu cầu mỗi phút).",
            "The portal does not answer: syncing from the Internet Archive (slow: at most"
            " {rate} requests a minute).",
        ),
        "sync.archive_always": (
            "Đồng bộ từ Internet Archive (archive = always; chậm: tối đa {rate} yêu cầu mỗi phút).",
            "Syncing from the Internet Archive (archive = always; slow: at most {rate}"
            " requests a minute).",
        ),
    }
)


def archive_sync_notice(rate: int, portal_error: PhulyError | None) -> str:
    """What the app (a notification) and the CLI (a line on stderr) say when a sync
    turns to the archive: the portal gone (``portal_error``), or ``archive = always``
    (None).  It is slow, so it says how slow."""
    key = "sync.archive_always" if portal_error is None else "sync.from_archive"
    return t(key, rate=rate)


@dataclass(slots=True)
class SyncReport:
    """What a sync did (the CLI prints it as a summary)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "skipped": self.skipped,
            "requests": self.requests,
            "errors": [{"url": u, "error": e} for u, e in self.errors],
        }


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class SyncProgress(Value):
    """One step of a sync, for a progress bar: ``done`` of ``total`` pages.

    ``outcome`` is ``"waiting"`` when the sync waits ``wait`` seconds for the
    Internet Archive (its rate limit or a 429) before asking for ``url``.
    """

    done: int
    total: int
    url: str
    outcome: str
    wait: float = 0.0
