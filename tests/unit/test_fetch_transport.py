"""The scheme transport (TLS pool built on the first https:// request).

Servers and the proxy are small asyncio servers on 127.0.0.1 started here:
they keep connections alive, so a test can see when the client closes them.
The proxy tunnels (CONNECT) to 127.0.0.1 only and refuses anything else.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from phuly_tui.errors import TLSError
from phuly_tui.fetch import Fetcher, FetchSettings
from phuly_tui.fetch.transport import SchemeTransport
from tests.support import faults

pytestmark = pytest.mark.timeout(30)

PAGE = "<html><body><p>Tin bài</p></body></html>".encode()


class KeepAliveServer:
    """HTTP/1.1 on 127.0.0.1 (TLS when given a context); counts connections closed."""

    def __init__(self, context: ssl.SSLContext | None = None) -> None:
        self.context = context
        self.opened = 0
        self.closed = 0
        self.targets: list[str] = []
        #: target → Location of a 302 answer instead of the page
        self.redirects: dict[str, str] = {}
        self._server: asyncio.Server | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"{'https' if self.context else 'http'}://127.0.0.1:{self.port}"

    async def start(self) -> KeepAliveServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.context)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    async def wait_closed(self, count: int) -> None:
        for _ in range(200):
            if self.closed >= count:
                return
            await asyncio.sleep(0.01)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.opened += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                target = head.split(b" ", 2)[1].decode()
                self.targets.append(target)
                if target in self.redirects:
                    status, body = b"302 Found", b""
                    extra = f"Location: {self.redirects[target]}\r\n".encode()
                else:
                    status, body, extra = b"200 OK", PAGE, b""
                writer.write(
                    b"HTTP/1.1 " + status + b"\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + extra + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
                )  # fmt: skip
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError, OSError):
            pass
        finally:
            self.closed += 1
            writer.close()


class TunnelProxy:
    """A CONNECT proxy to 127.0.0.1 only; answers absolute-form GETs itself."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self._server: asyncio.Server | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> TunnelProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line = head.split(b"\r\n", 1)[0].decode()
            self.requests.append(request_line)
            method, target, _version = request_line.split(" ", 2)
            host, _, port = target.rpartition(":")
            if method == "CONNECT" and host == "127.0.0.1":
                upstream_reader, upstream_writer = await asyncio.open_connection(host, int(port))
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                await writer.drain()
                await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))
            elif method == "GET" and target.startswith("http://"):
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    b"Connection: close\r\nContent-Length: " + str(len(PAGE)).encode()
                    + b"\r\n\r\n" + PAGE
                )  # fmt: skip
            else:  # never leave 127.0.0.1
                writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, OSError, ValueError):
            pass
        finally:
            writer.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return faults.make_self_signed_cert(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def no_ssl_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


@pytest.fixture
async def plain_server() -> AsyncIterator[KeepAliveServer]:
    server = await KeepAliveServer().start()
    yield server
    await server.stop()


@pytest.fixture
async def tls_server(
    certificate: tuple[Path, Path], no_ssl_env: None
) -> AsyncIterator[KeepAliveServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    server = await KeepAliveServer(context).start()
    yield server
    await server.stop()


@pytest.fixture
async def proxy() -> AsyncIterator[TunnelProxy]:
    server = await TunnelProxy().start()
    yield server
    await server.stop()


@pytest.fixture
async def make_fetcher() -> AsyncIterator[Callable[..., Fetcher]]:
    made: list[Fetcher] = []

    def make(base_url: str, **overrides: Any) -> Fetcher:
        values: dict[str, Any] = {"base_url": base_url, "timeout": 3.0, "retries": 0}
        values.update(overrides)
        fetcher = Fetcher(FetchSettings(**values))
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        await fetcher.aclose()


def trusting(certificate: tuple[Path, Path]) -> Callable[[], httpx.AsyncBaseTransport]:
    """A TLS pool factory that trusts the test certificate, counting its calls."""

    def make() -> httpx.AsyncBaseTransport:
        make.calls += 1  # type: ignore[attr-defined]
        context = ssl.create_default_context(cafile=str(certificate[0]))
        return httpx.AsyncHTTPTransport(verify=context)

    make.calls = 0  # type: ignore[attr-defined]
    return make


# -- the transport alone -------------------------------------------------------------


async def test_aclose_closes_the_plain_and_the_tls_connections(
    plain_server: KeepAliveServer, tls_server: KeepAliveServer, certificate: tuple[Path, Path]
) -> None:
    transport = SchemeTransport(trusting(certificate))
    async with httpx.AsyncClient(transport=transport) as client:
        assert (await client.get(plain_server.url + "/a")).status_code == 200
        assert not transport.tls_ready
        assert (await client.get(tls_server.url + "/b")).status_code == 200
        assert transport.tls_ready
        assert (await client.get(plain_server.url + "/c")).text == PAGE.decode()
        await asyncio.sleep(0.05)
        # kept alive: one connection each, still open
        assert (plain_server.opened, plain_server.closed) == (1, 0)
        assert (tls_server.opened, tls_server.closed) == (1, 0)
    # leaving the client closes the transport, and so both pools
    await plain_server.wait_closed(1)
    await tls_server.wait_closed(1)
    assert plain_server.closed == 1
    assert tls_server.closed == 1


async def test_the_tls_pool_is_built_once_for_concurrent_first_requests(
    tls_server: KeepAliveServer, certificate: tuple[Path, Path]
) -> None:
    make_tls = trusting(certificate)
    transport = SchemeTransport(make_tls)
    async with httpx.AsyncClient(transport=transport) as client:
        answers = await asyncio.gather(*(client.get(f"{tls_server.url}/{n}") for n in range(5)))
    assert [answer.status_code for answer in answers] == [200] * 5
    assert make_tls.calls == 1  # type: ignore[attr-defined]


async def test_only_plain_requests_never_build_the_tls_pool(
    plain_server: KeepAliveServer, certificate: tuple[Path, Path]
) -> None:
    make_tls = trusting(certificate)
    transport = SchemeTransport(make_tls)
    async with httpx.AsyncClient(transport=transport) as client:
        for n in range(3):
            assert (await client.get(f"{plain_server.url}/{n}")).status_code == 200
    await plain_server.wait_closed(1)
    assert make_tls.calls == 0  # type: ignore[attr-defined]
    assert plain_server.closed == 1  # closing works without a TLS pool too


# -- through the Fetcher ----------------------------------------------------------------


async def test_fetcher_aclose_closes_both_pools_and_the_fetcher_stays_usable(
    plain_server: KeepAliveServer,
    tls_server: KeepAliveServer,
    certificate: tuple[Path, Path],
    make_fetcher: Callable[..., Fetcher],
) -> None:
    fetcher = make_fetcher(
        plain_server.url, extra_origins=(tls_server.url,), ca_bundle=str(certificate[0])
    )
    assert (await fetcher.get("/tin")).status == 200
    assert (await fetcher.get(tls_server.url + "/tin")).status == 200
    await fetcher.aclose()
    await plain_server.wait_closed(1)
    await tls_server.wait_closed(1)
    assert (plain_server.closed, tls_server.closed) == (1, 1)
    assert (await fetcher.get(tls_server.url + "/lai")).status == 200  # a new client
    assert tls_server.opened == 2


async def test_a_redirect_from_http_to_https_builds_the_tls_pool_then(
    plain_server: KeepAliveServer,
    tls_server: KeepAliveServer,
    certificate: tuple[Path, Path],
    make_fetcher: Callable[..., Fetcher],
) -> None:
    plain_server.redirects["/cu"] = tls_server.url + "/moi"
    fetcher = make_fetcher(
        plain_server.url, extra_origins=(tls_server.url,), ca_bundle=str(certificate[0])
    )
    result = await fetcher.get("/cu")
    assert result.status == 200
    assert result.url == tls_server.url + "/moi"
    assert tls_server.targets == ["/moi"]


async def test_an_unreadable_ca_bundle_fails_each_https_request_and_no_http_one(
    plain_server: KeepAliveServer,
    tls_server: KeepAliveServer,
    tmp_path: Path,
    make_fetcher: Callable[..., Fetcher],
) -> None:
    fetcher = make_fetcher(
        plain_server.url, extra_origins=(tls_server.url,), ca_bundle=str(tmp_path / "khong.pem")
    )
    assert (await fetcher.get("/1")).status == 200
    for _ in range(2):  # the failed build is not remembered as a broken pool
        with pytest.raises(TLSError) as caught:
            await fetcher.get(tls_server.url + "/x")
        assert caught.value.message_key == "error.ca_bundle"
    assert (await fetcher.get("/2")).status == 200
    assert tls_server.opened == 0


# -- proxies from the environment take httpx's own path ----------------------------------


@pytest.fixture
def proxy_env(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], None]:
    """Set a proxy variable with NO_PROXY cleared (the proxy itself is on 127.0.0.1)."""
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)

    def set_proxy(name: str, url: str) -> None:
        monkeypatch.setenv(name, url)

    return set_proxy


