"""Which kind of page is this: home, listing or article?"""

from __future__ import annotations

from typing import Final, Literal
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .fallback import prune
from .list_data import has_list_data
from .listing import row_items
from .pager import find_pager, read_pager
from .profiles_match import matching_profile

__all__ = ["detect_kind"]

PageKind = Literal["home", "listing", "article"]


def detect_kind(doc: LexborHTMLParser, url: str) -> PageKind:
    """Home by URL (``/``, ``Default.aspx``) or profile; then article/listing by profile.

    Pages no profile knows are read as articles when they hold no list of
    headline links, else as listings; a page with a pager whose items have no
    headlines (a SharePoint list view, a ``<ul>`` of dated links) is a listing
    when three of those items carry a date.
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
    if has_list_data(doc):  # a list view drawn by scripts (read before scripts are pruned)
        return "listing"
    prune(doc)  # hidden title rows and menus must not count below
    root = doc.body or doc.root
    if root is not None and root.css_first("h1") is None:
        headlines = len(root.css("h2 a[href], h3 a[href], h4 a[href]"))
        if headlines >= 5 or (headlines >= 1 and find_pager(root) is not None):
            return "listing"
    if root is not None and _pages_on(root, url):
        dated = [item for item, day_month in row_items(doc, url) if item.published or day_month]
        if len(dated) >= 3 and not any(len(p.text()) >= _PROSE for p in root.css("p")):
            return "listing"
    return "article"


#: a paragraph this long is an article's prose, never a headline-less list's
_PROSE: Final = 200


def _pages_on(root: LexborNode, url: str) -> bool:
    """A pager that leads on: a "next" link or page numbers (an article's
    "Quay lại" back link is a "previous" link only)."""
    pager = read_pager(find_pager(root), url)
    return pager.next is not None or pager.last_page is not None
