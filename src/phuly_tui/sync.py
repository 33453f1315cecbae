"""Sync: bring the store up to date with N listing pages of each section.

``concurrency`` workers take requests from one priority queue and do nothing
but requests: the moment an answer is in, the worker takes the next job, and
the answer is parsed and stored by a task of its own.  Listing pages come
first — each one reveals ten articles and the next listing page — and what a
page reveals is queued as soon as it is parsed, before it is written, so the
chain of pages of a long section never waits behind articles and no worker
waits for a phase to end (there are no phases: the home page's sections are
queued the moment it is parsed, each listing's articles the moment it is).

Starting lean is part of the speed: the store opens in a thread while the
HTTP stack is imported, and the parser is imported in a thread while the
home page's request is out (on a slow portal that hides ~0.1 s of start-up
behind the first answer).

Each request is conditional when a copy is stored, so rerunning an
interrupted sync only re-asks (304) what it already has and completes the
rest: every page is committed to the store on its own, the moment it is
parsed, and is reported to ``on_progress`` only once committed.

``from_archive`` reads the newest capture of each listing page and article
from the Internet Archive instead.  Left to the settings (``None``, what the
app and ``phuly-tui sync`` do), the sync's own home request decides
(:meth:`SyncLibrary.sync_reads_archive`): with ``archive = auto`` and the
portal gone the listings and articles are read from the archive, said once
through ``on_archive`` before the first of them; with ``always`` they are
too; with ``never`` or offline never.  Deciding costs no request: the home
page is the sync's first anyway (with ``--sections`` it is asked first, to
decide, and its sections are not synced).  Every request takes a token of the
process's one archive bucket, so the sync keeps to ``archive_rate`` requests a
minute whatever ``concurrency`` is, waits out a 429 and goes on; each wait is
reported as a progress step (``outcome="waiting"``, ``wait`` seconds).  It is
resumable too: a page already in the store is not asked for again (a stored
listing's items are used as they are), nor is a capture list.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from .errors import NotArchivedError, PhulyError, StoreError
from .i18n import add_messages, t
from .model import Article, Home, Listing, Section
from .values import Value

if TYPE_CHECKING:
    from .archive import ArchiveWait
    from .fetch import FetchResult
    from .store import StoredPage

__all__ = [
    "SyncLibrary",
    "SyncProgress",
    "SyncReport",
    "SyncResources",
    "archive_sync_notice",
    "run_sync",
]

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


class _Absorbed(Protocol):
    @property
    def outcome(self) -> Literal["new", "updated", "unchanged"]: ...


class _Home(Protocol):
    @property
    def value(self) -> Home: ...

    @property
    def source(self) -> str: ...

    @property
    def error(self) -> PhulyError | None: ...


class _Loaded(Protocol):
    @property
    def value(self) -> Any: ...


class _Config(Protocol):
    @property
    def data_dir(self) -> Path: ...


class SyncResources(Protocol):
    """What a sync does with the library's store and fetcher
    (:class:`phuly_tui.library.core.SyncAccess`): the library hands it over and
    keeps the store and the fetcher themselves private."""

    def require_writable(self) -> None: ...

    def warm(self) -> None: ...

    async def get(self, url: str, stored: StoredPage | None) -> FetchResult: ...

    async def download(self, url: str, dest: Path) -> None: ...


class SyncLibrary(Protocol):
    """What a sync needs of :class:`phuly_tui.library.Library`.

    A protocol rather than an import: the library calls :func:`run_sync`, and
    this module stays below it in the layers (no import cycle).
    """

    @property
    def config(self) -> _Config: ...

    def home_url(self) -> str: ...

    def sync_reads_archive(self, home_error: PhulyError | None) -> bool: ...

    def stored_page(self, url: str) -> StoredPage | None: ...

    async def store_document_file(self, url: str, path: Path) -> bool: ...

    @property
    def archive_listeners(self) -> list[Callable[[ArchiveWait], None]]: ...

    async def read_archived(
        self, url: str, kind: PageKind, *, unlimited: bool = False
    ) -> _Loaded: ...

    async def home(self, *, on_parsed: Callable[[Home], None] | None = None) -> _Home: ...

    async def absorb(
        self,
        url: str,
        kind: Literal["listing", "article"],
        stored: StoredPage | None,
        result: FetchResult,
        *,
        on_parsed: Callable[[Any], None] | None = None,
    ) -> _Absorbed: ...


PageKind = Literal["home", "listing", "article"]
JobKind = Literal[PageKind, "attachment"]
#: lower runs first: pages that reveal more work before the work they reveal
_PRIORITY: dict[JobKind, int] = {"home": 0, "listing": 1, "article": 2, "attachment": 3}


@dataclass(order=True, frozen=True)
class _Job:
    priority: int
    seq: int
    url: str = field(compare=False)
    kind: JobKind = field(compare=False)
    depth: int = field(compare=False, default=1)


def _import_parser() -> None:
    """Import the parser (selectolax and the site profiles) ahead of the first page."""
    import phuly_tui.parse  # noqa: F401


async def run_sync(
    library: SyncLibrary,
    resources: SyncResources,
    sections: list[Section] | None,
    *,
    pages: int,
    concurrency: int,
    attachments: bool,
    on_progress: Callable[[SyncProgress], None] | None,
    from_archive: bool | None = None,
    on_archive: Callable[[PhulyError | None], None] | None = None,
) -> SyncReport:
    """See :meth:`phuly_tui.library.Library.sync`."""
    run = _SyncRun(
        library,
        resources,
        pages=pages,
        attachments=attachments,
        on_progress=on_progress,
        from_archive=from_archive,
        on_archive=on_archive,
    )
    return await run.run(sections, max(1, concurrency))


class _SyncRun:
    """One sync: the queue, the workers, the parse-and-store tasks and the report."""

    def __init__(
        self,
        library: SyncLibrary,
        resources: SyncResources,
        *,
        pages: int,
        attachments: bool,
        on_progress: Callable[[SyncProgress], None] | None,
        from_archive: bool | None = None,
        on_archive: Callable[[PhulyError | None], None] | None = None,
    ) -> None:
        self.library = library
        self.resources = resources
        #: where listings and articles are read: None until the home page decides
        self.from_archive = from_archive
        self.on_archive = on_archive
        #: the sections asked for (None: the home page's), queued once it is decided
        self.sections: list[Section] | None = None
        self.pages = pages
        self.attachments = attachments and not from_archive  # files live on the portal only
        self.on_progress = on_progress
        self.report = SyncReport()
        self.queue: asyncio.PriorityQueue[_Job] = asyncio.PriorityQueue()
        self.seen: set[str] = set()
        self.counter = itertools.count()
        self.done = 0
        #: parse-and-store tasks in flight (a reference keeps each alive)
        self.absorbing: set[asyncio.Task[None]] = set()
        #: the first error that ends the sync (a bug, the store, a file that cannot be
        #: written): raised when the queue is done
        self.crash: BaseException | None = None

    # -- bookkeeping ------------------------------------------------------------
    def schedule(self, url: str, kind: JobKind, depth: int = 1) -> None:
        if url in self.seen:
            return
        self.seen.add(url)
        self.queue.put_nowait(_Job(_PRIORITY[kind], next(self.counter), url, kind, depth))

    def progress(self, url: str, outcome: str) -> None:
        self.done += 1
        if self.on_progress is not None:
            self.on_progress(SyncProgress(self.done, len(self.seen), url, outcome))

    def failed(self, url: str, error: PhulyError) -> None:
        if isinstance(error, NotArchivedError):
            self.report.skipped += 1  # never captured: nothing to sync, not a failure
            self.report.errors.append((url, error.message))
            self.progress(url, "skipped")
            return
        self.report.failed += 1
        self.report.errors.append((url, error.message))
        self.progress(url, "failed")

    def waiting(self, wait: ArchiveWait) -> None:
        """A wait for the archive, shown in the progress line."""
        if self.on_progress is not None:
            progress = SyncProgress(self.done, len(self.seen), wait.url, "waiting", wait.seconds)
            self.on_progress(progress)

    # -- the run ----------------------------------------------------------------
    async def run(self, sections: list[Section] | None, concurrency: int) -> SyncReport:
        self.sections = sections
        if sections is not None:  # resolved through the store: it is open already
            self.resources.require_writable()
        if sections is None or self.from_archive is None:
            self.report.requests += 0 if self.from_archive else 1
            self.schedule(self.library.home_url(), "home")
        else:
            self.queue_sections(sections)
        if self.from_archive:
            self.library.archive_listeners.append(self.waiting)
        workers = [asyncio.create_task(self.worker()) for _ in range(concurrency)]
        try:
            await self.queue.join()
        finally:
            if self.waiting in self.library.archive_listeners:
                self.library.archive_listeners.remove(self.waiting)
            for task in (*workers, *self.absorbing):
                task.cancel()
            await asyncio.gather(*workers, *self.absorbing, return_exceptions=True)
        if self.crash is not None:
            raise self.crash
        return self.report

    async def worker(self) -> None:
        while True:
            job = await self.queue.get()
            handed_over = False
            try:
                handed_over = await self.request(job)
            except Exception as error:
                self.fault(job, error)
            finally:
                if not handed_over:
                    self.queue.task_done()

    def fault(self, job: _Job, error: Exception) -> None:
        """A job failed: a PhulyError is counted and reported; anything else is a bug,
        which ends the sync and is raised by :meth:`run`.

        A StoreError ends the sync too: a store that cannot be written (full,
        read-only) fails every page the same way, and counting it as failed
        pages made a full disk look like the portal's fault (exit 3, not 5).
        So does an OSError saving a file.
        """
        if isinstance(error, PhulyError) and not isinstance(error, StoreError):
            self.failed(job.url, error)
            return
        self.crash = self.crash or error
        self.drain()

    def reveal(self, job: _Job, value: Any) -> None:
        """Queue the work the page of ``job`` reveals, as soon as it is parsed: a
        home page's sections, a listing's next page (within ``pages``) and its
        articles, an article's attachments (when asked for)."""
        if job.kind == "home":
            home: Home = value
            self.queue_sections(home.sections if self.sections is None else self.sections)
        elif job.kind == "listing":
            listing: Listing = value
            if listing.next and job.depth < self.pages:
                self.schedule(listing.next, "listing", job.depth + 1)
            for item in listing.items:
                self.schedule(item.url, "article")
        elif self.attachments:
            article: Article = value
            for att in article.attachments:
                self.schedule(att.url, "attachment")

    def queue_sections(self, sections: Iterable[Section]) -> None:
        for section in sections:
            self.schedule(section.url, "listing")

    def decide(self, home: _Home) -> None:
        """Where the listings and articles are read, when the settings leave it to
        the home page's answer (see the module docstring); said through
        ``on_archive`` before any of them is asked for."""
        if self.from_archive is not None:
            return
        self.from_archive = self.library.sync_reads_archive(home.error)
        if not self.from_archive:
            return
        self.attachments = False  # files live on the portal only
        self.library.archive_listeners.append(self.waiting)
        if self.on_archive is not None:
            self.on_archive(home.error)

    def drain(self) -> None:
        """Empty the queue so that ``join`` returns (after a crash)."""
        while not self.queue.empty():
            self.queue.get_nowait()
            self.queue.task_done()

    async def request(self, job: _Job) -> bool:
        """Do ``job``'s request; True when a parse-and-store task now owns the job."""
        if job.kind == "attachment":
            await self.download(job.url)
            return False
        if self.from_archive:
            await self.from_the_archive(job, job.kind)
            return False
        if job.kind == "home":
            await self.home(job)
            return False
        self.report.requests += 1
        stored = await asyncio.to_thread(self.library.stored_page, job.url)
        if stored is not None and stored.kind != job.kind:
            stored = None
        result = await self.resources.get(job.url, stored)
        self.spawn(self.absorb(job, stored, result))
        return True

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self.absorbing.add(task)
        task.add_done_callback(self.absorbing.discard)

    async def absorb(self, job: _Job, stored: StoredPage | None, result: FetchResult) -> None:
        """Parse and store one answer; queue what it reveals as soon as it is parsed."""
        try:
            kind: Literal["listing", "article"] = "listing" if job.kind == "listing" else "article"
            refreshed = await self.library.absorb(
                job.url, kind, stored, result, on_parsed=lambda value: self.reveal(job, value)
            )
            if job.kind == "article":
                outcome = refreshed.outcome
                setattr(self.report, outcome, getattr(self.report, outcome) + 1)
            self.progress(job.url, refreshed.outcome)
        except Exception as error:
            self.fault(job, error)
        finally:
            self.queue.task_done()

    async def from_the_archive(self, job: _Job, kind: PageKind) -> None:
        """The newest capture of a page, unless the store has the page already."""
        library = self.library
        stored = await asyncio.to_thread(library.stored_page, job.url)
        if stored is not None and stored.kind == kind:
            value, outcome = stored.value, "unchanged"
        else:
            self.report.requests += 1
            value = (await library.read_archived(job.url, kind, unlimited=True)).value
            outcome = "new"
        self.reveal(job, value)
        if kind == "article":
            setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        self.progress(job.url, outcome)

    async def home(self, job: _Job) -> None:
        """The home page: its sections are queued the moment it is parsed."""
        library = self.library
        # the store opens (SQLite, mostly outside the interpreter lock) while
        # httpx is imported here; the parser is imported while the request is out
        store_open = asyncio.create_task(asyncio.to_thread(self.resources.require_writable))
        try:
            self.resources.warm()
        finally:
            await store_open
        parser = asyncio.create_task(asyncio.to_thread(_import_parser))
        try:
            loaded = await library.home(on_parsed=lambda home: self.reveal(job, home))
        except PhulyError:
            if self.sections is None:
                raise
            # asked only to decide: the sections asked for are synced from the portal
            self.from_archive = bool(self.from_archive)
            self.queue_sections(self.sections)
            return
        finally:
            await parser
        self.decide(loaded)  # before the listings it reveals are asked for
        self.reveal(job, loaded.value)  # a stored copy (offline, or the portal failed)
        self.progress(job.url, loaded.source)

    async def download(self, url: str) -> None:
        from .attachments import attachment_path

        dest = attachment_path(self.library.config.data_dir, url)
        if dest.exists():
            # the text of a PDF/DOCX kept by an earlier sync, if not stored yet
            await self.library.store_document_file(url, dest)
            self.progress(url, "unchanged")
            return
        self.report.requests += 1
        await self.resources.download(url, dest)
        # its text (PDF, DOCX) is stored for search; other files are only kept
        await self.library.store_document_file(url, dest)
        self.progress(url, "new")
