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

The package: :mod:`.run` (the queue, the workers, where to read),
:mod:`.report` (what a sync reports, and what it says when it turns to the
archive), :mod:`.needs` (what it needs of the library, as protocols).
"""

from __future__ import annotations

from .needs import SyncLibrary, SyncResources
from .report import SyncProgress, SyncReport, archive_sync_notice
from .run import run_sync

__all__ = [
    "SyncLibrary",
    "SyncProgress",
    "SyncReport",
    "SyncResources",
    "archive_sync_notice",
    "run_sync",
]
