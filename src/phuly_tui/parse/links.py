"""Links as the model needs them: absolute, same-site aware, and clean.

Browsers drop tabs and newlines inside URLs and trim leading/trailing control
characters and spaces; we do the same and also strip escape sequences and
bidi controls, so no control character from a page can reach the model
through a URL.
"""

from __future__ import annotations

import re
from typing import Final

from ..text import strip_hostile
from ..urls import resolve

__all__ = ["absolute_url"]

_URL_WHITESPACE: Final = re.compile(r"[\t\n\r]")


def absolute_url(href: str | None, page_url: str) -> str | None:
    """Absolute form of ``href`` on ``page_url`` (None for non-links)."""
    if href is None:
        return None
    href = _URL_WHITESPACE.sub("", strip_hostile(href)).strip(" \x00\x0c\u00a0")
    if not href:
        return None
    url = resolve(href, page_url)
    if url is None:
        return None
    return strip_hostile(url)
