"""Politeness towards the Internet Archive: one shared bucket per process.

The Wayback Machine allows about 60 requests a minute per IP and *blocks the
IP for an hour, doubling each time,* when a client keeps sending after its
429 answers.  So every archive request of the process — the app's, a sync's,
each redirect hop — takes a token from one :class:`ArchiveBucket`:

* the bucket holds ``rate`` tokens; a spent token comes back ``window``
  (60 s) after the request it paid for *ended*, so no 60 s window ever holds
  more than ``rate`` requests, as the archive counts them, however slow the
  answers are;
* one request at a time: a 429 then always finds nothing else on its way,
  so after it nothing at all reaches the archive before the ``Retry-After``
  (at 15 requests a minute a second request in flight would gain nothing);
* after a 429 the bucket is closed for the ``Retry-After`` (at least
  :data:`MIN_HOLD`; :data:`DEFAULT_HOLD` = 60 s when the header is missing):
  nothing is sent to the archive meanwhile, and the request is never retried
  at once;
* 429s in a row back off: each doubles the hold of the one before (up to
  :data:`MAX_HOLD`, the archive's own block), until an answer that is not a
  429; a request gives up after :data:`MAX_STRIKES` of them
  (:class:`~phuly_tui.errors.ArchiveBusyError`, the bucket still closed) —
  an archive that keeps answering 429 is asked less and less often, never
  once a second;
* every wait is reported (:class:`ArchiveWait`) before it starts, and counted
  against the page's :class:`WaitBudget`: a page gives up after
  :data:`PAGE_MAX_WAIT` (120 s) of waiting with
  :class:`~phuly_tui.errors.ArchiveBusyError`, at once when the wait it faces
  is longer than what is left.

The bucket is thread-safe (a lock around its counters, no lock held while
waiting); waits are ``asyncio.sleep`` in the caller's event loop.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Final, Literal

from ..errors import ArchiveBusyError
from ..fetch.retry import parse_retry_after
from ..values import Value

__all__ = [
    "DEFAULT_HOLD",
    "MAX_HOLD",
    "MAX_STRIKES",
    "MIN_HOLD",
    "PAGE_MAX_WAIT",
    "WINDOW",
    "ArchiveBucket",
    "ArchiveWait",
    "Token",
    "WaitBudget",
    "hold_after_429",
    "reset_shared_bucket",
    "shared_bucket",
]

#: the archive counts requests per minute
WINDOW: Final = 60.0
#: the hold after a 429 without ``Retry-After``
DEFAULT_HOLD: Final = 60.0
#: the shortest hold after a 429 (``Retry-After: 0`` is not "at once")
MIN_HOLD: Final = 1.0
#: the longest hold, however many 429s came in a row (the archive blocks for an hour)
MAX_HOLD: Final = 3600.0
#: 429s in a row after which a request gives up (holds of 1×, 2×, 4× the Retry-After)
MAX_STRIKES: Final = 3
#: the most one page waits for the archive before giving up
PAGE_MAX_WAIT: Final = 120.0
#: how often a request waiting behind one on its way looks again (seconds)
IN_FLIGHT_POLL: Final = 0.05

WaitReason = Literal["rate", "retry_after"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class ArchiveWait(Value):
    """A wait about to start: ``seconds`` long, because of the ``rate`` limit or
    the archive's ``retry_after`` (a 429); ``url`` is the request that waits."""

    seconds: float
    reason: WaitReason
    url: str


class Token:
    """One spent token: in flight (``back_at`` infinite) until its request ends."""

    __slots__ = ("back_at",)

    def __init__(self) -> None:
        self.back_at = math.inf


