"""A misbehaving portal, one fault at a time, for fetch, CLI and app tests.

Each factory returns a route for :attr:`PortalServer.routes`::

    from tests.support import faults

    fresh_portal.routes["/Pages/slow.aspx"] = faults.slow_headers(2.0)
    fresh_portal.routes["/Pages/busy.aspx"] = faults.status_with_retry_after(503, "1")

A route receives the :class:`http.server.BaseHTTPRequestHandler` of the request
and writes the whole answer itself, so it can lie about lengths, stall, drip,
or drop the connection.  Routes that break the connection set
``handler.close_connection`` so the server does not try to read another request.
Writes to a client that has gone away are swallowed: a fault must not spray
tracebacks over the test output.

The catalogue (fault → what a client should make of it):

=============================  ==================================================
``html_page`` / ``bytes_response``  a good answer; any body, type, status, headers
``recording(into)``            records request headers (User-Agent, If-None-Match)
``flaky(fault, times=1)``      a fault for the first N requests, then a page
``slow_headers(s)``            silence for ``s`` seconds → read timeout
``slow_body(total, interval)`` quick headers, body dripping → total deadline
``reset_connection()``         TCP reset before (or mid-) response → network error
``garbage_response()``         bytes that are not HTTP → network error
``status_with_retry_after``    503/429/500 + Retry-After for N requests, then a page
``sharepoint_error(status)``   SharePoint's Vietnamese 404/500 page, every time
``truncated_body(chunked=…)``  Content-Length or chunked body cut short
``redirect_loop()``            redirects to itself
``redirect_to(url)``           one redirect (same site, or off-site)
``oversized(n, chunked=…)``    a body of n bytes, announced or streamed
``gzip_bomb(mb)``              mb MB of zeros, gzipped to ≈ 1 kB/MB
``empty_200()``                200 with no body
``pdf_response(type)``         a PDF, with an honest, missing or lying type
``invalid_utf8_page()``        declared UTF-8, is not
``no_charset_page()``          ``text/html`` without charset (``<meta>`` only)
``charset_page(body, codec, label)``  ``body`` encoded in ``codec``, served as ``charset=label``
=============================  ==================================================

Beyond routes: :func:`make_self_signed_cert` and :class:`TLSPortalServer` serve
the portal copy over HTTPS with a certificate no system trusts (TLS errors).
"""

from __future__ import annotations

import contextlib
import functools
import io
import shutil
import socket
import ssl
import struct
import subprocess
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Final

from tests.support.portal_server import ERROR_PAGE, PortalServer, PortalSite

__all__ = [
    "MINIMAL_PDF",
    "SMALL_PAGE",
    "STORED_CERT",
    "STORED_KEY",
    "Route",
    "TLSPortalServer",
    "bytes_response",
    "charset_page",
    "empty_200",
    "flaky",
    "garbage_response",
    "gzip_bomb",
    "html_page",
    "invalid_utf8_page",
    "make_self_signed_cert",
    "no_charset_page",
    "oversized",
    "pdf_response",
    "recording",
    "redirect_loop",
    "redirect_to",
    "reset_connection",
    "sharepoint_error",
    "slow_body",
    "slow_headers",
    "status_with_retry_after",
    "truncated_body",
]

Route = Callable[[BaseHTTPRequestHandler], None]

#: a small but complete portal-like page (UTF-8, Vietnamese)
SMALL_PAGE = (
    "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Trang thử</title></head>"
    "<body><h1>Tin tức - Sự kiện</h1><p>Phủ Lý đón chào năm mới.</p></body></html>"
).encode()
#: enough of a PDF for every sniffer
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

_HTML_UTF8 = "text/html; charset=utf-8"
_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError, OSError)


# -- low-level helpers ------------------------------------------------------
def _write(handler: BaseHTTPRequestHandler, data: bytes) -> bool:
    """Write and flush; False when the client has gone away."""
    try:
        handler.wfile.write(data)
        handler.wfile.flush()
    except _GONE:
        handler.close_connection = True
        return False
    return True


def _head(handler: BaseHTTPRequestHandler, status: int, headers: Iterable[tuple[str, str]]) -> bool:
    try:
        handler.send_response(status)
        for name, value in headers:
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.flush()
    except _GONE:
        handler.close_connection = True
        return False
    return True


