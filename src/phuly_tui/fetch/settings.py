"""What a :class:`~phuly_tui.fetch.Fetcher` is told, and what it hands back.

Both are plain frozen dataclasses with no httpx in sight, so the config module,
the library and the app can build and pass them around without paying for the
import of the HTTP stack.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Protocol

from .. import __version__

__all__ = [
    "DEADLINE_FACTOR",
    "DEFAULT_MAX_BYTES",
    "DOWNLOAD_DEADLINE_FACTOR",
    "MAX_REDIRECTS",
    "MAX_RETRY_WAIT",
    "FetchResult",
    "FetchSettings",
    "RequestGate",
]

#: The size cap of a response, counted on the decompressed body: 8 MiB.  The
#: portal's biggest pages weigh a few hundred kB; anything past this is a
#: mistake or an attack (a gzip bomb) and is refused as soon as it is exceeded.
DEFAULT_MAX_BYTES: Final = 8 * 1024 * 1024
#: A page request (all its attempts, redirects and waits) ends after
#: ``DEADLINE_FACTOR × timeout`` seconds even if bytes keep dripping in.
DEADLINE_FACTOR: Final = 3.0
#: Attachments may be large and slow; their deadline is longer.
DOWNLOAD_DEADLINE_FACTOR: Final = 20.0
#: Same-origin redirect hops followed before giving up with a loop error.
MAX_REDIRECTS: Final = 5
#: Longest single wait between retries, whatever ``Retry-After`` asks for.
MAX_RETRY_WAIT: Final = 10.0


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How phuly-tui talks to the portal.

    Attributes:
        base_url: The portal (or a mirror, the demo, a test server).  Its origin,
            the canonical ``https://phuly.hanam.gov.vn`` and ``extra_origins``
            are the only places fetched automatically.
        timeout: Seconds allowed to connect and for each read.  A whole request
            also has a deadline of ``DEADLINE_FACTOR × timeout`` so that a
            server dripping one byte at a time cannot hold a reader forever.
        max_bytes: Cap on the decompressed body; see :data:`DEFAULT_MAX_BYTES`.
        retries: Extra attempts after a connection error, a cut-off body, a 5xx
            or a 429.  Waits grow exponentially from ``backoff`` with jitter;
            ``Retry-After`` (seconds or an HTTP date) is honoured, each wait is
            capped at :data:`MAX_RETRY_WAIT` and must fit in the deadline.
            Timeouts are not retried: a server that did not answer in
            ``timeout`` seconds rarely answers on the second try.
        backoff: First retry wait in seconds.
        verify: Verify TLS certificates (on by default; turning it off is the
            ``--insecure`` flag and must be visible to the user).
        ca_bundle: A PEM file (or a folder of hashed certificates) trusted
            *instead of* the system bundle, e.g. a company's inspection CA.
        proxy: Proxy URL from the config; None means the standard variables
            ``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY``/``NO_PROXY``.
        user_agent: Sent with every request so the portal's admins can tell
            who is reading.
        extra_origins: Further origins (``scheme://host[:port]``) allowed.
    """

    base_url: str = "https://phuly.hanam.gov.vn"
    timeout: float = 15.0
    max_bytes: int = DEFAULT_MAX_BYTES
    retries: int = 2
    backoff: float = 0.5
    verify: bool = True
    ca_bundle: str | None = None
    proxy: str | None = None
    user_agent: str = f"phuly-tui/{__version__} (+terminal news reader; https://phuly.hanam.gov.vn)"
    extra_origins: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # The config layer rejects bad values with a message; this is the last
        # line of defence, so that a NaN or negative number from a script can
        # never mean "wait forever" or "fail every request at once".
        if not (math.isfinite(self.timeout) and self.timeout > 0):
            object.__setattr__(self, "timeout", 15.0)
        if self.max_bytes <= 0:
            object.__setattr__(self, "max_bytes", DEFAULT_MAX_BYTES)
        if self.retries < 0:
            object.__setattr__(self, "retries", 0)
        if not (math.isfinite(self.backoff) and self.backoff >= 0):
            object.__setattr__(self, "backoff", 0.5)

    @property
    def deadline(self) -> float:
        """Seconds one :meth:`Fetcher.get` may take in all, retries included."""
        return DEADLINE_FACTOR * self.timeout

    @property
    def download_deadline(self) -> float:
        """Seconds one :meth:`Fetcher.download` may take in all."""
        return DOWNLOAD_DEADLINE_FACTOR * self.timeout


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One answer from the portal, body fully read and within the size cap.

    Attributes:
        url: The final URL, after same-origin redirects.
        status: 200 (or another 2xx), or 304 when ``not_modified``.
        content: The decompressed body; ``b""`` on a 304.
        content_type: The media type without parameters, e.g. ``text/html``
            (sniffed when the header is missing).
        encoding: The codec named by the Content-Type header's ``charset``
            when it is one to honour (:func:`phuly_tui.charsets.codec_for_label`:
            not unknown, not UTF-7), else None: the parser then sniffs
            ``<meta>`` (see :func:`phuly_tui.parse.decode_html`).
        etag: The ``ETag`` header, for the next conditional request.
        last_modified: The ``Last-Modified`` header, likewise.
        not_modified: True when the server answered 304 to a conditional request.
        fetched_at: ``time.time()`` when the answer arrived.
    """

    url: str
    status: int
    content: bytes
    content_type: str
    encoding: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool
    fetched_at: float


class RequestGate(Protocol):
    """What a :class:`~phuly_tui.fetch.Fetcher` asks before each request it sends.

    A gate paces a client that must be polite beyond the fetcher's own rules
    (the Internet Archive's rate limit): every request, redirect hops included,
    goes through :meth:`enter` and then :meth:`leave`.
    """

    async def enter(self, url: str, extend_deadline: Callable[[float], None]) -> None:
        """Return when ``url`` may be requested.

        A gate that waits calls ``extend_deadline(seconds)`` first, so that a
        request's deadline counts the network only.  It may raise a
        :class:`~phuly_tui.errors.FetchError` instead (waited too long).
        """

    def leave(self, url: str, status: int | None, retry_after: str | None) -> None:
        """The request ended: ``status`` is its HTTP error status (None if it did not
        end with one), ``retry_after`` the raw ``Retry-After`` header of a 429/5xx."""