class ArchiveBucket:
    """``rate`` requests per ``window`` seconds, and a hold after a 429 (module doc).

    Args:
        rate: Requests per window (the ``archive_rate`` setting).
        window: Seconds a spent token stays out after its request ends (60;
            tests shorten it).
        clock: Monotonic seconds (tests may pass their own).
    """

    def __init__(
        self,
        rate: int,
        *,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = max(1, int(rate))
        self.window = window
        self._clock = clock
        self._tokens: list[Token] = []
        self._held_until = 0.0
        self._strikes = 0
        self._lock = threading.Lock()

    def configure(self, rate: int, window: float | None = None) -> None:
        """Change the rate (and the window); tokens already out stay out."""
        with self._lock:
            self.rate = max(1, int(rate))
            if window is not None:
                self.window = window

    def wait_needed(self) -> tuple[float, WaitReason]:
        """Seconds until a request may be sent (0: now), and why it must wait."""
        now = self._clock()
        with self._lock:
            return self._wait_locked(now)

    def _wait_locked(self, now: float) -> tuple[float, WaitReason]:
        if self._held_until > now:
            return self._held_until - now, "retry_after"
        out = sorted(token.back_at for token in self._tokens if token.back_at > now)
        if out and math.isinf(out[-1]):  # a request on its way: one at a time
            return IN_FLIGHT_POLL, "rate"
        if len(out) < self.rate:
            return 0.0, "rate"
        return out[len(out) - self.rate] - now, "rate"

    def try_take(self) -> Token | None:
        """A token if a request may go now, else None."""
        now = self._clock()
        with self._lock:
            wait, _ = self._wait_locked(now)
            if wait > 0:
                return None
            self._tokens = [t for t in self._tokens if t.back_at > now]
            token = Token()
            self._tokens.append(token)
            return token

    def give_back(self, token: Token) -> None:
        """The request paid for by ``token`` ended: the token returns in ``window`` s."""
        now = self._clock()
        with self._lock:
            token.back_at = now + self.window

    def strike(self, retry_after: str | None) -> float:
        """A 429: close the bucket for its ``Retry-After``, doubled for every 429
        right before it (see the module doc), and return that hold."""
        with self._lock:
            self._strikes += 1
            hold = min(MAX_HOLD, hold_after_429(retry_after) * 2.0 ** (self._strikes - 1))
        self.hold(hold)
        return hold

    def answered(self) -> None:
        """An answer that was not a 429: the next 429 holds for its own Retry-After."""
        with self._lock:
            self._strikes = 0

    @property
    def strikes(self) -> int:
        """429s in a row so far (0 after any other answer)."""
        return self._strikes

    def hold(self, seconds: float) -> None:
        """Send nothing for ``seconds`` (after a 429); a longer hold already set stays."""
        now = self._clock()
        with self._lock:
            self._held_until = max(self._held_until, now + seconds)

    @property
    def held_for(self) -> float:
        """Seconds left of a 429 hold (0 when none)."""
        return max(0.0, self._held_until - self._clock())


def hold_after_429(retry_after: str | None) -> float:
    """How long to send nothing after a 429 with this ``Retry-After`` header."""
    seconds = parse_retry_after(retry_after)
    if seconds is None:
        return DEFAULT_HOLD
    return max(MIN_HOLD, seconds)


class WaitBudget:
    """How long one page may still wait for the archive (``None``: no limit, a sync)."""

    def __init__(self, limit: float | None = PAGE_MAX_WAIT) -> None:
        self.limit = limit
        self.waited = 0.0

    def spend(self, seconds: float, url: str) -> None:
        """Count a wait about to start, or raise :class:`ArchiveBusyError` when it
        would pass the limit (at once: waiting first would be pointless)."""
        if self.limit is not None and self.waited + seconds > self.limit:
            raise ArchiveBusyError(url=url, wait=math.ceil(seconds), seconds=round(self.limit))
        self.waited += seconds


#: the budget of the page being read in this task (set by the archive client)
current_budget: ContextVar[WaitBudget | None] = ContextVar("current_budget", default=None)

_shared: ArchiveBucket | None = None
_shared_lock = threading.Lock()


def shared_bucket(rate: int) -> ArchiveBucket:
    """The process's one bucket, made on first use; ``rate`` updates it."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ArchiveBucket(rate)
        elif _shared.rate != rate:
            _shared.configure(rate)
        return _shared


def reset_shared_bucket() -> None:
    """Forget the process's bucket (tests: each starts with a full, unheld one)."""
    global _shared
    with _shared_lock:
        _shared = None
