"""Reading a response: its status, its body streamed through the size cap, what it is.

A body streams in raw and is decoded here, counting the *decompressed* size
against the cap so a gzip bomb is refused early; a page is checked to be HTML
(the header first, then the bytes).  What another attempt may fix is raised as
:class:`Retryable`; the rest as the :class:`~phuly_tui.errors.FetchError` to show.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import (
    EmptyResponse,
    FetchError,
    HTTPStatusError,
    NotFoundError,
    NotHTMLError,
    ResponseTooLarge,
    TruncatedResponse,
)
from .content import (
    charset_of,
    is_html_type,
    looks_like_html,
    media_type_of,
    needs_sniffing,
    sniff_file_type,
)
from .decoding import BodyCorrupt, BodyTooLarge, BodyTruncated, CappedDecoder, UnsupportedEncoding
from .failures import translate_body_error
from .retry import is_retryable_status, parse_retry_after
from .settings import FetchResult

if TYPE_CHECKING:
    import httpx

__all__ = [
    "Retryable",
    "bad_encoding",
    "check_status",
    "megabytes",
    "read_body",
    "read_page",
    "save_error",
]

log = logging.getLogger("phuly_tui.fetch")


class Retryable(Exception):
    """An attempt failed in a way another attempt may fix."""

    def __init__(
        self,
        error: FetchError,
        retry_after: float | None = None,
        retry_after_header: str | None = None,
    ) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after
        self.retry_after_header = retry_after_header


def megabytes(limit: int) -> int | float:
    mb = limit / (1024 * 1024)
    return int(mb) if mb.is_integer() else float(f"{mb:.3g}")


def check_status(response: httpx.Response, url: str) -> None:
    status = response.status_code
    if 200 <= status < 300 or status == 304:
        return
    if status == 404:
        raise NotFoundError(url=url, status=404)
    if is_retryable_status(status):
        header = response.headers.get("retry-after")
        raise Retryable(HTTPStatusError(url=url, status=status), parse_retry_after(header), header)
    raise HTTPStatusError(url=url, status=status)


def checked_html(content: bytes, media: str, url: str) -> str:
    """The media type to report for a page body, or the error that it is not one."""
    if not content.strip():
        raise EmptyResponse(url=url)
    sniffed = sniff_file_type(content)
    if sniffed is not None:
        raise NotHTMLError(url=url, content_type=sniffed)
    if needs_sniffing(media):
        if not looks_like_html(content):
            raise NotHTMLError(url=url, content_type=media or "unknown")
        return "text/html"
    return media


async def read_page(
    response: httpx.Response,
    url: str,
    expect_html: bool,
    sent_etag: str | None,
    sent_last_modified: str | None,
    limit: int,
    timeout: float,
) -> FetchResult:
    header = response.headers.get("content-type")
    media = media_type_of(header)
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    if response.status_code == 304:
        return FetchResult(
            url=url,
            status=304,
            content=b"",
            content_type=media,
            encoding=charset_of(header),
            etag=etag or sent_etag,
            last_modified=last_modified or sent_last_modified,
            not_modified=True,
            fetched_at=time.time(),
        )
    if expect_html and not is_html_type(media) and not needs_sniffing(media):
        # a PDF, an image, a Word file: refuse before downloading it
        raise NotHTMLError(url=url, content_type=media)
    chunks: list[bytes] = []
    await read_body(response, url, limit, chunks.append, timeout)
    content = b"".join(chunks)
    if expect_html:
        media = checked_html(content, media, url)
    elif not media:
        media = sniff_file_type(content) or (
            "text/html" if looks_like_html(content) else "application/octet-stream"
        )
    return FetchResult(
        url=url,
        status=response.status_code,
        content=content,
        content_type=media,
        encoding=charset_of(header),
        etag=etag,
        last_modified=last_modified,
        not_modified=False,
        fetched_at=time.time(),
    )


async def read_body(
    response: httpx.Response,
    url: str,
    limit: int,
    sink: Callable[[bytes], object],
    timeout: float,
) -> None:
    """Stream the raw body through a :class:`CappedDecoder` into ``sink``.

    Errors of ``sink`` itself (a full disk) propagate untouched; everything
    the network or the decoder raises becomes a FetchError.
    """
    too_large = ResponseTooLarge(url=url, limit=megabytes(limit))
    declared = content_length(response)
    if declared is not None and declared > limit:
        raise too_large
    encoding = response.headers.get("content-encoding")
    try:
        decoder = CappedDecoder(encoding, limit)
    except UnsupportedEncoding:
        raise bad_encoding(url, encoding) from None
    chunks = response.aiter_raw().__aiter__()
    try:
        while True:
            try:
                raw = await chunks.__anext__()
            except StopAsyncIteration:
                break
            except Exception as exc:
                failure = translate_body_error(exc, url, timeout)
                if failure.retryable:
                    raise Retryable(failure.error) from exc
                raise failure.error from exc
            piece = decoder.feed(raw)
            if piece:
                sink(piece)
        tail = decoder.finish()
        if tail:
            sink(tail)
    except BodyTooLarge:
        log.info("refused %s: over the %d byte cap", url, limit)
        raise too_large from None
    except BodyTruncated:
        raise Retryable(TruncatedResponse(url=url)) from None
    except BodyCorrupt:
        raise bad_encoding(url, encoding) from None


def content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    if value is None:
        return None
    try:
        length = int(value.split(",")[0].strip())
    except ValueError:
        return None
    return length if length >= 0 else None


def bad_encoding(url: str, encoding: str | None) -> FetchError:
    error = FetchError("error.bad_encoding", url=url, encoding=encoding or "?")
    error.transient = False
    return error


def save_error(dest: Path, exc: OSError) -> FetchError:
    """A file that could not be saved at ``dest`` (not worth retrying)."""
    error = FetchError("error.download_write", path=str(dest), reason=exc.strerror or str(exc))
    error.transient = False
    return error
