"""Reading the portal from the Internet Archive (the Wayback Machine).

On 1 July 2025 the district level of Hà Nam was abolished; the city portal may
stop answering at any time.  This package finds and fetches its captures:

* :mod:`.wayback` — the public APIs as pure functions (CDX, availability, the
  ``id_`` replay of original bytes) and :class:`Capture`;
* :mod:`.pacing` — the one shared bucket of the process (``archive_rate``
  requests a minute, a hold after every 429, a page's wait budget);
* :mod:`.client` — :class:`ArchiveClient`, requests through that bucket.

The library decides *when* to read the archive (:mod:`phuly_tui.library`).
Nothing here imports Textual.
"""

from __future__ import annotations

from .client import ArchiveClient, ArchivedPage
from .pacing import (
    PAGE_MAX_WAIT,
    ArchiveBucket,
    ArchiveWait,
    WaitBudget,
    reset_shared_bucket,
    shared_bucket,
)
from .wayback import VIETNAM, Capture, canonical_page_url

__all__ = [
    "PAGE_MAX_WAIT",
    "VIETNAM",
    "ArchiveBucket",
    "ArchiveClient",
    "ArchiveWait",
    "ArchivedPage",
    "Capture",
    "WaitBudget",
    "canonical_page_url",
    "reset_shared_bucket",
    "shared_bucket",
]
