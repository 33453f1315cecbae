"""Fetching the portal: one shared HTTP client with a strict, documented policy.

::

    from phuly_tui.fetch import Fetcher, FetchSettings

    async with Fetcher(FetchSettings(base_url="https://phuly.hanam.gov.vn")) as fetcher:
        result = await fetcher.get("/Pages/tin-tuc.aspx", etag=stored_etag)

What a caller may rely on:

* only ``http``/``https`` URLs on the portal's own origins are fetched
  (:class:`~phuly_tui.errors.BadSchemeError`, :class:`~phuly_tui.errors.OffOriginError`
  before any request);
* :meth:`Fetcher.get` raises nothing but :class:`~phuly_tui.errors.FetchError`
  subclasses, and ends within ``DEADLINE_FACTOR × timeout`` seconds;
* bodies are capped at ``max_bytes`` *decompressed* (:data:`DEFAULT_MAX_BYTES`);
* decoding text is left to :func:`phuly_tui.parse.decode_html`, which gets
  :attr:`FetchResult.encoding` (the header's charset, or None).

Importing this package does not import httpx; the first request does.

Layout: :mod:`.settings` (FetchSettings, FetchResult, limits), :mod:`.origins`
(URL policy), :mod:`.retry` (backoff, Retry-After), :mod:`.decoding` (capped
gzip/deflate), :mod:`.content` (media types, sniffing), :mod:`.failures`
(transport exceptions → FetchError), :mod:`.client` (the Fetcher).
"""

from __future__ import annotations

from .client import Fetcher
from .settings import (
    DEADLINE_FACTOR,
    DEFAULT_MAX_BYTES,
    DOWNLOAD_DEADLINE_FACTOR,
    MAX_REDIRECTS,
    MAX_RETRY_WAIT,
    FetchResult,
    FetchSettings,
    RequestGate,
)

__all__ = [
    "DEADLINE_FACTOR",
    "DEFAULT_MAX_BYTES",
    "DOWNLOAD_DEADLINE_FACTOR",
    "MAX_REDIRECTS",
    "MAX_RETRY_WAIT",
    "FetchResult",
    "FetchSettings",
    "Fetcher",
    "RequestGate",
]