async def test_https_proxy_from_the_environment_tunnels_with_the_fetch_tls_settings(
    tls_server: KeepAliveServer,
    proxy: TunnelProxy,
    certificate: tuple[Path, Path],
    proxy_env: Callable[[str, str], None],
    make_fetcher: Callable[..., Fetcher],
) -> None:
    proxy_env("HTTPS_PROXY", proxy.url)
    trusted = make_fetcher(tls_server.url, ca_bundle=str(certificate[0]))
    assert (await trusted.get("/qua-proxy")).status == 200
    assert proxy.requests == [f"CONNECT 127.0.0.1:{tls_server.port} HTTP/1.1"]
    assert tls_server.targets == ["/qua-proxy"]
    # through the proxy the certificate is still checked, against the default CAs...
    with pytest.raises(TLSError):
        await make_fetcher(tls_server.url).get("/khong-tin")
    # ...and --insecure still turns the check off
    assert (await make_fetcher(tls_server.url, verify=False).get("/insecure")).status == 200
    assert len(proxy.requests) == 3


async def test_lowercase_all_proxy_is_used_for_plain_http(
    proxy: TunnelProxy,
    proxy_env: Callable[[str, str], None],
    make_fetcher: Callable[..., Fetcher],
) -> None:
    proxy_env("all_proxy", proxy.url)
    result = await make_fetcher("http://portal.invalid").get("/Pages/a.aspx")
    assert result.content == PAGE
    assert proxy.requests == ["GET http://portal.invalid/Pages/a.aspx HTTP/1.1"]


