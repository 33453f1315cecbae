"""The command palette's "Đồng bộ": ``phuly-tui sync`` inside the app.

Two listing pages of every section and their articles, fetched for offline
reading, with the progress in the status line and the outcome in a
notification; the sections' unread counts are recounted afterwards.  When
the portal is gone it reads the Internet Archive's captures instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import PhulyError
from ..i18n import t
from ..library import archive_sync_notice
from .archive_actions import sync_progress_text
from .background import spawn
from .error_reports import notify_error
from .formatting import notify_plain
from .startup import count_unread_soon

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ..library import Library, SyncProgress
    from .widgets.section_list import SectionList
    from .widgets.status_bar import StatusBar

__all__ = ["StoreSync"]


class StoreSync:
    """The palette's sync, showing its progress in ``status`` (see the module docstring)."""

    def __init__(self, library: Library, status: StatusBar, sections: SectionList) -> None:
        self.library = library
        self.status = status
        self.sections = sections
        #: a sync from the archive is under way: the status line shows its waits, so
        #: the app does not toast each paced request
        self.from_archive = False

    def start(self, node: DOMNode) -> None:
        """Sync in a worker of ``node`` — or say that offline there is nothing to sync from."""
        library = self.library
        if library.config.offline:
            notify_plain(
                node.app, t("ui.sync.offline"), title=t("ui.sync.title"), severity="warning"
            )
            return
        spawn(node, self.run(), group="sync", exclusive=True)

    async def run(self) -> None:
        """Sync the store; run it in a worker.

        With ``archive = always``, or the portal gone (``auto``), it reads the
        Internet Archive as ``phuly-tui sync`` does then (the sync's home request
        decides: :meth:`~phuly_tui.library.Library.sync_reads_archive`), says so,
        and shows the archive's waits in the status line.
        """
        library, status = self.library, self.status
        app = status.app
        status.set_activity(t("ui.sync.starting"))

        def turned_to_archive(portal_error: PhulyError | None) -> None:
            self.from_archive = True
            notice = archive_sync_notice(library.config.archive_rate, portal_error)
            notify_plain(app, notice, title=t("ui.sync.title"))

        def progress(step: SyncProgress) -> None:
            status.set_activity(sync_progress_text(step, from_archive=self.from_archive))

        try:
            report = await library.sync(on_progress=progress, on_archive=turned_to_archive)
        except PhulyError as exc:
            notify_error(app, exc)
            return
        finally:
            self.from_archive = False
            status.set_activity(None)
        notify_plain(
            app,
            t(
                "ui.sync.done",
                new=report.new,
                updated=report.updated,
                unchanged=report.unchanged,
                failed=report.failed,
            ),
            title=t("ui.sync.title"),
            severity="warning" if report.failed else "information",
        )
        count_unread_soon(self.sections, library)
