"""The :class:`Fetcher`: one shared httpx client with the portal's fetch policy.

Every request goes through the same steps, each able to end it with a
:class:`~phuly_tui.errors.FetchError` (never a raw httpx/ssl/socket exception):

1. the URL is made absolute and checked: http(s) only, portal origins only;
2. within a deadline of ``DEADLINE_FACTOR × timeout``, up to ``1 + retries``
   attempts, each following at most ``MAX_REDIRECTS`` same-origin redirects;
   connection failures, cut-off bodies, 5xx and 429 are retried with backoff
   (``Retry-After`` honoured, waits capped and kept inside the deadline);
3. the status is checked (404 → :class:`NotFoundError`, other errors →
   :class:`HTTPStatusError`, 304 → ``not_modified``);
4. the body streams in raw and is decoded (:mod:`.bodies`), counting the *decompressed*
   size against ``max_bytes`` so a gzip bomb is refused early;
5. pages are checked to be HTML (header first, then the bytes).

httpx is imported on the first request, not with this module: the app imports
:mod:`phuly_tui.fetch` at start and should not pay for the HTTP stack before it
needs it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import (
    FetchError,
    HTTPStatusError,
    NetworkError,
    RedirectError,
    TimeoutError_,
    TLSError,
)
from .bodies import Retryable, check_status, read_body, read_page, save_error
from .failures import seconds_label, translate_request_error
from .origins import OriginPolicy, displayable_url
from .proxies import env_proxy_configured, proxy_for
from .retry import retry_wait
from .settings import MAX_REDIRECTS, FetchResult, FetchSettings, RequestGate

if TYPE_CHECKING:
    import ssl
    from types import TracebackType

    import httpx

__all__ = ["Fetcher", "save_error"]  # save_error: see .bodies

log = logging.getLogger("phuly_tui.fetch")

T = TypeVar("T")
Consumer = Callable[["httpx.Response", str], Awaitable[T]]

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
_ACCEPT_LANGUAGE = "vi-VN,vi;q=0.9,en;q=0.5"
_ACCEPT_ENCODING = "gzip, deflate"


class _Redirect:
    """A redirect followed within one attempt: the next hop's URL."""

    __slots__ = ("target",)

    def __init__(self, target: str) -> None:
        self.target = target


def _header_value(value: str | None) -> str | None:
    """A stored validator fit to send back, or None (junk from a corrupt store)."""
    if not value:
        return None
    text = value.strip()
    if not text or not text.isascii() or not text.isprintable():
        return None
    return text