async def test_a_system_proxy_is_still_used(
    tls_server: KeepAliveServer,
    proxy: TunnelProxy,
    certificate: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    make_fetcher: Callable[..., Fetcher],
) -> None:
    # what getproxies() answers on Windows with a proxy set in the Internet Options and
    # no environment variable (httpx imported the function under its own name too)
    import urllib.request

    import httpx._utils as httpx_utils

    def system_proxies() -> dict[str, str]:
        return {"https": proxy.url}

    monkeypatch.setattr(urllib.request, "getproxies", system_proxies)
    monkeypatch.setattr(httpx_utils, "getproxies", system_proxies)
    fetcher = make_fetcher(tls_server.url, ca_bundle=str(certificate[0]))
    assert (await fetcher.get("/he-thong")).status == 200
    assert proxy.requests == [f"CONNECT 127.0.0.1:{tls_server.port} HTTP/1.1"]


async def test_httpx_with_a_system_proxy_and_no_transport_goes_through_it(
    tls_server: KeepAliveServer,
    proxy: TunnelProxy,
    certificate: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The control for the test above: the simulated system proxy is what httpx uses."""
    import httpx._utils as httpx_utils

    monkeypatch.setattr(httpx_utils, "getproxies", lambda: {"https": proxy.url})
    context = ssl.create_default_context(cafile=str(certificate[0]))
    async with httpx.AsyncClient(verify=context) as client:
        assert (await client.get(tls_server.url + "/httpx")).status_code == 200
    assert proxy.requests == [f"CONNECT 127.0.0.1:{tls_server.port} HTTP/1.1"]
