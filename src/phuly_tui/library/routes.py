"""Where an address leads: URL classification by what the pages read say.

A link in an article, a deep link on the command line, a result of the search:
the app must know whether it opens the sections pane (the home page), a
section's list, a listing page, the reader (an article), a download (an
attachment), the browser (off the portal) — or nothing (an address the URL
policy refuses).  The portal's own pages say most of it: the home page's menu
names the sections, a listing's pager names the listing's other pages, an
article names its attachments.  :class:`RouteBook` keeps what the pages read
so far said; only what no page said falls back on the address itself — the
site's root and its default documents, a file's name — and any other page of
the portal goes to the reader, which reads it for what it says it is (the site
profile's match, else its shape): a listing or the home page there raises
:class:`PageElsewhereError` with the route to take instead, and a page that is
nothing readable shows its plain text.  No pattern of one template's addresses
(``/Pages/*.aspx``) is assumed.

An address of the Internet Archive's copy of a portal page
(``https://web.archive.org/web/20250628101112id_/https://phuly.hanam.gov.vn/…``)
leads to that portal page: the library reads it — from the archive too when
the portal cannot give it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import urlsplit

from ..errors import NotAnArticleError
from ..i18n import add_messages
from ..model import Home, Listing, Section, is_article
from ..urls import (
    is_file_url,
    is_portal_url,
    is_unsafe_url,
    origin_of,
    redacted,
    resolve,
    url_key,
)
from ..values import Value

__all__ = ["PageElsewhereError", "Route", "RouteBook", "RouteKind", "archived_original"]

RouteKind = Literal["home", "section", "listing", "article", "attachment", "external", "refused"]

#: the documents a web server answers for its root (IIS/SharePoint, Apache, nginx):
#: the home page under another name
_DEFAULT_DOCUMENTS: Final = frozenset(
    {
        "default.aspx",
        "pages/default.aspx",
        "default.htm",
        "default.html",
        "index.html",
        "index.htm",
        "index.php",
        "index.aspx",
    }
)


@functools.cache
def _replay() -> re.Pattern[str]:
    """``/web/<timestamp>[modifier_]/<original URL>``: a Wayback Machine replay address.

    Compiled on first use (0.3 ms): only an address on the archive's origin is
    matched against it, never one of a daily start.
    """
    return re.compile(r"^/web/\d{1,14}(?:[a-z]{2}_)?/+(.+)$", re.IGNORECASE)


_SCHEME: Final = re.compile(r"^(https?):/+", re.IGNORECASE)


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Route(Value):
    """Where an address leads (see :meth:`phuly_tui.library.Library.route`).

    ``url`` is the address to open: the portal page's own for an archived
    copy's address, the address redacted for a refused one.  ``section`` is
    the section a ``"section"`` or ``"listing"`` route shows.
    """

    kind: RouteKind
    url: str
    section: Section | None = None


add_messages(
    {
        "library.page_is_listing": (
            "Trang {url} là một danh sách tin, không phải bài viết: mở trong cột danh sách.",
            "The page {url} is a list of news, not an article: opened in the list pane.",
        ),
        "library.page_is_home": (
            "Trang {url} là trang chủ, không phải bài viết.",
            "The page {url} is the home page, not an article.",
        ),
    }
)


class PageElsewhereError(NotAnArticleError):
    """An address opened as an article is the home page or a listing, as the page
    itself says (its site profile, else its shape): ``route`` says where it goes.

    Raised by :meth:`~phuly_tui.library.Library.read_article` for a page no
    page read before had named (a deep link to a section before the menu is
    known); the app follows ``route`` instead of showing the page as an article.
    """

    def __init__(self, route: Route) -> None:
        key = "library.page_is_home" if route.kind == "home" else "library.page_is_listing"
        super().__init__(key, url=route.url)
        self.route = route


def archived_original(url: str, archive_url: str) -> str | None:
    """The original address inside a replay address of the archive at
    ``archive_url``, or None when ``url`` is none."""
    if not archive_url or origin_of(url) != origin_of(archive_url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    match = _replay().match(target)
    if match is None:
        return None
    original = match.group(1)
    scheme = _SCHEME.match(original)
    if scheme is None:
        return f"http://{original}"  # the archive also accepts the bare host
    return f"{scheme.group(1).lower()}://{original[scheme.end() :]}"


def _path_key(url: str) -> tuple[str, str]:
    """``(path, query)`` of ``url`` in the one spelling (:func:`url_key`: ``%2D`` is
    ``-``), compared without case (the portal's server ignores it) — to tell where
    an address leads; a page is stored under its key, case and all."""
    try:
        parts = urlsplit(url_key(url))
    except ValueError:
        return "", ""
    return parts.path.lower() or "/", parts.query.lower()


class RouteBook:
    """What the pages read so far say of the portal's addresses.

    Fed by the library with every value it reads (:meth:`learn`; from worker
    threads too: only single dict/set operations, no iteration).
    """

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._root = _path_key(base_url.rstrip("/") + "/")[0]
        self._homes: set[tuple[str, str]] = set()
        #: section listing addresses: (path, query) → the section
        self._sections: dict[tuple[str, str], Section] = {}
        #: other listing pages (a section's page 2, listings off the menu) → their section
        self._listings: dict[tuple[str, str], Section] = {}
        self._attachments: set[tuple[str, str]] = set()

    def learn(self, value: Any, url: str | None = None) -> None:
        """Take in what a page read says (``url``: the address it was asked by)."""
        if isinstance(value, Home):
            self._homes.add(_path_key(value.url))
            if url:
                self._homes.add(_path_key(url))
            for section in value.sections:
                self._sections[_path_key(section.url)] = section
        elif isinstance(value, Listing):
            section = Section(value.section or value.url, value.url)
            for address in (url, value.url, value.next, value.prev):
                if address:
                    self._listings.setdefault(_path_key(address), section)
        elif is_article(value):
            for attachment in value.attachments:
                self._attachments.add(_path_key(attachment.url))

    def _is_home(self, key: tuple[str, str]) -> bool:
        path, query = key
        if key in self._homes:
            return True
        root = self._root.rstrip("/")
        if query or not (path == root or path.startswith(root + "/")):
            return False
        rest = path[len(root) :].strip("/")
        return rest == "" or rest in _DEFAULT_DOCUMENTS

    def _section(self, key: tuple[str, str], shown: tuple[Section, ...]) -> Section | None:
        """The section whose listing ``key`` is: by path and query, else by path
        when the section's own address has no query (its later pages)."""
        for section in shown:
            if _path_key(section.url) == key:
                return section
        found = self._sections.get(key)
        if found is not None:
            return found
        bare = (key[0], "")
        for section in shown:
            if _path_key(section.url) == bare:
                return section
        return self._sections.get(bare) if key[1] else None

    def elsewhere(self, value: Home | Listing, url: str) -> Route:
        """Where a page read as an article but found to be ``value`` goes (never
        to the reader: that would read it again)."""
        if isinstance(value, Home):
            return Route("home", url)
        section = self._section(_path_key(url), ())
        if section is not None:
            return Route("section", url, section)
        return Route("listing", url, Section(value.section or url, url))

    def route(self, url: str, shown: tuple[Section, ...], archive_url: str) -> Route:
        """Where ``url`` leads (see :meth:`phuly_tui.library.Library.route`)."""
        if is_unsafe_url(url):
            return Route("refused", redacted(url))
        original = archived_original(url, archive_url)
        if original is not None:
            portal = resolve(original, self.base_url.rstrip("/") + "/")
            if portal is not None and is_portal_url(portal, self.base_url):
                url = portal
        if not is_portal_url(url, self.base_url):
            return Route("external", url)
        key = _path_key(url)
        if key in self._attachments:
            return Route("attachment", url)
        if self._is_home(key):
            return Route("home", url)
        section = self._section(key, shown)
        if section is not None:
            return Route("section", url, section)
        listing = self._listings.get(key)
        if listing is not None:
            return Route("listing", url, listing)
        if is_file_url(url):
            return Route("attachment", url)
        return Route("article", url)
