"""Bytes as fetched → text (or UTF-8 bytes for the parser), cheaply.

Order of evidence, first one wins:

1. a byte-order mark (UTF-8, UTF-16 LE/BE);
2. the encoding the caller passes (the HTTP ``Content-Type`` charset), UTF-16
   included: a page served as ``charset=utf-16le`` needs no BOM;
3. ``<meta charset>`` or ``<meta http-equiv="Content-Type" content="…charset=…">``
   in the first 4 KB (a meta tag naming UTF-16/32 is read as UTF-8: bytes whose
   meta tag we could read as ASCII are not UTF-16);
4. otherwise UTF-8.  Only when the bytes are *not* valid UTF-8 and no charset
   was declared do we consider the Vietnamese Windows code page (cp1258): it is
   chosen when UTF-8 decoding would turn at least a fifth of the non-ASCII bytes
   into U+FFFD (a page written in a legacy code page fails on nearly every
   accented letter, while a UTF-8 page with a few stray bytes fails on very
   few).  Everything else decodes as UTF-8 with replacement characters.
   A page that names a TCVN3 or VNI font (``face=".VnTime"``) is read as
   windows-1252 instead: those fonts' text is Latin-1 bytes, converted later
   (:mod:`.legacy_fonts`).

Which labels count, and as what, is decided in one place for the header and
the meta tag alike: :func:`phuly_tui.charsets.codec_for_label` (``latin-1`` is
windows-1252, as browsers read it; unknown labels, transforms such as
``base64`` and UTF-7 are ignored, so the next step of the order decides).
Labels that cannot be true of the bytes are stale server or template defaults
and are passed over too: a single-byte label (windows-125x, ISO-8859-x) on
bytes that are valid UTF-8 with accented letters is read as UTF-8 (a legacy
page's accented letters are practically never valid UTF-8, so nothing real is
lost), a UTF-16/32 header on bytes without a single NUL in their first
4 KB (UTF-16 markup is half NULs) gives way to the meta tag and UTF-8, and a
UTF-8 label (header or meta tag: a template's default left on a page saved in
the Vietnamese code page) on bytes that step 4 would read as cp1258 gives way
to the next evidence, then to step 4.

For speed the parser is fed UTF-8 *bytes* (selectolax re-encodes a ``str``)
and the ASP.NET hidden state (``__VIEWSTATE``, ``__EVENTVALIDATION`` —
60–165 KB of base64 on the portal's pages, never content) is cut out before
parsing with plain ``bytes.find``; the ``<head>`` keeps only its title and
meta tags; very large inputs also pass the nesting guard of :mod:`.nesting`.
A copy the Wayback Machine replayed with its toolbar (between its ``BEGIN`` and
``END WAYBACK TOOLBAR INSERT`` comments: calendar, capture counts, "COLLECTED BY")
loses the toolbar the same way: it is the archive's, never the page's.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

from ..charsets import codec_for_label
from .legacy_fonts import LEGACY_FONT_BYTES
from .nesting import limit_nesting

__all__ = ["decode_html", "detect_encoding", "prepare_bytes"]

_UTF8: Final = "utf-8"
_META_CHARSET: Final = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
#: ASP.NET hidden fields whose values are large opaque blobs
_HIDDEN_STATE: Final = (b'id="__VIEWSTATE"', b'id="__EVENTVALIDATION"', b'name="__VIEWSTATE"')
_TOOLBAR: Final = (b"<!-- BEGIN WAYBACK TOOLBAR INSERT -->", b"<!-- END WAYBACK TOOLBAR INSERT -->")
_HIGH_BYTES: Final = bytes(range(0x80, 0x100))
_HIDDEN_STATE_STR: Final = tuple(marker.decode("ascii") for marker in _HIDDEN_STATE)
_WIDE: Final = ("utf-16", "utf-32")
#: how far a declared UTF-16/32 page must show a NUL byte to be believed
_WIDE_PROBE: Final = 4096
#: bytes at each end of a page that :func:`_legacy_in_samples` reads
_SAMPLE: Final = 4096


def _bom(data: bytes) -> tuple[str, int] | None:
    if data.startswith(codecs.BOM_UTF8):
        return _UTF8, 3
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    return None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data, 0, 4096)
    if match is None:
        return None
    codec = codec_for_label(match[1].decode("ascii", "replace"))
    if codec is not None and codec.startswith(_WIDE):
        return _UTF8  # we just read this tag as ASCII, so the bytes are not UTF-16/32
    return codec


def _legacy_is_clearly_better(data: bytes) -> bool:
    """True when undeclared bytes look like cp1258 rather than broken UTF-8."""
    try:
        data.decode(_UTF8)
    except UnicodeDecodeError:
        pass
    else:
        return False
    non_ascii = len(data) - len(data.translate(None, _HIGH_BYTES))
    replaced = data.decode(_UTF8, "replace").count("\ufffd")
    return non_ascii > 0 and replaced * 5 >= non_ascii


def _legacy_in_samples(data: bytes) -> bool:
    """Cheap first look for :func:`_believable` of a UTF-8 label (every portal page
    has one: reading it all costs as much as half a parse): do the page's first and
    last 4 KB — its title, its footer — break as UTF-8 on many of their accented
    letters?  A cut through a character breaks a few bytes, never more than four."""
    for sample in (data[:_SAMPLE], data[-_SAMPLE:]):
        non_ascii = len(sample) - len(sample.translate(None, _HIGH_BYTES))
        if non_ascii:
            replaced = sample.decode(_UTF8, "replace").count("\ufffd")
            if replaced > 4 and replaced * 5 >= non_ascii:
                return True
    return False


#: legacy single-byte code pages a misconfigured server may claim for a UTF-8 page
_SINGLE_BYTE: Final = frozenset(
    {"cp1252", "cp1258", "iso8859-1", "iso8859-15", "cp1250", "cp1251", "cp1254", "iso8859-2"}
)


def _is_multibyte_utf8(data: bytes) -> bool:
    """Valid UTF-8 with at least one multi-byte sequence (so not plain ASCII).

    Text in a single-byte code page is almost never valid UTF-8 once it uses
    accented letters, so such bytes are UTF-8 whatever the label says.
    """
    if data.isascii():
        return False
    try:
        data.decode(_UTF8)
    except UnicodeDecodeError:
        return False
    return True


def _believable(codec: str, data: bytes) -> bool:
    """False for a declared charset the bytes plainly contradict (see the module doc)."""
    if codec.startswith(_WIDE):
        return b"\x00" in data[:_WIDE_PROBE] or not data
    if codec == _UTF8:
        return not _legacy_in_samples(data) or not _legacy_is_clearly_better(data)
    return not (codec in _SINGLE_BYTE and _is_multibyte_utf8(data))


def detect_encoding(data: bytes, encoding: str | None = None) -> tuple[str, int]:
    """Codec name for ``data`` and the length of its BOM (see the module doc)."""
    bom = _bom(data)
    if bom is not None:
        return bom
    for declared in (codec_for_label(encoding), _meta_charset(data)):
        if declared is None:
            continue
        if _believable(declared, data):
            return declared, 0
        if declared in _SINGLE_BYTE:
            return _UTF8, 0  # a stale "ISO-8859-1" label on a UTF-8 page
        # a UTF-8 or UTF-16/32 label the bytes contradict: the next evidence decides
    if _legacy_is_clearly_better(data):
        # text typed in a TCVN3 or VNI font is read byte for byte as windows-1252,
        # whose characters those fonts' tables are written in (see .legacy_fonts)
        return ("cp1252" if LEGACY_FONT_BYTES.search(data) else "cp1258"), 0
    return _UTF8, 0


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Text of an HTML page given as bytes (see the module doc for the rules)."""
    codec, skip = detect_encoding(data, encoding)
    return data[skip:].decode(codec, "replace")


