"""Links as the model needs them: absolute, same-site aware, and clean.

Browsers drop tabs and newlines inside URLs and trim leading/trailing control
characters and spaces; we do the same and also strip escape sequences and
bidi controls, so no control character from a page can reach the model
through a URL.

A page the Wayback Machine replayed with its links rewritten
(``/web/20240712031544/https://phuly.hanam.gov.vn/Pages/…``, images with
``…im_/``) links to the archived pages' originals: a link is the page it
names, not the archive's copy of it (the library reads a portal page from the
archive itself when the portal cannot give it).  A page URL that is such an
address is read as its original too, so relative links land on the portal.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..text import strip_hostile
from ..urls import origin_of, resolve

#: a Wayback Machine replay path: ``/web/<timestamp>[modifier_]/<original URL>``
_REPLAY: Final = re.compile(r"/web/\d{1,14}(?:[a-z]{2}_)?/+(https?):/+(.+)$", re.IGNORECASE)

__all__ = ["absolute_url"]

_URL_WHITESPACE: Final = re.compile(r"[\t\n\r]")
#: what makes a root-relative href need the full resolver: anything but printable ASCII
#: among it (spaces, controls, bidi marks, non-ASCII letters), an escape or a character
#: the URL policy's one spelling writes otherwise (``%2d`` → ``-``, ``{`` → ``%7B``)
_NEEDS_RESOLVER: Final = re.compile(r'^//|/\.|[#\\%"<>`{}]|\?$|[^\x21-\x7e]')


def _needs_resolver(href: str) -> bool:
    """``_NEEDS_RESOLVER.search(href) is not None``, in string methods (every link
    and image of a page passes here)."""
    return (
        not (href.isascii() and href.isprintable())
        or " " in href
        or href.startswith("//")
        or "/." in href
        or "#" in href
        or "\\" in href
        or "%" in href
        or '"' in href
        or "<" in href
        or ">" in href
        or "`" in href
        or "{" in href
        or "}" in href
        or href.endswith("?")
    )


def _archived_original(url: str) -> str | None:
    """The original URL inside a replay address (any origin: a saved page's
    root-relative ``/web/…`` links resolve on the page's own), else None."""
    start = url.find("/web/", url.find("//") + 2)
    if start < 0 or url.find("/", url.find("//") + 2) != start:
        return None  # "/web/" is not the path's first segment
    match = _REPLAY.match(url, start)
    if match is None:
        return None
    return f"{match[1].lower()}://{match[2]}"


@lru_cache(maxsize=64)
def _page_base(page_url: str) -> str:
    """``page_url``, or the original of a replay address (see the module doc)."""
    return _archived_original(page_url) or page_url


@lru_cache(maxsize=64)
def _prefix(page_url: str) -> str | None:
    """``scheme://host[:port]`` of a page whose root-relative links can be joined by hand
    (the page's origin as the URL policy spells it, so the result equals ``resolve``'s)."""
    return origin_of(page_url) or None


def absolute_url(href: str | None, page_url: str) -> str | None:
    """Absolute form of ``href`` on ``page_url`` (None for non-links)."""
    if href is None:
        return None
    page_url = _page_base(page_url)
    url = _absolute(href, page_url)
    if url is None or "/web/" not in url:
        return url
    original = _archived_original(url)
    return url if original is None else _absolute(original, page_url)


def _absolute(href: str, page_url: str) -> str | None:
    if href.startswith("/") and not _needs_resolver(href):
        # fast path for the common root-relative link; same result as resolve()
        prefix = _prefix(page_url)
        if prefix is not None:
            return prefix + href
    href = _URL_WHITESPACE.sub("", strip_hostile(href)).strip(" \x00\x0c\u00a0")
    if not href:
        return None
    url = resolve(href, page_url)
    if url is None:
        return None
    return strip_hostile(url)
