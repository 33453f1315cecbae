"""Content-Encoding decoding that never inflates past the size cap.

httpx decompresses a whole network chunk at once, so 64 kB of a gzip bomb can
become 64 MB in memory before anyone counts.  :class:`CappedDecoder` instead
asks zlib for at most ``cap - produced + 1`` bytes per call and stops the moment
the cap is passed: memory stays around one network chunk plus the cap, and a
50 MB bomb is refused after inflating only a little more than the cap.
"""

from __future__ import annotations

import zlib
from typing import Final

__all__ = [
    "SUPPORTED_ENCODINGS",
    "BodyCorrupt",
    "BodyTooLarge",
    "BodyTruncated",
    "CappedDecoder",
    "UnsupportedEncoding",
]

#: what we advertise in Accept-Encoding and can therefore decode
SUPPORTED_ENCODINGS: Final = ("gzip", "deflate")
_GZIP_MAGIC: Final = b"\x1f\x8b"


class BodyTooLarge(Exception):
    """The decoded body passed the cap."""


class BodyTruncated(Exception):
    """A compressed stream ended before its end marker."""


class BodyCorrupt(Exception):
    """The compressed data is not valid gzip/deflate."""


class UnsupportedEncoding(Exception):
    """A Content-Encoding we did not ask for and cannot decode (e.g. ``br``)."""


def _encodings(header: str | None) -> list[str]:
    if not header:
        return []
    names = [name.strip().lower() for name in header.split(",")]
    return [name for name in names if name and name != "identity"]


class CappedDecoder:
    """Decode a body fed in raw chunks, raising :class:`BodyTooLarge` past ``limit``.

    Args:
        content_encoding: The response's Content-Encoding header (None, "",
            ``identity``, ``gzip``, ``x-gzip`` or ``deflate``).
        limit: Maximum number of decoded bytes.

    Raises:
        UnsupportedEncoding: For any other encoding, or more than one.
    """

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        encodings = _encodings(content_encoding)
        if len(encodings) > 1:
            raise UnsupportedEncoding(content_encoding)
        kind = encodings[0] if encodings else "identity"
        if kind == "x-gzip":
            kind = "gzip"
        if kind not in ("identity", *SUPPORTED_ENCODINGS):
            raise UnsupportedEncoding(content_encoding)
        self.kind = kind
        self.limit = limit
        #: decoded bytes produced so far
        self.total = 0
        self._started = False
        self._zlib: zlib._Decompress | None = None
        if kind == "gzip":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif kind == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)

    def _count(self, produced: int) -> None:
        self.total += produced
        if self.total > self.limit:
            raise BodyTooLarge(self.total)

    def feed(self, data: bytes) -> bytes:
        """Decoded bytes for the next raw chunk (possibly ``b""``)."""
        if self._zlib is None:
            self._count(len(data))
            return data
        if not data:
            return b""
        if self._zlib.eof:
            # a second gzip member (concatenated gzip is valid); anything else
            # after the end marker is padding some servers add: ignore it
            if self.kind != "gzip" or not data.startswith(_GZIP_MAGIC):
                return b""
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            return self._inflate(data)
        except zlib.error as exc:
            if self.kind == "deflate" and not self._started:
                # "deflate" is zlib-wrapped by the RFC, raw deflate in practice
                # on some servers: retry the first chunk as raw deflate
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                self._started = True
                self.total = 0
                try:
                    return self._inflate(data)
                except zlib.error as again:
                    raise BodyCorrupt(str(again)) from again
            raise BodyCorrupt(str(exc)) from exc

    def _inflate(self, data: bytes) -> bytes:
        assert self._zlib is not None
        out = bytearray()
        pending = data
        while pending:
            room = self.limit - self.total + 1  # never 0: 0 would mean "no limit"
            chunk = self._zlib.decompress(pending, room)
            self._started = True
            self._count(len(chunk))
            out += chunk
            if self._zlib.eof:
                rest = self._zlib.unused_data
                if self.kind == "gzip" and rest.startswith(_GZIP_MAGIC):
                    self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
                    pending = rest
                    continue
                break
            pending = self._zlib.unconsumed_tail
        return bytes(out)

    def finish(self) -> bytes:
        """The last decoded bytes; raises :class:`BodyTruncated` if the stream is cut."""
        if self._zlib is None:
            return b""
        if not self._started:
            # an empty body with a Content-Encoding header: nothing to decode
            return b""
        try:
            tail = self._zlib.flush()
        except zlib.error as exc:
            raise BodyCorrupt(str(exc)) from exc
        self._count(len(tail))
        if not self._zlib.eof:
            raise BodyTruncated(self.kind)
        return tail