class Fetcher:
    """Fetches portal pages and attachments; share one per app or CLI run.

    Args:
        settings: The fetch policy.
        transport: An httpx transport to use instead of the network (tests,
            the bundled demo); TLS settings and environment proxies do not apply.
        gate: Asked before every request, redirect hops included, and told how
            each ended (see :class:`~phuly_tui.fetch.RequestGate`): the archive
            client paces itself with it.  Time spent waiting at the gate does
            not count against the request's deadline.
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        gate: RequestGate | None = None,
    ) -> None:
        self.settings = settings
        self._transport = transport
        self._gate = gate
        self._origins = OriginPolicy(settings.base_url, settings.extra_origins)
        self._client: httpx.AsyncClient | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None
        #: called once the next request is on the wire (see after_next_send)
        self._after_send: list[Callable[[], None]] = []

    # -- URL policy ---------------------------------------------------------
    def absolute(self, url_or_path: str) -> str:
        """Absolute URL of ``url_or_path`` against the base (canonical origin rebased)."""
        return self._origins.absolute(url_or_path)

    def is_allowed(self, url: str) -> bool:
        """True when ``url`` is http(s) on one of the portal's allowed origins."""
        return self._origins.is_allowed(url)

    # -- life cycle ---------------------------------------------------------
    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the shared client's connections; the Fetcher stays usable."""
        client, self._client, self._client_loop = self._client, None, None
        if client is None:
            return
        try:
            await client.aclose()
        except Exception:  # a client bound to a loop that is gone: nothing to close
            log.debug("closing the HTTP client failed", exc_info=True)

    def _ssl_verify(self) -> ssl.SSLContext | bool:
        import ssl

        if not self.settings.verify:
            return False
        if not self.settings.ca_bundle:
            return True  # httpx: certifi, or SSL_CERT_FILE / SSL_CERT_DIR from the environment
        path = Path(self.settings.ca_bundle).expanduser()
        try:
            if path.is_dir():
                return ssl.create_default_context(capath=str(path))
            return ssl.create_default_context(cafile=str(path))
        except (OSError, ssl.SSLError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise TLSError("error.ca_bundle", path=str(path), reason=reason) from exc

    def _tls_transport(self) -> httpx.AsyncBaseTransport:
        """The pool for https:// URLs, verified as the settings say (built on first use)."""
        import httpx

        return httpx.AsyncHTTPTransport(verify=self._ssl_verify(), trust_env=True)

    def warm(self) -> None:
        """Import the HTTP stack and build the client now, in the running event loop.

        The first request does this anyway; a caller that has other start-up
        work (opening the store in a thread) calls it meanwhile, so the first
        request waits for neither in turn.
        """
        self._get_client()

    def after_next_send(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` (in the event loop) once the next request is on the wire.

        For start-up work that the first answer needs and the first request
        does not: a sync imports the parser this way while the home page's
        request is out.  Started before that request was written, the import
        competed with writing it for the interpreter lock and held it back
        ~30 ms.  The moment comes from httpcore's ``trace`` extension (the
        request's body sent); a transport that does not report it (a test's)
        or a request that fails first calls ``callback`` when the request
        ends, so it runs once.  It should hand heavy work to a thread; an
        exception from it is logged, the request goes on.  Returns a function
        that forgets ``callback`` if it has not run (no request was made: it
        would otherwise run at some later request's).
        """
        self._after_send.append(callback)

        def forget() -> None:
            if callback in self._after_send:
                self._after_send.remove(callback)

        return forget

    def _sent(self) -> None:
        callbacks, self._after_send = self._after_send, []
        for callback in callbacks:
            try:
                callback()
            except Exception:  # its caller's bug: not a reason to fail the request
                log.exception("a callback after sending a request failed")

    async def _trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's ``trace`` extension: one call per step of the request."""
        if event.endswith("send_request_body.complete"):
            self._sent()

    def _get_client(self) -> httpx.AsyncClient:
        loop = asyncio.get_running_loop()
        if self._client is not None and self._client_loop is loop:
            return self._client
        # first request, or a new event loop (asyncio.run twice): connections
        # of the old loop cannot be reused, so start a fresh client
        _skip_httpx_cli()
        import httpx

        settings = self.settings
        transport = self._transport
        verify: ssl.SSLContext | bool = True
        if transport is None and not settings.proxy and not env_proxy_configured():
            from .transport import SchemeTransport

            # the CA bundle is loaded on the first https:// request, not before
            transport = SchemeTransport(self._tls_transport)
        else:
            verify = self._ssl_verify()  # proxies (from the environment too) use it
        try:
            client = httpx.AsyncClient(
                headers={
                    "User-Agent": settings.user_agent,
                    "Accept": _ACCEPT,
                    "Accept-Language": _ACCEPT_LANGUAGE,
                    "Accept-Encoding": _ACCEPT_ENCODING,
                },
                timeout=httpx.Timeout(settings.timeout),
                follow_redirects=False,
                verify=verify,
                proxy=settings.proxy or None,
                trust_env=True,
                transport=transport,
            )
        except (ValueError, TypeError, ImportError, OSError, httpx.InvalidURL) as exc:
            proxy = settings.proxy or "HTTP(S)_PROXY"
            raise NetworkError(
                "error.proxy_config", host=self._origins.base_url, proxy=proxy, reason=str(exc)
            ) from exc
        self._client, self._client_loop = client, loop
        return client

    # -- public requests ----------------------------------------------------
    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        expect_html: bool = True,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """Fetch one page (or, with ``expect_html=False``, any portal resource).

        ``etag`` / ``last_modified`` make the request conditional; an unchanged
        page then comes back as ``not_modified=True`` with empty content.
        ``max_bytes`` overrides the size cap (attachments have their own,
        ``attachment_max_mb``); the deadline is then the download one.

        Raises:
            FetchError: Always a subclass of it, never a transport exception:
                BadSchemeError, OffOriginError (before any request),
                NetworkError, TimeoutError_, TLSError, NotFoundError,
                HTTPStatusError, RedirectError, ResponseTooLarge,
                TruncatedResponse, EmptyResponse, NotHTMLError.
        """
        target = self._origins.check(url)
        headers: dict[str, str] = {}
        if (tag := _header_value(etag)) is not None:
            headers["If-None-Match"] = tag
        if (since := _header_value(last_modified)) is not None:
            headers["If-Modified-Since"] = since

        limit = self.settings.max_bytes if max_bytes is None else max_bytes

        timeout = self.settings.timeout

        async def consume(response: httpx.Response, final_url: str) -> FetchResult:
            return await read_page(
                response, final_url, expect_html, etag, last_modified, limit, timeout
            )

        deadline = self.settings.deadline if max_bytes is None else self.settings.download_deadline
        return await self._run(target, headers, deadline, consume)

    async def download(self, url: str, dest: Path, *, max_bytes: int | None = None) -> Path:
        """Save an attachment to ``dest`` (written to a temporary file, then renamed).

        The same origin, scheme, redirect, retry and size rules as :meth:`get`
        apply (``max_bytes`` overrides the cap), without the HTML check; the
        deadline is ``DOWNLOAD_DEADLINE_FACTOR × timeout``.  On any failure
        ``dest`` is left as it was and no partial file remains.
        """
        import tempfile

        target = self._origins.check(url)
        dest = Path(dest)
        limit = self.settings.max_bytes if max_bytes is None else max_bytes

        async def save(response: httpx.Response, final_url: str) -> Path:
            if response.status_code == 304:
                raise HTTPStatusError(url=final_url, status=304)
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp_name = tempfile.mkstemp(
                    dir=dest.parent, prefix=f".{dest.name}.", suffix=".part"
                )
            except OSError as exc:
                raise save_error(dest, exc) from exc
            tmp = Path(tmp_name)
            try:
                with os.fdopen(fd, "wb") as out:
                    await read_body(response, final_url, limit, out.write, self.settings.timeout)
                os.replace(tmp, dest)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise save_error(dest, exc) from exc
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            return dest

        return await self._run(target, {}, self.settings.download_deadline, save)

    # -- the request loop ---------------------------------------------------
    async def _run(
        self, url: str, headers: dict[str, str], deadline: float, consume: Consumer[T]
    ) -> T:
        loop = asyncio.get_running_loop()
        deadline_at = loop.time() + deadline
        try:
            async with asyncio.timeout_at(deadline_at) as scope:

                def extend(seconds: float) -> None:
                    when = scope.when()
                    if seconds > 0 and when is not None:
                        scope.reschedule(when + seconds)

                _EXTEND.set(extend)
                return await self._attempts(url, headers, deadline_at, consume)
        except TimeoutError:
            log.info("deadline of %.1f s reached for %s", deadline, url)
            raise TimeoutError_(seconds=seconds_label(deadline), url=url) from None

    async def _attempts(
        self, url: str, headers: dict[str, str], deadline_at: float, consume: Consumer[T]
    ) -> T:
        loop = asyncio.get_running_loop()
        attempt = 0
        while True:
            try:
                return await self._attempt(url, headers, consume)
            except Retryable as failure:
                error = failure.error
                if attempt >= max(0, self.settings.retries):
                    raise error from failure.__cause__
                wait = retry_wait(attempt, self.settings.backoff, failure.retry_after)
                if loop.time() + wait >= deadline_at:
                    log.info("no time left to retry %s after: %s", url, error)
                    raise error from failure.__cause__
                attempt += 1
                log.info("retry %d for %s in %.2f s after: %s", attempt, url, wait, error)
                await asyncio.sleep(wait)

    async def _attempt(self, url: str, headers: dict[str, str], consume: Consumer[T]) -> T:
        client = self._get_client()
        current = url
        visited = {url}
        hops = 0
        while True:
            outcome = await self._gated_hop(client, url, current, headers, consume, visited, hops)
            if not isinstance(outcome, _Redirect):
                return outcome
            current, hops = outcome.target, hops + 1

    async def _gated_hop(
        self,
        client: httpx.AsyncClient,
        url: str,
        current: str,
        headers: dict[str, str],
        consume: Consumer[T],
        visited: set[str],
        hops: int,
    ) -> T | _Redirect:
        """One request, through the gate when there is one (its wait extends the deadline)."""
        gate = self._gate
        if gate is None:
            return await self._hop(client, url, current, headers, consume, visited, hops)
        await gate.enter(current, _EXTEND.get())
        status: int | None = None
        retry_after: str | None = None
        try:
            outcome = await self._hop(client, url, current, headers, consume, visited, hops)
        except Retryable as failure:
            status = getattr(failure.error, "status", None)
            retry_after = failure.retry_after_header
            raise
        except HTTPStatusError as error:
            status = error.status
            raise
        finally:
            gate.leave(current, status, retry_after)
        return outcome

    async def _hop(
        self,
        client: httpx.AsyncClient,
        url: str,
        current: str,
        headers: dict[str, str],
        consume: Consumer[T],
        visited: set[str],
        hops: int,
    ) -> T | _Redirect:
        """One request: the answer consumed, or where a redirect points."""
        # the trace extension only while someone waits for a request to be sent
        extensions = {"trace": self._trace} if self._after_send else None
        try:
            request = client.build_request("GET", current, headers=headers, extensions=extensions)
            response = await client.send(request, stream=True)
        except FetchError:
            raise  # from the transport: a CA bundle that cannot be loaded
        except Exception as exc:
            proxy = proxy_for(current, self.settings.proxy, self._transport is None)
            failure = translate_request_error(exc, current, self.settings.timeout, proxy)
            if failure.retryable:
                raise Retryable(failure.error) from exc
            raise failure.error from exc
        finally:
            if extensions is not None and self._after_send:
                self._sent()  # not reported by the transport: the request has ended
        try:
            status = response.status_code
            log.debug("GET %s → %d", current, status)
            location = response.headers.get("location")
            if status in _REDIRECT_STATUSES and location is not None:
                return _Redirect(self._redirect(url, current, location, visited, hops))
            check_status(response, current)
            return await consume(response, current)
        finally:
            await response.aclose()

    def _redirect(
        self, first: str, current: str, location: str, visited: set[str], hops: int
    ) -> str:
        try:
            target = self._origins.redirect_target(location, current)
        except ValueError:
            target = location
        if not self._origins.is_allowed(target):
            raise RedirectError(
                "error.redirect_offsite", url=current, target=displayable_url(target)
            )
        if target in visited or hops >= MAX_REDIRECTS:
            raise RedirectError("error.redirect_loop", url=first)
        visited.add(target)
        return target


def _skip_httpx_cli() -> None:
    """Let ``import httpx`` do without ``httpx._main``, its command line.

    ``httpx/__init__.py`` tries ``from ._main import main`` (click, pygments
    and much of rich) and defines a stub when that import fails.  phuly-tui
    never runs it; a ``None`` in :data:`sys.modules` makes that import fail,
    as the import system documents, which saves ~3.4 MiB and ~20 ms of every
    process that fetches (the app's background refresh, ``phuly-tui sync``).
    A no-op when httpx or ``httpx._main`` is already loaded.
    ``tests/unit/test_fetch.py`` checks httpx still guards the import this way.
    """
    if "httpx" not in sys.modules:
        sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


def _no_extension(seconds: float) -> None:
    """Without a running deadline there is nothing to push back."""


#: pushes the current request's deadline back (a gate calls it before it waits);
#: a context variable, as each task runs its own request
_EXTEND: ContextVar[Callable[[float], None]] = ContextVar("_EXTEND", default=_no_extension)
