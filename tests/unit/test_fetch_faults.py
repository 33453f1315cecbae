"""Every network fault of issue 5 against a misbehaving server on 127.0.0.1.

Each fault must end in a :class:`~phuly_tui.errors.FetchError` subclass with a
readable message, within a bounded time, and never in a transport exception.
Settings are small (timeouts of a fraction of a second, quick backoff) so the
whole module runs in a few seconds.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.errors import (
    EmptyResponse,
    FetchError,
    HTTPStatusError,
    NetworkError,
    NotFoundError,
    NotHTMLError,
    ResponseTooLarge,
    TimeoutError_,
    TLSError,
    TruncatedResponse,
)
from phuly_tui.fetch import DEFAULT_MAX_BYTES, Fetcher, FetchSettings
from phuly_tui.i18n import set_language
from tests.conftest import CLOSED_URL
from tests.support import faults
from tests.support.portal_server import PortalServer

pytestmark = pytest.mark.timeout(20)

MakeFetcher = Callable[..., Fetcher]


@pytest.fixture
async def make_fetcher() -> AsyncIterator[MakeFetcher]:
    made: list[Fetcher] = []

    def make(server: PortalServer | str, **overrides: Any) -> Fetcher:
        base = server if isinstance(server, str) else server.url
        values: dict[str, Any] = {"base_url": base, "timeout": 2.0, "retries": 0, "backoff": 0.01}
        values.update(overrides)
        fetcher = Fetcher(FetchSettings(**values))
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        await fetcher.aclose()


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("vi")


class Clock:
    """Elapsed wall time of a block."""

    def __enter__(self) -> Clock:
        self.start = time.monotonic()
        self.elapsed = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.elapsed = time.monotonic() - self.start


# -- time ------------------------------------------------------------------------


async def test_slow_headers_time_out(fresh_portal: PortalServer, make_fetcher: MakeFetcher) -> None:
    fresh_portal.routes["/slow"] = faults.slow_headers(3.0)
    with pytest.raises(TimeoutError_) as caught:
        await make_fetcher(fresh_portal, timeout=0.5, retries=2).get("/slow")
    assert caught.value.params["seconds"] == 0.5
    assert "0.5 seconds" in caught.value.message
    assert fresh_portal.count() == 1  # one read timeout; timeouts are not retried


async def test_slow_body_hits_the_total_deadline(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/drip"] = faults.slow_body(total=100_000, interval=0.1)
    with Clock() as clock, pytest.raises(TimeoutError_) as caught:
        await make_fetcher(fresh_portal, timeout=0.5).get("/drip")
    # every read succeeds within 0.5 s; the 3 × 0.5 s deadline ends it (how soon after:
    # benchmarks/time_limits.py — the suite asserts no upper wall-clock bound)
    assert clock.elapsed >= 1.4
    assert caught.value.params["seconds"] == 1.5


# -- connections -----------------------------------------------------------------


async def test_connection_refused(make_fetcher: MakeFetcher) -> None:
    with pytest.raises(NetworkError) as caught:
        await make_fetcher(CLOSED_URL, retries=1).get("/")
    assert caught.value.params["host"] == "127.0.0.1:9"
    assert "127.0.0.1:9" in caught.value.message


async def test_connection_reset_is_retried_then_reported(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/reset"] = faults.reset_connection()
    with pytest.raises(NetworkError) as caught:
        await make_fetcher(fresh_portal, retries=2).get("/reset")
    assert caught.value.message_key == "error.connection_reset"
    assert fresh_portal.count() == 3


async def test_connection_reset_mid_headers(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/half"] = faults.reset_connection(b"HTTP/1.1 200 OK\r\nContent-Le")
    with pytest.raises(NetworkError):
        await make_fetcher(fresh_portal).get("/half")


async def test_reset_once_then_success(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/flaky"] = faults.flaky(faults.reset_connection())
    result = await make_fetcher(fresh_portal, retries=2).get("/flaky")
    assert result.content == faults.SMALL_PAGE
    assert fresh_portal.count() == 2


async def test_not_http_at_all(fresh_portal: PortalServer, make_fetcher: MakeFetcher) -> None:
    fresh_portal.routes["/garbage"] = faults.garbage_response()
    with pytest.raises(NetworkError):
        await make_fetcher(fresh_portal).get("/garbage")


# -- statuses and retries -------------------------------------------------------


async def test_503_with_retry_after_is_retried_then_succeeds(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/busy"] = faults.status_with_retry_after(503, "1")
    with Clock() as clock:
        result = await make_fetcher(fresh_portal, retries=2).get("/busy")
    assert result.status == 200
    assert result.content == faults.SMALL_PAGE
    assert fresh_portal.count() == 2
    assert clock.elapsed >= 0.95  # waited the second Retry-After asked for


async def test_retry_after_as_http_date(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    import email.utils

    when = email.utils.formatdate(time.time() + 1, usegmt=True)
    fresh_portal.routes["/busy"] = faults.status_with_retry_after(503, when)
    result = await make_fetcher(fresh_portal, retries=1).get("/busy")
    assert result.status == 200


async def test_retry_after_beyond_the_deadline_gives_up_at_once(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/busy"] = faults.status_with_retry_after(503, "5")
    with pytest.raises(HTTPStatusError) as caught:
        await make_fetcher(fresh_portal, timeout=0.5, retries=2).get("/busy")
    assert caught.value.status == 503  # not a TimeoutError_: it did not sit and wait
    assert fresh_portal.count() == 1


async def test_500_always_is_retried_then_reported(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/broken"] = faults.sharepoint_error(500)
    with pytest.raises(HTTPStatusError) as caught:
        await make_fetcher(fresh_portal, retries=2).get("/broken")
    assert caught.value.status == 500
    assert caught.value.transient is True
    assert "HTTP 500" in caught.value.message
    assert fresh_portal.count() == 3


async def test_429_is_retried(fresh_portal: PortalServer, make_fetcher: MakeFetcher) -> None:
    fresh_portal.routes["/limit"] = faults.status_with_retry_after(429, "0")
    assert (await make_fetcher(fresh_portal, retries=1).get("/limit")).status == 200
    assert fresh_portal.count() == 2


async def test_sharepoint_404_is_not_found_without_retry(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/gone"] = faults.sharepoint_error(404, "Không tìm thấy tệp.")
    fetcher = make_fetcher(fresh_portal, retries=2)
    with pytest.raises(NotFoundError) as caught:
        await fetcher.get("/gone")
    assert caught.value.status == 404
    assert fresh_portal.url + "/gone" in caught.value.message
    with pytest.raises(NotFoundError):
        await fetcher.get("/Pages/khong-co-trang-nay.aspx")  # the server's own 404
    assert fresh_portal.count() == 2


async def test_403_is_reported_without_retry(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/private"] = faults.sharepoint_error(403)
    with pytest.raises(HTTPStatusError) as caught:
        await make_fetcher(fresh_portal, retries=2).get("/private")
    assert caught.value.status == 403
    assert not isinstance(caught.value, NotFoundError)
    assert fresh_portal.count() == 1


# -- bodies ------------------------------------------------------------------------


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_truncated_body(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, chunked: bool
) -> None:
    fresh_portal.routes["/cut"] = faults.truncated_body(chunked=chunked)
    with pytest.raises(TruncatedResponse) as caught:
        await make_fetcher(fresh_portal, retries=1).get("/cut")
    assert "cut off" in caught.value.message
    assert fresh_portal.count() == 2  # retried once


async def test_truncated_gzip_stream(fresh_portal: PortalServer, make_fetcher: MakeFetcher) -> None:
    import gzip

    cut = gzip.compress(faults.SMALL_PAGE * 20)[:-30]
    fresh_portal.routes["/cutgz"] = faults.bytes_response(cut, headers={"Content-Encoding": "gzip"})
    with pytest.raises(TruncatedResponse):
        await make_fetcher(fresh_portal).get("/cutgz")


async def test_invalid_utf8_comes_back_as_bytes(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    route = faults.invalid_utf8_page()
    fresh_portal.routes["/bad"] = route
    result = await make_fetcher(fresh_portal).get("/bad")
    assert b"\xff\xfe" in result.content
    assert result.encoding == "utf-8"


async def test_no_charset_header_gives_encoding_none(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/nocs"] = faults.no_charset_page()
    result = await make_fetcher(fresh_portal).get("/nocs")
    assert result.encoding is None
    assert result.content_type == "text/html"
    assert "Phủ Lý".encode() in result.content


async def test_oversized_by_content_length_is_refused_before_reading(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    # 50 MB announced, then one piece per second: a client that started
    # reading would end in a timeout, never in ResponseTooLarge
    fresh_portal.routes["/huge"] = faults.slow_body(50 * 1024 * 1024, interval=1.0)
    with pytest.raises(ResponseTooLarge) as caught:
        await make_fetcher(fresh_portal).get("/huge")
    assert caught.value.params["limit"] == 8
    assert "8 MB" in caught.value.message


async def test_oversized_chunked_stream_is_cut_at_the_default_cap(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/stream"] = faults.oversized(DEFAULT_MAX_BYTES + 500_000, chunked=True)
    with pytest.raises(ResponseTooLarge):
        await make_fetcher(fresh_portal).get("/stream")
    fresh_portal.routes["/fits"] = faults.oversized(DEFAULT_MAX_BYTES - 100, chunked=True)
    assert len((await make_fetcher(fresh_portal).get("/fits")).content) == DEFAULT_MAX_BYTES - 100


async def test_gzip_bomb_is_refused_in_bounded_memory_and_time(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    route = faults.gzip_bomb(50)
    fresh_portal.routes["/bomb"] = route
    fetcher = make_fetcher(fresh_portal)
    await fetcher.get("/Pages/Default.aspx")  # warm up: httpx imported, client made
    tracemalloc.start()
    with pytest.raises(ResponseTooLarge):
        await fetcher.get("/bomb")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 3 * DEFAULT_MAX_BYTES  # the 50 MB of zeros were never all in memory


async def test_unknown_content_encoding(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/br"] = faults.bytes_response(
        b"\x0b\x02\x80", headers={"Content-Encoding": "br"}
    )
    with pytest.raises(FetchError) as caught:
        await make_fetcher(fresh_portal).get("/br")
    assert caught.value.message_key == "error.bad_encoding"


@pytest.mark.parametrize("body", [b"", b" \r\n\t "], ids=["empty", "whitespace"])
async def test_empty_200(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, body: bytes
) -> None:
    fresh_portal.routes["/empty"] = faults.bytes_response(body)
    fetcher = make_fetcher(fresh_portal)
    with pytest.raises(EmptyResponse):
        await fetcher.get("/empty")
    assert (await fetcher.get("/empty", expect_html=False)).content == body


@pytest.mark.parametrize(
    "content_type",
    ["application/pdf", None, "text/html; charset=utf-8", "application/octet-stream"],
)
async def test_pdf_where_html_is_expected(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, content_type: str | None
) -> None:
    fresh_portal.routes["/doc"] = faults.pdf_response(content_type)
    with pytest.raises(NotHTMLError) as caught:
        await make_fetcher(fresh_portal).get("/doc")
    assert caught.value.params["content_type"] == "application/pdf"
    assert caught.value.params["url"] == fresh_portal.url + "/doc"


async def test_portal_pdf_refused_as_a_page(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    with pytest.raises(NotHTMLError) as caught:
        await make_fetcher(fresh_portal).get("/Documents/2024/01/KH-18-UBND.pdf")
    assert "opened externally" in caught.value.message


async def test_html_served_as_octet_stream_is_still_a_page(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/odd"] = faults.bytes_response(faults.SMALL_PAGE, None)
    result = await make_fetcher(fresh_portal).get("/odd")
    assert result.content_type == "text/html"
    assert result.encoding is None


async def test_plain_text_where_html_is_expected(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/txt"] = faults.bytes_response(b"just words", "text/plain")
    with pytest.raises(NotHTMLError):
        await make_fetcher(fresh_portal).get("/txt")


# -- TLS ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return faults.make_self_signed_cert(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def tls_portal(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[faults.TLSPortalServer]:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with faults.TLSPortalServer(*certificate) as server:
        yield server


async def test_self_signed_certificate_is_a_tls_error(
    tls_portal: faults.TLSPortalServer, make_fetcher: MakeFetcher
) -> None:
    with pytest.raises(TLSError) as caught:
        await make_fetcher(tls_portal, retries=2).get("/Pages/Default.aspx")
    assert "self-signed" in str(caught.value.params["reason"])
    assert "--ca-bundle" in caught.value.message
    assert "--insecure" in caught.value.message
    assert caught.value.transient is False


async def test_ca_bundle_makes_the_certificate_trusted(
    tls_portal: faults.TLSPortalServer, make_fetcher: MakeFetcher, certificate: tuple[Path, Path]
) -> None:
    fetcher = make_fetcher(tls_portal, ca_bundle=str(certificate[0]))
    result = await fetcher.get("/Pages/Default.aspx")
    assert result.status == 200
    assert result.url.startswith("https://127.0.0.1:")


async def test_verify_off_accepts_the_certificate(
    tls_portal: faults.TLSPortalServer, make_fetcher: MakeFetcher
) -> None:
    result = await make_fetcher(tls_portal, verify=False).get("/Pages/Default.aspx")
    assert result.status == 200


async def test_missing_ca_bundle_is_a_clear_error(
    tls_portal: faults.TLSPortalServer, make_fetcher: MakeFetcher, tmp_path: Path
) -> None:
    missing = tmp_path / "khong-co.pem"
    with pytest.raises(TLSError) as caught:
        await make_fetcher(tls_portal, ca_bundle=str(missing)).get("/")
    assert caught.value.message_key == "error.ca_bundle"
    assert str(missing) in caught.value.message


async def test_stored_certificate_works_without_openssl(
    make_fetcher: MakeFetcher, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("tests.support.faults.shutil.which", lambda _name: None)
    cert, key = faults.make_self_signed_cert(tmp_path)
    assert cert.read_bytes() == faults.STORED_CERT.read_bytes()
    with faults.TLSPortalServer(cert, key) as server:
        with pytest.raises(TLSError):
            await make_fetcher(server).get("/")
        assert (await make_fetcher(server, ca_bundle=str(cert)).get("/")).status == 200


async def test_plain_http_to_a_tls_port(
    tls_portal: faults.TLSPortalServer, make_fetcher: MakeFetcher
) -> None:
    http_url = tls_portal.url.replace("https://", "http://")
    with pytest.raises(FetchError):
        await make_fetcher(http_url, timeout=1.0).get("/")


# -- the promise -------------------------------------------------------------------


@pytest.mark.parametrize(
    "route",
    [
        faults.reset_connection(),
        faults.garbage_response(),
        faults.truncated_body(),
        faults.truncated_body(chunked=True),
        faults.redirect_loop(),
        faults.redirect_to("http://example.com/"),
        faults.redirect_to("\x00\r\nbad"),
        faults.empty_200(),
        faults.pdf_response(None),
        faults.sharepoint_error(500),
        faults.sharepoint_error(404),
        faults.bytes_response(b"x", headers={"Content-Encoding": "gzip"}),
        faults.bytes_response(b"<html>", headers={"Content-Length": "-5"}),
    ],
)
async def test_only_fetch_errors_escape(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, route: faults.Route
) -> None:
    fresh_portal.routes["/fault"] = route
    with pytest.raises(FetchError) as caught:
        await make_fetcher(fresh_portal, timeout=1.0, retries=1).get("/fault")
    assert caught.value.message
    assert caught.value.title
    assert "{" not in caught.value.message  # every parameter of the message was filled


# -- cancellation (the app cancels a fetch when the reader moves on) ------------------


async def test_cancelled_fetch_leaves_the_fetcher_usable(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    import asyncio

    fresh_portal.routes["/slow"] = faults.slow_headers(2.0)
    fetcher = make_fetcher(fresh_portal, timeout=5.0)
    task = asyncio.create_task(fetcher.get("/slow"))
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    result = await fetcher.get("/Pages/Default.aspx")
    assert result.status == 200


async def test_cancelled_download_leaves_no_partial_file(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, tmp_path: Path
) -> None:
    import asyncio

    fresh_portal.routes["/drip.pdf"] = faults.slow_body(total=10_000, interval=0.05)
    dest = tmp_path / "downloads" / "drip.pdf"
    task = asyncio.create_task(make_fetcher(fresh_portal).download("/drip.pdf", dest))
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert list(dest.parent.iterdir()) == []


async def test_deflate_from_the_server(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    import zlib

    page = faults.SMALL_PAGE * 30
    fresh_portal.routes["/deflate"] = faults.bytes_response(
        zlib.compress(page), headers={"Content-Encoding": "deflate"}
    )
    assert (await make_fetcher(fresh_portal).get("/deflate")).content == page


async def test_plain_http_portal_never_loads_a_ca_bundle(
    portal: PortalServer, make_fetcher: MakeFetcher, tmp_path: Path
) -> None:
    # a bundle that cannot be read would fail the first https:// request; an
    # http:// portal never gets there, and no TLS pool is built for it
    fetcher = make_fetcher(portal, ca_bundle=str(tmp_path / "khong-co.pem"))
    assert (await fetcher.get("/Pages/Default.aspx")).status == 200
    transport = fetcher._client._transport if fetcher._client else None
    assert transport is not None
    assert getattr(transport, "tls_ready", None) is False


async def test_https_origin_after_plain_http_builds_a_verified_pool(
    portal: PortalServer,
    tls_portal: faults.TLSPortalServer,
    make_fetcher: MakeFetcher,
    certificate: tuple[Path, Path],
) -> None:
    untrusted = make_fetcher(portal, extra_origins=(tls_portal.url,))
    assert (await untrusted.get("/Pages/Default.aspx")).status == 200
    with pytest.raises(TLSError):  # the lazily built pool verifies certificates
        await untrusted.get(f"{tls_portal.url}/Pages/Default.aspx")
    trusted = make_fetcher(portal, extra_origins=(tls_portal.url,), ca_bundle=str(certificate[0]))
    assert (await trusted.get("/Pages/Default.aspx")).status == 200
    assert (await trusted.get(f"{tls_portal.url}/Pages/Default.aspx")).status == 200
    assert getattr(trusted._client._transport if trusted._client else None, "tls_ready", None)
