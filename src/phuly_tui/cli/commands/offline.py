"""The commands that fill and trim the offline store: ``sync`` and ``prune``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ...i18n import t
from ..exit_codes import EXIT_NETWORK, EXIT_OK
from ..output import print_json, say, warn

if TYPE_CHECKING:
    import argparse

    from ...errors import PhulyError
    from ...library import Library, SyncProgress

__all__ = ["SyncBar", "cmd_prune", "cmd_sync"]


async def cmd_sync(library: Library, args: argparse.Namespace) -> int:
    """Fetch N listing pages of each section and their articles; exit 3 if any failed.

    Without ``--from-archive`` the settings decide where to read, as for the
    app's sync: with ``archive = auto`` and the portal gone, the Internet
    Archive — said in one line on stderr before its first capture is asked for.
    """
    sections = None
    if args.sections:
        sections = [await library.resolve_section(name) for name in args.sections]
    bar = SyncBar() if sys.stderr.isatty() else None

    def turned_to_archive(portal_error: PhulyError | None) -> None:
        from ...library import archive_sync_notice

        reason = f" — {portal_error.message}" if portal_error is not None else ""
        warn(archive_sync_notice(library.config.archive_rate, portal_error) + reason)

    try:
        report = await library.sync(
            sections,
            pages=args.pages,
            concurrency=args.concurrency,
            attachments=args.attachments,
            on_progress=bar.update if bar is not None else None,
            from_archive=True if args.from_archive else None,
            on_archive=turned_to_archive,
        )
    finally:
        if bar is not None:
            bar.stop()
    if args.json:
        print_json(report.to_dict())
    else:
        say(
            t(
                "cli.sync_summary",
                new=report.new,
                updated=report.updated,
                unchanged=report.unchanged,
                failed=report.failed,
            )
        )
        for url, message in report.errors[:20]:
            warn(f"  {url}: {message}")
    return EXIT_OK if not report.failed else EXIT_NETWORK


class SyncBar:
    """The sync's progress bar on a terminal's stderr, started at the first step.

    Rich's progress machinery costs tens of milliseconds to import: importing
    it on the first step keeps it off the start of the sync (the first
    request), and a piped stderr never imports it.
    """

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def update(self, p: SyncProgress) -> None:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn(t("cli.sync_progress")),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[wait]}"),
                transient=True,
                console=Console(stderr=True, markup=False, highlight=False),
            )
            self._bar.start()
            self._task = self._bar.add_task("sync", total=None, wait="")
        # the archive's pace shows in the line: "chờ Internet Archive 4 giây"
        wait = t("cli.archive_rate_wait", seconds=max(1, round(p.wait))) if p.wait else ""
        self._bar.update(self._task, completed=p.done, total=p.total, wait=wait)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()


async def cmd_prune(library: Library, args: argparse.Namespace) -> int:
    """Forget stored pages not fetched for ``--older-than`` days (bookmarks kept)."""
    import asyncio

    count = await asyncio.to_thread(library.prune, args.older_than)
    say(t("cli.pruned", count=count))
    return EXIT_OK
