"""Links as the model needs them: absolute, same-site aware, and clean.

Browsers drop tabs and newlines inside URLs and trim leading/trailing control
characters and spaces; we do the same and also strip escape sequences and
bidi controls, so no control character from a page can reach the model
through a URL.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..text import strip_hostile
from ..urls import origin_of, resolve

__all__ = ["absolute_url"]

_URL_WHITESPACE: Final = re.compile(r"[\t\n\r]")
#: what makes a root-relative href need the full resolver (anything but printable ASCII
#: among it: spaces, controls, bidi marks, non-ASCII letters)
_NEEDS_RESOLVER: Final = re.compile(r"^//|/\.|[#\\]|\?$|[^\x21-\x7e]")


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
        or href.endswith("?")
    )


@lru_cache(maxsize=64)
def _prefix(page_url: str) -> str | None:
    """``scheme://host[:port]`` of a page whose root-relative links can be joined by hand
    (the page's origin as the URL policy spells it, so the result equals ``resolve``'s)."""
    return origin_of(page_url) or None


def absolute_url(href: str | None, page_url: str) -> str | None:
    """Absolute form of ``href`` on ``page_url`` (None for non-links)."""
    if href is None:
        return None
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
