"""Sync: bring the store up to date with N listing pages of each section.

The work is a stream of requests under one semaphore of ``concurrency``
permits: a listing page, once parsed, queues its articles (and the next
listing page) at once, so the permits stay busy and a slow portal is used as
fully as politeness allows.  Each request is conditional when a copy is
stored, so rerunning an interrupted sync only re-asks (304) what it already
has and completes the rest: every page is committed to the store on its own,
the moment it is parsed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from .errors import PhulyError
from .model import Article, Listing, Section

if TYPE_CHECKING:
    from .library import Kind, Library, SyncProgress, SyncReport

__all__ = ["run_sync"]


async def run_sync(
    library: Library,
    sections: list[Section] | None,
    *,
    pages: int,
    concurrency: int,
    attachments: bool,
    on_progress: Callable[[SyncProgress], None] | None,
) -> SyncReport:
    """See :meth:`phuly_tui.library.Library.sync`."""
    from .library import SyncProgress, SyncReport

    report = SyncReport()
    permits = asyncio.Semaphore(max(1, concurrency))
    seen: set[str] = set()
    tasks: set[asyncio.Task[None]] = set()
    total = 0
    done = 0

    def progress(url: str, outcome: str) -> None:
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(SyncProgress(done, total, url, outcome))

    def schedule(url: str, kind: Kind, depth: int = 1) -> None:
        nonlocal total
        if url in seen:
            return
        seen.add(url)
        total += 1
        task = asyncio.create_task(fetch(url, kind, depth))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    async def fetch(url: str, kind: Kind, depth: int) -> None:
        async with permits:
            report.requests += 1
            try:
                stored = await asyncio.to_thread(library.stored_page, url)
                if stored is not None and stored.kind != kind:
                    stored = None
                refreshed = await library.refresh(url, kind, stored)
            except PhulyError as exc:
                report.failed += 1
                report.errors.append((url, exc.message))
                progress(url, "failed")
                return
        if kind == "listing":
            # listing pages are bookkeeping, not counted as articles
            listing: Listing = refreshed.value
            for item in listing.items:
                schedule(item.url, "article")
            if listing.next and depth < pages:
                schedule(listing.next, "listing", depth + 1)
        else:
            outcome = refreshed.outcome
            setattr(report, outcome, getattr(report, outcome) + 1)
            if attachments:
                article: Article = refreshed.value
                for att in article.attachments:
                    schedule_download(att.url)
        progress(url, refreshed.outcome)

    def schedule_download(url: str) -> None:
        nonlocal total
        if url in seen:
            return
        seen.add(url)
        total += 1
        task = asyncio.create_task(download(url))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    async def download(url: str) -> None:
        from .attachments import attachment_path

        dest = attachment_path(library.config.data_dir, url)
        if dest.exists():
            progress(url, "unchanged")
            return
        async with permits:
            report.requests += 1
            try:
                await library.fetcher.download(url, dest)
            except PhulyError as exc:
                report.failed += 1
                report.errors.append((url, exc.message))
                progress(url, "failed")
                return
        progress(url, "new")

    if sections is None:
        async with permits:
            report.requests += 1
            home = await library.home()
        sections = list(home.value.sections)
    for section in sections:
        schedule(section.url, "listing")
    while tasks:
        await asyncio.gather(*list(tasks))
    return report