def _abort(handler: BaseHTTPRequestHandler) -> None:
    """Close the connection with a TCP RST (SO_LINGER 0), as a crashing proxy does."""
    handler.close_connection = True
    conn = handler.connection
    with contextlib.suppress(OSError):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    # the file objects hold references to the socket: close them all so the
    # descriptor really closes now (and sends the RST)
    for stream in (handler.rfile, handler.wfile):
        with contextlib.suppress(OSError):
            stream.close()
    with contextlib.suppress(OSError):
        conn.close()
    # http.server flushes wfile after the route returns: give it a harmless one
    handler.wfile = io.BytesIO()


# -- well-formed answers ----------------------------------------------------
def bytes_response(
    body: bytes,
    content_type: str | None = _HTML_UTF8,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Route:
    """Answer ``body`` as given, with a correct Content-Length.

    ``content_type=None`` sends no Content-Type header at all.  ``headers``
    adds or overrides headers (e.g. ``{"ETag": '"{A},1"'}``).
    """

    def route(handler: BaseHTTPRequestHandler) -> None:
        fields: dict[str, str] = {}
        if content_type is not None:
            fields["Content-Type"] = content_type
        fields["Content-Length"] = str(len(body))
        fields.update(headers or {})
        if _head(handler, status, fields.items()) and handler.command != "HEAD":
            _write(handler, body)

    return route


def html_page(
    body: bytes = SMALL_PAGE, *, status: int = 200, headers: dict[str, str] | None = None
) -> Route:
    """A normal HTML page (UTF-8 declared in the header)."""
    return bytes_response(body, _HTML_UTF8, status=status, headers=headers)


def invalid_utf8_page() -> Route:
    """A page declared UTF-8 whose bytes are not (stray Latin-1 and broken sequences)."""
    body = (
        b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tin \xe1\xbb\x9f Ph\xfb L\xfd"
        b"</title></head><body><p>H\xc3\x28 n\xff\xfei \xed\xa0\x80 ok</p></body></html>"
    )
    return bytes_response(body, _HTML_UTF8)


def no_charset_page(body: bytes | None = None) -> Route:
    """``Content-Type: text/html`` with no charset; the charset is only in ``<meta>``."""
    page = (
        body
        or (
            "<!DOCTYPE html><html><head><meta http-equiv='Content-Type' "
            "content='text/html; charset=utf-8'><title>Không có charset</title></head>"
            "<body><p>Thành phố Phủ Lý</p></body></html>"
        ).encode()
    )
    return bytes_response(page, "text/html")


def charset_page(body: str, codec: str, label: str) -> Route:
    """``body`` encoded in ``codec`` (no BOM), served as ``text/html; charset=<label>``.

    The label may be honest (``utf-16le`` on UTF-16 LE bytes), unknown, or one
    a client must not honour (``utf-7``).
    """
    return bytes_response(body.encode(codec), f"text/html; charset={label}")


def empty_200(content_type: str | None = _HTML_UTF8) -> Route:
    """200 OK with an empty body (a SharePoint app pool mid-restart does this)."""
    return bytes_response(b"", content_type)


def pdf_response(content_type: str | None = "application/pdf") -> Route:
    """A PDF where a page was expected; ``content_type`` may lie (``text/html``) or be None."""
    return bytes_response(MINIMAL_PDF, content_type)


def sharepoint_error(status: int, message: str = "Đã xảy ra lỗi không mong muốn.") -> Route:
    """SharePoint 2013's own error page (Vietnamese) with ``status``: 404, 500, 503…

    Always the same answer: for "500 always" use ``sharepoint_error(500)``.
    """

    def route(handler: BaseHTTPRequestHandler) -> None:
        body = ERROR_PAGE.replace("{message}", message).replace("{guid}", str(uuid.uuid4()))
        bytes_response(
            body.encode("utf-8"),
            _HTML_UTF8,
            status=status,
            headers={"Cache-Control": "private", "SPRequestGuid": str(uuid.uuid4())},
        )(handler)

    return route


def recording(into: list[dict[str, str]], then: Route | None = None) -> Route:
    """Append each request's headers (lower-cased names) to ``into``, then serve ``then``.

    For asserting what a client sends: User-Agent, Accept-Encoding,
    If-None-Match…  ``then`` defaults to :func:`html_page`.
    """
    after = then or html_page()

    def route(handler: BaseHTTPRequestHandler) -> None:
        into.append({name.lower(): value for name, value in handler.headers.items()})
        after(handler)

    return route


def redirect_to(location: str, status: int = 302) -> Route:
    """Redirect to ``location`` (relative, absolute, or on another origin)."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        body = f"<html><body>Object moved to <a href='{location}'>here</a>.</body></html>"
        bytes_response(body.encode(), _HTML_UTF8, status=status, headers={"Location": location})(
            handler
        )

    return route


def redirect_loop(status: int = 302) -> Route:
    """Redirect to the very target that was asked for: an endless loop."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        redirect_to(handler.path, status)(handler)

    return route


def status_with_retry_after(
    status: int = 503,
    retry_after: str | None = "1",
    *,
    failures: int = 1,
    then: Route | None = None,
) -> Route:
    """Fail the first ``failures`` requests with ``status`` + ``Retry-After``, then serve ``then``.

    ``failures`` large (e.g. 10**6) means "always"; ``then`` defaults to
    :func:`html_page`.  ``retry_after`` may be seconds or an HTTP date; None
    sends no header.  The route counts requests itself, thread-safely.
    """
    lock = threading.Lock()
    seen = 0
    after = then or html_page()

    def route(handler: BaseHTTPRequestHandler) -> None:
        nonlocal seen
        with lock:
            seen += 1
            failing = seen <= failures
        if not failing:
            after(handler)
            return
        body = ERROR_PAGE.replace("{message}", "Máy chủ đang bận.").replace(
            "{guid}", str(uuid.uuid4())
        )
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        bytes_response(body.encode(), _HTML_UTF8, status=status, headers=headers)(handler)

    return route


def flaky(fault: Route, *, times: int = 1, then: Route | None = None) -> Route:
    """Answer with ``fault`` for the first ``times`` requests, then with ``then``.

    E.g. ``flaky(reset_connection())`` for "one reset, then the page" (a retry
    succeeds); ``then`` defaults to :func:`html_page`.  Thread-safe count.
    """
    lock = threading.Lock()
    seen = 0
    after = then or html_page()

    def route(handler: BaseHTTPRequestHandler) -> None:
        nonlocal seen
        with lock:
            seen += 1
            failing = seen <= times
        (fault if failing else after)(handler)

    return route


# -- broken answers ---------------------------------------------------------
def slow_headers(seconds: float, then: Route | None = None) -> Route:
    """Say nothing for ``seconds`` (the request hangs before any header), then answer."""
    after = then or html_page()

    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        after(handler)

    return route


def slow_body(total: int = 10_000, *, interval: float = 0.1, piece: bytes = b"<p>.</p>\n") -> Route:
    """Send headers at once, then drip ``piece`` every ``interval`` s up to ``total`` bytes.

    Each read is quick, so no read timeout fires: only a total deadline stops it.
    """

    def route(handler: BaseHTTPRequestHandler) -> None:
        headers = {"Content-Type": _HTML_UTF8, "Content-Length": str(total)}
        if not _head(handler, 200, headers.items()):
            return
        sent = 0
        while sent < total:
            chunk = piece[: total - sent]
            if not _write(handler, chunk):
                return
            sent += len(chunk)
            time.sleep(interval)

    return route


def reset_connection(send: bytes = b"") -> Route:
    """Drop the connection with a TCP reset, after writing ``send`` (default: nothing).

    With ``send=b""`` the client sees a reset before any response; with part of
    a response (``b"HTTP/1.1 200 OK\\r\\nContent-Le"``) it sees one mid-headers.
    """

    def route(handler: BaseHTTPRequestHandler) -> None:
        if send:
            _write(handler, send)
        _abort(handler)

    return route


def garbage_response(data: bytes = b"\x00\x01\x02 this is not HTTP \xff\r\n\r\n") -> Route:
    """Answer bytes that are not HTTP at all, then close."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        _write(handler, data)
        handler.close_connection = True

    return route


def truncated_body(declared: int = 5000, sent: int = 500, *, chunked: bool = False) -> Route:
    """Promise ``declared`` bytes (Content-Length) but send ``sent`` and close.

    With ``chunked=True`` the body is chunked instead and stops without the
    terminating zero-length chunk.
    """
    body = (SMALL_PAGE * (sent // len(SMALL_PAGE) + 1))[:sent]

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        if chunked:
            headers = {"Content-Type": _HTML_UTF8, "Transfer-Encoding": "chunked"}
            if _head(handler, 200, headers.items()):
                _write(handler, b"%x\r\n%s\r\n" % (len(body), body))
        else:
            headers = {"Content-Type": _HTML_UTF8, "Content-Length": str(declared)}
            if _head(handler, 200, headers.items()):
                _write(handler, body)

    return route


def oversized(size: int, *, chunked: bool = False, content_type: str = _HTML_UTF8) -> Route:
    """A body of ``size`` bytes, announced by Content-Length or (``chunked``) not at all.

    Writing stops quietly when the client hangs up, which a client that
    enforces a size cap does early.
    """
    block = (b"<p>" + b"x" * 65_000 + b"</p>\n")[:65_536]

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        headers = {"Content-Type": content_type}
        if chunked:
            headers["Transfer-Encoding"] = "chunked"
        else:
            headers["Content-Length"] = str(size)
        if not _head(handler, 200, headers.items()):
            return
        left = size
        while left > 0:
            data = block[: min(left, len(block))]
            framed = b"%x\r\n%s\r\n" % (len(data), data) if chunked else data
            if not _write(handler, framed):
                return
            left -= len(data)
        if chunked:
            _write(handler, b"0\r\n\r\n")

    return route


@functools.lru_cache(maxsize=4)
def _zeros_gzipped(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def gzip_bomb(megabytes: int = 50, content_type: str = _HTML_UTF8) -> Route:
    """``megabytes`` MB of zeros, gzip-compressed (≈ 1 kB per MB), sent as a page.

    Compressed here, when the route is made, not when it is asked: compressing
    50 MB takes a second or more on a loaded machine, and a client with a
    one-second timeout would then see a timeout instead of a bomb.
    """
    body = _zeros_gzipped(megabytes)

    def route(handler: BaseHTTPRequestHandler) -> None:
        headers = {
            "Content-Type": content_type,
            "Content-Encoding": "gzip",
            "Content-Length": str(len(body)),
        }
        if _head(handler, 200, headers.items()):
            _write(handler, body)

    return route


# -- TLS ----------------------------------------------------------------------
#: a self-signed certificate for 127.0.0.1 valid until 2126, for machines without openssl
STORED_CERT: Final = Path(__file__).resolve().parent / "tls" / "cert.pem"
STORED_KEY: Final = Path(__file__).resolve().parent / "tls" / "key.pem"


def make_self_signed_cert(directory: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A self-signed certificate for ``host``: ``(cert, key)`` PEM paths in ``directory``.

    Made fresh with openssl when it is installed; otherwise (127.0.0.1 only)
    a copy of the stored test pair :data:`STORED_CERT` / :data:`STORED_KEY`.
    The certificate is its own CA (so it can serve as a ``ca_bundle``) and
    names ``host`` in subjectAltName, as modern clients require.
    """
    cert, key = directory / "cert.pem", directory / "key.pem"
    openssl = shutil.which("openssl")
    if openssl is None:
        if host != "127.0.0.1":
            raise RuntimeError("openssl is needed to make a certificate for " + host)
        shutil.copyfile(STORED_CERT, cert)
        shutil.copyfile(STORED_KEY, key)
        return cert, key
    san = f"IP:{host}" if host.replace(".", "").isdigit() else f"DNS:{host}"
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256",
            "-days", "2", "-subj", f"/CN={host}", "-keyout", str(key), "-out", str(cert),
            "-addext", f"subjectAltName={san}",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,digitalSignature,keyCertSign",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    return cert, key


class TLSPortalServer(PortalServer):
    """:class:`PortalServer` over HTTPS with the given certificate (on 127.0.0.1)."""

    def __init__(self, cert: Path, key: Path, site: PortalSite | None = None) -> None:
        super().__init__(site)
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)

    def _make_server(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]
    ) -> ThreadingHTTPServer:
        return _TLSHTTPServer(address, handler, self._context)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self._port}"


class _TLSHTTPServer(ThreadingHTTPServer):
    """Handshake in the request thread, so a client that rejects us blocks nobody."""

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        context: ssl.SSLContext,
    ) -> None:
        self._context = context
        super().__init__(address, handler)

    def finish_request(self, request, client_address):  # type: ignore[no-untyped-def]
        try:
            request.settimeout(10)
            tls = self._context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return  # the client refused our certificate: that is the test
        try:
            super().finish_request(tls, client_address)
        finally:
            with contextlib.suppress(OSError):
                tls.close()