def _cut_hidden_state(data: bytes) -> bytes:
    pieces: list[bytes] = []
    pos = 0
    for marker in _HIDDEN_STATE:
        found = data.find(marker, pos)
        if found < 0:
            continue
        value = data.find(b'value="', found, found + 300)
        if value < 0 or data.find(b">", found, value) >= 0:
            continue
        end = data.find(b'"', value + 7)
        if end < 0 or end - value < 256:
            continue
        pieces.append(data[pos : value + 7])
        pos = end
    if not pieces:
        return data
    pieces.append(data[pos:])
    return b"".join(pieces)


def _cut_hidden_state_str(text: str) -> str:
    pieces: list[str] = []
    pos = 0
    for marker in _HIDDEN_STATE_STR:
        found = text.find(marker, pos)
        if found < 0:
            continue
        value = text.find('value="', found, found + 300)
        if value < 0 or text.find(">", found, value) >= 0:
            continue
        end = text.find('"', value + 7)
        if end < 0 or end - value < 256:
            continue
        pieces.append(text[pos : value + 7])
        pos = end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def _cut_toolbar(data: bytes) -> bytes:
    """``data`` without the Wayback Machine's toolbar insert (see the module doc)."""
    start = data.find(_TOOLBAR[0])
    if start < 0:
        return data
    end = data.find(_TOOLBAR[1], start)
    if end < 0:
        return data
    return data[:start] + data[end + len(_TOOLBAR[1]) :]


