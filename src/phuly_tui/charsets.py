"""Charset labels → Python codec names: the one place that decides which labels count.

A label reaches us from two places — the HTTP ``Content-Type`` charset
(:func:`phuly_tui.fetch.content.charset_of`) and a page's ``<meta charset>``
(:mod:`phuly_tui.parse.decode`) — and both go through :func:`codec_for_label`,
so a label is honoured or ignored the same way wherever it was written.

What a caller may rely on: the result is None or the canonical name of a
Python text codec that turns bytes into page text without interpreting ASCII
bytes as something else.  A label is ignored (None) when

* Python does not know it (``klingon-8``), or it is empty;
* it names a transform, not a charset (``base64``, ``rot13``, ``idna``,
  ``unicode_escape``…): those can turn plain ASCII into other characters;
* it names UTF-7 or a stateful ASCII-escaping encoding the web never renders
  (``iso-2022-kr``, ``hz-gb-2312``): there, ASCII bytes such as ``+ADw-`` decode
  to ``<``, so the markup the parser sees is not the markup that was sent —
  browsers refuse them for that reason (WHATWG "replacement"), and UTF-7 can
  also yield lone surrogates, which no UTF-8 text may hold;
* it is ``x-user-defined``, ``binary`` or ``none``.

The caller then goes on down the README's order (``<meta>``, then UTF-8).

As browsers do, ``latin-1``/``iso-8859-1``/``ascii`` mean windows-1252 and
``utf-16``/``unicode``/``ucs-2`` without a byte order mean little-endian.
"""

from __future__ import annotations

import codecs
from typing import Final

__all__ = ["codec_for_label"]

_WINDOWS_1252_ALIASES: Final = frozenset(
    {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "ascii", "us-ascii"}
)
_UTF16_LE_ALIASES: Final = frozenset(
    {"utf-16", "utf16", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff"}
)
_UTF16_BE_ALIASES: Final = frozenset({"unicodefffe"})
_MEANINGLESS: Final = frozenset({"x-user-defined", "binary", "none", ""})
#: Python codecs that are not page charsets, or are unsafe for HTML (see the module doc)
_REFUSED_CODECS: Final = frozenset(
    {
        "utf-7",
        "iso2022_kr",
        "hz",
        "idna",
        "punycode",
        "raw-unicode-escape",
        "unicode-escape",
        "undefined",
    }
)


def codec_for_label(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when it must be ignored.

    Args:
        label: As written in a header or a meta tag; quotes, spaces and case
            do not matter.

    Returns:
        A name :func:`codecs.lookup` accepts (``"utf-8"``, ``"cp1252"``,
        ``"utf-16-le"``…), or None (see the module doc for which labels).
    """
    if label is None:
        return None
    label = label.strip().strip("\"'").strip().lower()
    if label in _MEANINGLESS:
        return None
    if label in _WINDOWS_1252_ALIASES:
        return "cp1252"
    if label in _UTF16_LE_ALIASES:
        return "utf-16-le"
    if label in _UTF16_BE_ALIASES:
        return "utf-16-be"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED_CODECS:
        return None
    return info.name
