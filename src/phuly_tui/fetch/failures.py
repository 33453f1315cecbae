"""Turning what httpx, ssl and the socket layer raise into phuly-tui's errors.

Nothing from the transport may escape :class:`~phuly_tui.fetch.Fetcher`: the
CLI prints one line and the app shows a titled notice, both from a
:class:`~phuly_tui.errors.FetchError`.  Each translation also says whether a
retry may help (connection failures and cut-off bodies yes; timeouts, TLS and
bad URLs no).  httpx is imported only inside the functions, which run after a
request has been made and httpx is loaded anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import NamedTuple

from ..errors import (
    BadSchemeError,
    FetchError,
    NetworkError,
    TimeoutError_,
    TLSError,
    TruncatedResponse,
)
from ..i18n import add_messages
from .origins import host_of

__all__ = [
    "Failure",
    "exception_chain",
    "seconds_label",
    "translate_body_error",
    "translate_request_error",
]

log = logging.getLogger("phuly_tui.fetch")


class Failure(NamedTuple):
    """A translated error and whether trying again may help."""

    error: FetchError
    retryable: bool


def seconds_label(seconds: float) -> int | float:
    """``15`` for 15.0, ``0.5`` for 0.5: how a number of seconds reads in a message."""
    return int(seconds) if float(seconds).is_integer() else round(seconds, 2)


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and its causes/contexts, each once (httpx wraps the ssl/socket error)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _tls_failure(exc: BaseException, url: str) -> Failure | None:
    import ssl

    for link in exception_chain(exc):
        if isinstance(link, ssl.SSLCertVerificationError):
            reason = link.verify_message or link.reason or str(link)
            return Failure(TLSError(host=host_of(url), reason=reason), False)
    for link in exception_chain(exc):
        if isinstance(link, ssl.SSLError):
            reason = link.reason or str(link)
            return Failure(TLSError("error.tls_handshake", host=host_of(url), reason=reason), False)
    return None


def translate_request_error(
    exc: Exception, url: str, timeout: float, proxy: str | None = None
) -> Failure:
    """The error for a failure while connecting, sending or awaiting the headers.

    ``proxy`` is the proxy this request went through, if any: a refused
    connection then names the proxy, which is what the user must fix.
    """
    import socket

    import httpx

    host = host_of(url)
    if isinstance(exc, httpx.TimeoutException):
        return Failure(TimeoutError_(seconds=seconds_label(timeout), url=url), False)
    tls = _tls_failure(exc, url)
    if tls is not None:
        return tls
    if isinstance(exc, httpx.ProxyError) or (
        proxy is not None and isinstance(exc, httpx.ConnectError)
    ):
        reason = proxy or str(exc) or "proxy"
        return Failure(NetworkError("error.proxy", host=host, reason=reason), True)
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return Failure(BadSchemeError(url=url), False)
    if any(isinstance(link, socket.gaierror) for link in exception_chain(exc)):
        return Failure(NetworkError("error.dns", host=host), True)
    if isinstance(exc, httpx.ConnectError):
        return Failure(NetworkError(host=host), True)
    if isinstance(exc, (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError)):
        return Failure(NetworkError("error.connection_reset", host=host), True)
    if isinstance(exc, (httpx.TransportError, OSError)):
        return Failure(NetworkError(host=host), True)
    log.warning("unexpected error fetching %s", url, exc_info=exc)
    return Failure(NetworkError("error.unexpected", host=host, reason=type(exc).__name__), False)


def translate_body_error(exc: Exception, url: str, timeout: float) -> Failure:
    """The error for a failure while the body streams in (headers already received)."""
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return Failure(TimeoutError_(seconds=seconds_label(timeout), url=url), False)
    tls = _tls_failure(exc, url)
    if tls is not None:
        return tls
    if isinstance(exc, (httpx.TransportError, OSError)):
        # the server closed or reset the connection mid-body, or the framing
        # (Content-Length, chunked) ended early: the page is incomplete
        return Failure(TruncatedResponse(url=url), True)
    log.warning("unexpected error reading %s", url, exc_info=exc)
    return Failure(
        NetworkError("error.unexpected", host=host_of(url), reason=type(exc).__name__), False
    )


add_messages(
    {
        "error.connection_reset": (
            "Kết nối tới {host} bị ngắt đột ngột.",
            "The connection to {host} was cut off.",
        ),
        "error.dns": (
            "Không tìm thấy máy chủ {host} (lỗi DNS). Kiểm tra kết nối mạng hoặc địa chỉ.",
            "The server {host} could not be found (DNS). Check the network or the address.",
        ),
        "error.proxy": (
            "Không kết nối được qua proxy tới {host} ({reason}).",
            "Could not connect to {host} through the proxy ({reason}).",
        ),
        "error.proxy_config": (
            "Cấu hình proxy không dùng được: {proxy} ({reason}).",
            "The proxy setting cannot be used: {proxy} ({reason}).",
        ),
        "error.tls_handshake": (
            "Không thiết lập được kết nối bảo mật (TLS) với {host} ({reason}).",
            "Could not set up a secure (TLS) connection with {host} ({reason}).",
        ),
        "error.ca_bundle": (
            "Không đọc được tệp chứng chỉ CA {path} ({reason}).",
            "Cannot read the CA bundle {path} ({reason}).",
        ),
        "error.bad_encoding": (
            "Máy chủ gửi {url} với kiểu nén không đọc được ({encoding}).",
            "The server sent {url} with an unreadable compression ({encoding}).",
        ),
        "error.download_write": (
            "Không ghi được tệp {path} ({reason}).",
            "Cannot write the file {path} ({reason}).",
        ),
        "error.unexpected": (
            "Lỗi không mong đợi khi tải từ {host} ({reason}).",
            "Unexpected error while fetching from {host} ({reason}).",
        ),
    }
)
