"""How long to wait before trying the portal again.

Exponential backoff with jitter spreads the retries of many readers so that a
struggling server is not hit by all of them at the same instant; the server's
own ``Retry-After`` wins when it gives one.  Every wait is capped: a reader
never sits for minutes because a header asked it to.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Final

from .settings import MAX_RETRY_WAIT

if TYPE_CHECKING:
    import random

__all__ = ["backoff_delay", "is_retryable_status", "parse_retry_after", "retry_wait"]

#: server errors that say "this will never work", so trying again is pointless
_PERMANENT_5XX: Final = frozenset({501, 505})


def is_retryable_status(status: int) -> bool:
    """True for 429 and the 5xx statuses: the server is busy or broken right now."""
    return status == 429 or (500 <= status <= 599 and status not in _PERMANENT_5XX)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header, or None if absent or unreadable.

    Accepts delta-seconds (``"120"``) and HTTP dates
    (``"Wed, 21 Oct 2026 07:28:00 GMT"``); a date in the past gives 0.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    import email.utils  # a date form is rare: keep the import off start-up

    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def backoff_delay(attempt: int, backoff: float, rng: random.Random | None = None) -> float:
    """Wait before retry number ``attempt + 1``: ``backoff × 2^attempt``, jittered to 50-100 %."""
    base = max(0.0, backoff) * 2.0 ** min(max(0, attempt), 30)
    if rng is None:
        import random

        rng = random.SystemRandom()
    jitter = rng.uniform(0.5, 1.0)
    return min(base * jitter, MAX_RETRY_WAIT)


def retry_wait(attempt: int, backoff: float, retry_after: float | None) -> float:
    """The wait to use: the server's ``Retry-After`` if given, else backoff; capped."""
    if retry_after is not None:
        return min(retry_after, MAX_RETRY_WAIT)
    return backoff_delay(attempt, backoff)
