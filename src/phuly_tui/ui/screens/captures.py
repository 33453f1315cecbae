"""``A``: the Internet Archive's captures of the open page, newest first.

:class:`CapturesScreen` is a :class:`~phuly_tui.ui.screens.picker.PickerScreen`
whose rows are the capture dates (as read in Vietnam) and whose detail line is
the capture's ``id_`` address; Enter (or 1–9) reads that capture.
:class:`CaptureActions` does the work for the main screen, which only routes
the key here: it looks the captures up (once; then from the store), shows the
list and reads the chosen one into the reader.  It knows the reader only as a
:class:`CapturesHost`, so this module never imports the reader pane.
"""

from __future__ import annotations

from collections.abc import Coroutine, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ...archive import Capture
from ...errors import PhulyError
from ...i18n import add_messages, t
from .. import messages as _messages  # noqa: F401  (registers "ui.no_article")
from ..error_reports import notify_error
from ..formatting import notify_plain
from .picker import PickerScreen

if TYPE_CHECKING:
    from textual.app import App

    from ...library import Library, Loaded
    from ...model import Article

__all__ = ["CaptureActions", "CapturesHost", "CapturesScreen", "capture_rows"]

add_messages(
    {
        "ui.captures.title": (
            "Các bản lưu trữ của trang (Internet Archive), mới nhất trước",
            "The page's captures (Internet Archive), newest first",
        ),
        "ui.captures.none": (
            "Trang này không có trong kho lưu trữ.",
            "This page is not in the archive.",
        ),
        "ui.captures.hint": (
            "Enter hoặc 1–9: đọc bản này · Esc: đóng",
            "Enter or 1–9 reads that capture · Esc closes",
        ),
    }
)


def capture_rows(captures: Sequence[Capture], archive_url: str) -> list[tuple[str, str]]:
    """``("28/06/2025 17:11", <id_ URL>)`` for each capture, in the given order."""
    return [(c.local_time, c.replay_url(archive_url)) for c in captures]


class CapturesScreen(PickerScreen):
    """The picker of captures (see the module docstring)."""

    def __init__(self, captures: Sequence[Capture], archive_url: str) -> None:
        super().__init__(
            t("ui.captures.title"),
            capture_rows(captures, archive_url),
            hint=t("ui.captures.hint"),
        )


class CapturesHost(Protocol):
    """What :class:`CaptureActions` needs of the reader pane."""

    @property
    def library(self) -> Library: ...

    @property
    def app(self) -> App[Any]: ...

    def open_url(self) -> str | None: ...

    def spawn(self, work: Coroutine[Any, Any, None], **options: Any) -> Any: ...

    def show_loaded(self, url: str, loaded: Loaded[Article]) -> None: ...


class CaptureActions:
    """``A`` on ``host``: pick a capture of the open page and read it."""

    def __init__(self, host: CapturesHost) -> None:
        self.host = host

    def captures(self) -> None:
        """List the open page's captures (looked up once, then from the store)."""
        url = self.host.open_url()
        if url is None:
            notify_plain(self.host.app, t("ui.no_article"))
            return
        self.host.spawn(self._list(url), group="captures", exclusive=True)

    async def _list(self, url: str) -> None:
        host = self.host
        try:
            captures = await host.library.captures(url)
        except PhulyError as exc:
            notify_error(host.app, exc)
            return
        if not captures:
            notify_plain(host.app, t("ui.captures.none"), title="Internet Archive")
            return

        def chosen(index: int | None) -> None:
            if index is not None and 0 <= index < len(captures):
                host.spawn(self._read(url, captures[index]), group="load", exclusive=True)

        archive_url = host.library.config.archive_url
        host.app.push_screen(CapturesScreen(captures, archive_url), chosen)

    async def _read(self, url: str, capture: Capture) -> None:
        host = self.host
        try:
            loaded = await host.library.read_archived(url, "article", capture)
        except PhulyError as exc:
            notify_error(host.app, exc)
            return
        host.show_loaded(url, loaded)
