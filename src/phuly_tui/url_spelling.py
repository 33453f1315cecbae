"""The path and the query of an address in the one spelling (:mod:`phuly_tui.urls`).

Apart from :mod:`phuly_tui.urls` (which decides what an address is and calls
these) only for size: the text of a path or a query, no authority, nothing else.
The spelling is the one a request line carries — WHATWG's percent-encode sets,
as httpx applies them, so httpx sends a spelled address as it is — with
RFC 3986's normalisations (§6.2.2): escapes in upper case, escapes of
unreserved characters decoded, dot segments removed.
"""

from __future__ import annotations

import re
import string
from typing import Final
from urllib.parse import quote

__all__ = ["spelled_path", "spelled_query"]

#: printable ASCII that a request line carries as written (WHATWG's percent-encode
#: sets, as httpx applies them): in a path all but ``"#<>?`{}``, in a query all
#: but ``"#<>`` — everything else (space, controls, non-ASCII) is sent ``%XX``
_PRINTABLE: Final = frozenset(map(chr, range(0x21, 0x7F)))
_PATH_AS_WRITTEN: Final = _PRINTABLE - frozenset('"#<>?`{}')
_QUERY_AS_WRITTEN: Final = _PRINTABLE - frozenset('"#<>')
#: RFC 3986's unreserved characters: ``%2D`` and ``-`` are the same address
_UNRESERVED: Final = frozenset(string.ascii_letters + string.digits + "-._~")
_ESCAPE: Final = re.compile("%([0-9A-Fa-f]{2})")


def _respelling(as_written: frozenset[str]) -> re.Pattern[str]:
    """What makes a path or query need respelling: a character outside
    ``as_written``, or a ``%`` (an escape may need upper case or decoding)."""
    return re.compile("[^" + re.escape("".join(sorted(as_written - {"%"}))) + "]")


_PATH_RESPELLING: Final = _respelling(_PATH_AS_WRITTEN)
_QUERY_RESPELLING: Final = _respelling(_QUERY_AS_WRITTEN)


def spelled_path(path: str) -> str:
    """``path`` (``/`` or more) as sent: see the module docstring."""
    if _PATH_RESPELLING.search(path) is not None:
        path = _spelled(path, _PATH_AS_WRITTEN)
    return _without_dot_segments(path) if "/." in path else path


def spelled_query(query: str) -> str:
    """``query`` (without its ``?``) as sent: see the module docstring."""
    if query and _QUERY_RESPELLING.search(query) is not None:
        return _spelled(query, _QUERY_AS_WRITTEN)
    return query


def _spelled(text: str, as_written: frozenset[str]) -> str:
    """A path or a query in the one spelling (see the module docstring): the
    characters outside ``as_written`` percent-encoded (UTF-8), escapes in upper
    case, escapes of unreserved characters decoded.  A ``%`` that starts no
    escape is written ``%25``: kept as written, it made a new escape of the
    characters decoded after it (``%%32%65`` → ``%2e`` → ``.``), so spelling a
    key again changed it, and the store missed its own keys.  Called only when
    :data:`_PATH_RESPELLING` (or the query's) finds something to respell."""
    pieces: list[str] = []
    end = 0
    for escape in _ESCAPE.finditer(text):
        pieces.append(_encoded(text[end : escape.start()].replace("%", "%25"), as_written))
        character = chr(int(escape[1], 16))
        pieces.append(character if character in _UNRESERVED else escape[0].upper())
        end = escape.end()
    pieces.append(_encoded(text[end:].replace("%", "%25"), as_written))
    return "".join(pieces)


def _encoded(text: str, as_written: frozenset[str]) -> str:
    """``text`` with each character outside ``as_written`` written ``%XX`` (UTF-8;
    a lone surrogate as its bytes, never an error)."""
    if as_written.issuperset(text):
        return text
    return "".join(
        c if c in as_written else quote(c, safe="", errors="surrogatepass") for c in text
    )


def _without_dot_segments(path: str) -> str:
    """``path`` without ``.`` and ``..`` segments (RFC 3986 §5.2.4): ``/a/./b`` and
    ``/a/x/../b`` are ``/a/b``, as a browser and httpx ask for them."""
    if "/." not in path:
        return path
    segments = path.split("/")[1:]
    kept: list[str] = []
    for index, segment in enumerate(segments):
        if segment not in (".", ".."):
            kept.append(segment)
            continue
        if segment == ".." and kept:
            kept.pop()
        if index == len(segments) - 1:
            kept.append("")  # "/a/b/.." is the folder "/a/"
    return "/" + "/".join(kept)
