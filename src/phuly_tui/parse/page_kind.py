"""Which kind of page is this: home, listing or article?"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from .fallback import prune
from .pager import find_pager
from .profiles_match import matching_profile

__all__ = ["detect_kind"]

PageKind = Literal["home", "listing", "article"]


def detect_kind(doc: LexborHTMLParser, url: str) -> PageKind:
    """Home by URL (``/``, ``Default.aspx``) or profile; then article/listing by profile.

    Pages no profile knows are read as articles when they hold no list of
    headline links, else as listings.
    """
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        path = ""
    if path in ("", "/", "/pages/default.aspx", "/default.aspx"):
        return "home"
    if matching_profile(doc, "error") is not None or matching_profile(doc, "article") is not None:
        return "article"
    if matching_profile(doc, "listing") is not None:
        return "listing"
    if matching_profile(doc, "home") is not None:
        return "home"
    prune(doc)  # hidden title rows and menus must not count below
    root = doc.body or doc.root
    if root is not None and root.css_first("h1") is None:
        headlines = len(root.css("h2 a[href], h3 a[href], h4 a[href]"))
        if headlines >= 5 or (headlines >= 1 and find_pager(root) is not None):
            return "listing"
    return "article"
