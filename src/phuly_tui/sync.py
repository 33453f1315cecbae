"""Sync: bring the store up to date with N listing pages of each section.

``concurrency`` workers take requests from one priority queue.  Listing pages
come first — each one reveals ten articles and the next listing page — so the
chain of pages of a long section never waits behind articles, the queue is
never empty while there is work, and a slow portal is used as fully as
politeness allows.  Each request is conditional when a copy is stored, so
rerunning an interrupted sync only re-asks (304) what it already has and
completes the rest: every page is committed to the store on its own, the
moment it is parsed.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .errors import PhulyError
from .model import Article, Listing, Section

if TYPE_CHECKING:
    from .library import Library, SyncProgress, SyncReport

__all__ = ["run_sync"]

JobKind = Literal["home", "listing", "article", "attachment"]
#: lower runs first: pages that reveal more work before the work they reveal
_PRIORITY: dict[JobKind, int] = {"home": 0, "listing": 1, "article": 2, "attachment": 3}


@dataclass(order=True, frozen=True)
class _Job:
    priority: int
    seq: int
    url: str = field(compare=False)
    kind: JobKind = field(compare=False)
    depth: int = field(compare=False, default=1)


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
    queue: asyncio.PriorityQueue[_Job] = asyncio.PriorityQueue()
    seen: set[str] = set()
    counter = itertools.count()
    done = 0

    def schedule(url: str, kind: JobKind, depth: int = 1) -> None:
        if url in seen:
            return
        seen.add(url)
        queue.put_nowait(_Job(_PRIORITY[kind], next(counter), url, kind, depth))

    def progress(url: str, outcome: str) -> None:
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(SyncProgress(done, len(seen), url, outcome))

    def failed(url: str, error: PhulyError) -> None:
        report.failed += 1
        report.errors.append((url, error.message))
        progress(url, "failed")

    async def run(job: _Job) -> None:
        if job.kind == "attachment":
            await download(job.url)
            return
        if job.kind == "home":
            home = await library.home()
            for section in home.value.sections:
                schedule(section.url, "listing")
            progress(job.url, home.source)
            return
        report.requests += 1
        stored = await asyncio.to_thread(library.stored_page, job.url)
        if stored is not None and stored.kind != job.kind:
            stored = None
        refreshed = await library.refresh(job.url, job.kind, stored)
        if job.kind == "listing":
            listing: Listing = refreshed.value
            if listing.next and job.depth < pages:
                schedule(listing.next, "listing", job.depth + 1)
            for item in listing.items:
                schedule(item.url, "article")
        else:
            setattr(report, refreshed.outcome, getattr(report, refreshed.outcome) + 1)
            if attachments:
                article: Article = refreshed.value
                for att in article.attachments:
                    schedule(att.url, "attachment")
        progress(job.url, refreshed.outcome)

    async def download(url: str) -> None:
        from .attachments import attachment_path

        dest = attachment_path(library.config.data_dir, url)
        if dest.exists():
            progress(url, "unchanged")
            return
        report.requests += 1
        await library.fetcher.download(url, dest)
        progress(url, "new")

    async def worker() -> None:
        while True:
            job = await queue.get()
            try:
                await run(job)
            except PhulyError as error:
                failed(job.url, error)
            finally:
                queue.task_done()

    if sections is None:
        report.requests += 1
        schedule(library.home_url(), "home")
    else:
        for section in sections:
            schedule(section.url, "listing")
    workers = [asyncio.create_task(worker()) for _ in range(max(1, concurrency))]
    try:
        await queue.join()
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
    return report
