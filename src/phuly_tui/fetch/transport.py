"""The HTTP transport: plain ``http://`` at once, TLS only when an ``https://`` URL comes.

httpx builds its TLS context when the client is made, loading the whole CA
bundle (about 140 certificates, close to 3 MiB of memory in the app) even if
every request is plain HTTP — as with the demo, a local mirror or a portal
copy on the office network.  This transport keeps two connection pools and
makes the TLS one (with the context the fetch settings ask for) on the first
``https://`` request.

The plain pool is given a TLS context that trusts nothing: it never sees an
``https://`` URL, and if it ever did, the handshake would fail rather than go
unverified.

Imported with httpx, on the first request (see :mod:`phuly_tui.fetch.client`).
"""

from __future__ import annotations

import ssl
from collections.abc import Callable

import httpx

__all__ = ["SchemeTransport"]


def _trusts_nothing() -> ssl.SSLContext:
    """A verifying client context without any CA: cheap, and fails closed."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class SchemeTransport(httpx.AsyncBaseTransport):
    """Routes ``https://`` requests to a pool built on first use, the rest to a plain one.

    ``make_tls`` builds the TLS transport; whatever it raises (a bad CA bundle
    is a :class:`~phuly_tui.errors.TLSError`) reaches the request that needed it.
    """

    def __init__(self, make_tls: Callable[[], httpx.AsyncBaseTransport]) -> None:
        self._plain = httpx.AsyncHTTPTransport(verify=_trusts_nothing(), trust_env=False)
        self._make_tls = make_tls
        self._tls: httpx.AsyncBaseTransport | None = None

    @property
    def tls_ready(self) -> bool:
        """Whether the TLS pool (and its CA bundle) has been built."""
        return self._tls is not None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme == "https":
            if self._tls is None:
                self._tls = self._make_tls()
            return await self._tls.handle_async_request(request)
        return await self._plain.handle_async_request(request)

    async def aclose(self) -> None:
        try:
            await self._plain.aclose()
        finally:
            if self._tls is not None:
                await self._tls.aclose()