_HEAD_KEEP: Final = re.compile(rb"<meta\b[^>]*>|<title\b[^>]*>[^<]*</title\s*>", re.IGNORECASE)


def _slim_head(data: bytes) -> bytes:
    """Keep only ``<title>`` and ``<meta>`` of the ``<head>`` (scripts, styles, links go).

    The portal's head is mostly ``RegisterSod`` scripts; nothing in it but the
    title and meta tags is ever read.  Left alone when the head is malformed
    (no end tag, or body content before it).
    """
    start = data.find(b"<head")
    if start < 0 or start > 4096:
        return data
    end = data.find(b"</head>", start)
    if end < 0 or data.find(b"<body", start, end) >= 0:
        return data
    open_end = data.find(b">", start, end) + 1
    if open_end <= 0:
        return data
    kept = b"".join(_HEAD_KEEP.findall(data, open_end, end))
    return data[:open_end] + kept + data[end:]


def prepare_bytes(html: bytes | str, encoding: str | None = None) -> bytes:
    """UTF-8 bytes of the page, hidden ASP.NET state removed, ready for lexbor.

    UTF-8 input is passed through untouched (lexbor turns invalid sequences
    into U+FFFD itself); other encodings are transcoded.  A NUL becomes a
    space first: lexbor drops it, which would glue the words around it
    together, while :func:`phuly_tui.text.clean_text` reads it as a separator.
    """
    if isinstance(html, str):
        text = _cut_hidden_state_str(html.replace("\x00", " ") if "\x00" in html else html)
        try:
            return limit_nesting(_slim_head(_cut_toolbar(text.encode(_UTF8))))
        except UnicodeEncodeError:  # lone surrogates cannot reach the parser
            return limit_nesting(_slim_head(_cut_toolbar(text.encode(_UTF8, "replace"))))
    data = bytes(html)
    codec, skip = detect_encoding(data, encoding)
    if codec == _UTF8:
        if skip:
            data = data[skip:]
        if b"\x00" in data:
            data = data.replace(b"\x00", b" ")
        return limit_nesting(_slim_head(_cut_toolbar(_cut_hidden_state(data))))
    text = data[skip:].decode(codec, "replace").replace("\x00", " ")
    # "replace": no codec we accept yields a lone surrogate, but UTF-8 must never fail here
    return limit_nesting(
        _slim_head(_cut_toolbar(_cut_hidden_state_str(text).encode(_UTF8, "replace")))
    )
