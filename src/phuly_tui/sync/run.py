"""One sync: the queue, the workers, the parse-and-store tasks, where to read
(see :mod:`phuly_tui.sync`)."""

from __future__ import annotations

import asyncio
import contextvars
import itertools
from collections.abc import Callable, Coroutine, Iterable
from typing import TYPE_CHECKING, Any, Literal

from ..errors import NotArchivedError, PhulyError, StoreError
from ..model import Home, Listing, Section
from ..urls import url_key
from .needs import PageKind, SyncLibrary, SyncResources
from .report import SyncProgress, SyncReport

# the model's article side is the parser's to load, while the home page's request
# is out: imported before it, it cost ~5 ms ahead of a sync's first request
if TYPE_CHECKING:
    from ..archive import ArchiveWait
    from ..fetch import FetchResult
    from ..model import Article
    from ..store import StoredPage
    from .needs import HomeLoaded

__all__ = ["run_sync"]

JobKind = Literal[PageKind, "attachment"]
#: lower runs first: pages that reveal more work before the work they reveal
_PRIORITY: dict[JobKind, int] = {"home": 0, "listing": 1, "article": 2, "attachment": 3}


class _Job:
    """One page (or file) to ask for; ``depth``: a listing's page number.

    A plain class, queued as ``(priority, seq, job)``: an ordered frozen
    dataclass compiles eight methods with ``exec`` when this module is
    imported — about 10 ms, right before a sync's first request.
    """

    __slots__ = ("depth", "kind", "url")

    def __init__(self, url: str, kind: JobKind, depth: int = 1) -> None:
        self.url = url
        self.kind = kind
        self.depth = depth


def _import_page_work() -> None:
    """Import what parsing and storing the first pages needs, ahead of them.

    The parser (selectolax, the site profiles) with its article side, and what
    the store imports when it first writes a listing and an article: imported
    on first use, they took ~30 ms in the middle of the second round, where
    the listings just received must be parsed before the workers have
    anything to ask for.
    """
    import phuly_tui.parse.article  # noqa: F401  (phuly_tui.parse with it)

    from ..store import import_page_writing

    import_page_writing()


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
        #: (priority, order of discovery, job): the lowest first
        self.queue: asyncio.PriorityQueue[tuple[int, int, _Job]] = asyncio.PriorityQueue()
        self.seen: set[str] = set()
        #: the pages the store had when the sync began (see :meth:`stored`); None
        #: until the store is opened
        self.stored_urls: frozenset[str] | None = None
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
        self.queue.put_nowait((_PRIORITY[kind], next(self.counter), _Job(url, kind, depth)))

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
            self.open_store()
        elif self.from_archive:  # no home request to open it behind
            await asyncio.to_thread(self.open_store)
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
            _priority, _seq, job = await self.queue.get()
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
        home page's sections and the newest articles it lists of each of them, a
        listing's next page (within ``pages``) and its articles, an article's
        attachments (when asked for)."""
        if job.kind == "home":
            home: Home = value
            sections = home.sections if self.sections is None else self.sections
            self.queue_sections(sections)
            if not self.from_archive:
                self.queue_news(home, sections)
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

    def queue_news(self, home: Home, sections: Iterable[Section]) -> None:
        """The newest articles the home page lists of the sections synced.

        They are on those sections' first listing pages, which every sync
        fetches: asked for now, they keep the workers busy while the listings
        are out (without them, on a portal of three sections, one worker of
        four has nothing to do until a listing arrives) and add no request.
        Not from the archive: a home page's capture is not its listings'.
        """
        synced = {section.url for section in sections}
        for news in home.news:
            if news.section_url in synced:
                for url in news.article_urls:
                    self.schedule(url, "article")

    def decide(self, home: HomeLoaded) -> None:
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

    def open_store(self) -> None:
        """Open the store for writing and note which pages it has (in a thread
        while the home page's request is being made), once: a sync of named
        sections has done it before asking the home page where to read."""
        if self.stored_urls is not None:
            return
        self.resources.require_writable()
        self.stored_urls = self.resources.stored_urls()

    async def stored(self, url: str) -> StoredPage | None:
        """The stored copy of ``url``, asked of the store only when it has one.

        Most pages of a sync on a new store have none: answering from the set
        read at the start sends the next request at once, before the answers
        just received are parsed, instead of after a hop to a thread (which
        let the parse-and-store tasks run first: ~5 ms a request).
        """
        if self.stored_urls is not None and url_key(url) not in self.stored_urls:
            return None  # the store's addresses are keys (url_key)
        return await asyncio.to_thread(self.library.stored_page, url)

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
        stored = await self.stored(job.url)
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
        stored = await self.stored(job.url)
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
        # httpx is imported here; the parser (and the store's writing side) is
        # imported once the request is out (started before, the import competed
        # with writing the request: it went out ~30 ms later).
        # run_in_executor (with the context, as to_thread does), not a to_thread
        # task: the thread starts now, where a task starts only once warm() has
        # returned (then the two did not overlap: ~15 ms more before the request)
        loop = asyncio.get_running_loop()
        store_open = loop.run_in_executor(None, contextvars.copy_context().run, self.open_store)
        try:
            self.resources.warm()
        finally:
            await store_open
        page_work: list[asyncio.Future[None]] = []
        forget = self.resources.after_next_send(
            lambda: page_work.append(loop.run_in_executor(None, _import_page_work))
        )
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
            forget()  # no request made (offline, a stored copy): parsing imports on first use
            if page_work:
                await page_work[0]
        self.decide(loaded)  # before the listings it reveals are asked for
        self.reveal(job, loaded.value)  # a stored copy (offline, or the portal failed)
        self.progress(job.url, loaded.source)

    async def download(self, url: str) -> None:
        from ..attachments import attachment_path

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
