"""Listing pagers: next/previous links, the last page and the current page.

Works with the profile's pager node or one found by meaning (links labelled
"Trang sau"/"»"/"Next", numbered page links).  The page-number query parameter
is learnt from the pager itself — the parameter whose value equals a numbered
link's text — so ``?Page=2``, ``?trang=2`` or ``?p=2`` all work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qsl, urlsplit

from selectolax.lexbor import LexborNode

from ..urls import is_http_url
from .dom import attr, has_descendant, visible_text
from .links import absolute_url
from .meaning import label_key

__all__ = [
    "PagerInfo",
    "find_pager",
    "page_from_first_row",
    "page_from_url",
    "read_pager",
    "unescape_js",
]

NEXT_LABELS: Final = frozenset(
    {"trang sau", "sau", "tiep", "trang tiep", "tiep theo", "next", "trang ke", "ke tiep", ">",
     "»", "›", ">>", "next page", "xem tiep"}
)  # fmt: skip
PREV_LABELS: Final = frozenset(
    {"trang truoc", "truoc", "lui", "quay lai", "previous", "prev", "<", "«", "‹", "<<",
     "previous page"}
)  # fmt: skip
LAST_LABELS: Final = frozenset({"trang cuoi", "cuoi", "last", "cuoi cung", ">|", "»|"})
_PAGE_PARAMS: Final = ("page", "trang", "p", "pageindex", "pg", "paged", "currentpage", "pagenum")


@dataclass(frozen=True, slots=True)
class PagerInfo:
    next: str | None = None
    prev: str | None = None
    last_page: int | None = None
    current: int | None = None
    param: str | None = None


def _label(node: LexborNode) -> str:
    raw = node.text() or ""
    if node.tag == "a" and not raw.strip():
        # an image button: SharePoint's list views page with next.gif/prev.gif
        image = node.css_first("img")
        raw = (attr(image, "alt") if image is not None else None) or attr(node, "title") or ""
    key = label_key(raw)
    return key or raw.strip()


#: SharePoint 2013's list-view pager: ``href="javascript:"`` and the page's address in
#: ``onclick="javascript:RefreshPageTo(event, "\u002f…?Paged=TRUE\u0026p_ID=25…");…"``
_REFRESH_PAGE_TO: Final = re.compile(r"""RefreshPageTo\(\s*event\s*,\s*(["'])(.+?)\1""")
_JS_ESCAPE: Final = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")


def unescape_js(text: str) -> str:
    """A JavaScript string's ``\\uXXXX`` and ``\\xXX`` escapes undone (SharePoint writes
    addresses in scripts as ``\\u002fPages\\u002f…``)."""
    return _JS_ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), text)


def _script_target(onclick: str | None) -> str | None:
    """The address a SharePoint pager button's script goes to, its escapes undone."""
    found = _REFRESH_PAGE_TO.search(onclick) if onclick else None
    return unescape_js(found[2]) if found is not None else None


def _link_url(node: LexborNode, page_url: str) -> str | None:
    if attr(node, "aria-disabled") == "true" or "disabled" in (attr(node, "class") or "").split():
        return None
    href = attr(node, "href")
    if href is None or href.strip().lower().startswith("javascript:"):
        href = _script_target(attr(node, "onclick"))
    url = absolute_url(href, page_url)
    return url if url is not None and is_http_url(url) else None


def _query(url: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(urlsplit(url).query, keep_blank_values=True)
    except ValueError:
        return []


def page_from_url(url: str, param: str | None = None) -> int | None:
    """The page number in ``url``'s query (``param`` or a usual page parameter name)."""
    for key, value in _query(url):
        name = key.lower()
        wanted = key == param if param is not None else name in _PAGE_PARAMS
        if wanted and value.isdigit() and 0 < int(value) < 1_000_000:
            return int(value)
    return None


def find_pager(root: LexborNode) -> LexborNode | None:
    """A pager found by meaning: the smallest element holding next/prev or numbered links."""
    best: LexborNode | None = None
    for link in root.css("a, span, li"):
        raw = link.text() or ""
        if len(raw) > 20:
            continue
        key = _label(link) if link.tag == "a" else label_key(raw)  # symbols only on links
        if key in NEXT_LABELS or key in PREV_LABELS or key in LAST_LABELS:
            holder = link.parent
            while holder is not None and holder.tag in ("li", "span", "b", "strong", "font"):
                holder = holder.parent
            if holder is not None and holder.tag == "td":
                holder = _row_table(holder)
            if holder is not None and (
                best is None or holder.tag in ("div", "ul", "nav", "p", "td", "table")
            ):
                return holder
    return best


def _row_table(cell: LexborNode) -> LexborNode:
    """The table of a pager laid out one link per cell (SharePoint's list-view pager:
    previous, "7 - 12", next), else the cell itself."""
    row = cell.parent
    if row is None or row.tag != "tr" or sum(c.tag == "td" for c in row.iter()) < 2:
        return cell
    table = row.parent
    while table is not None and table.tag in ("tbody", "thead"):
        table = table.parent
    return table if table is not None else cell


_FIRST_ROW: Final = "pagefirstrow"


def _first_row(url: str | None) -> int | None:
    for key, value in _query(url) if url else ():
        if key.lower() == _FIRST_ROW and value.isdigit() and 0 < int(value) < 10_000_000:
            return int(value)
    return None


def page_from_first_row(url: str, pager: PagerInfo) -> int | None:
    """The page number of a SharePoint list view paged by row: ``?Paged=TRUE&p_ID=…&
    PageFirstRow=13`` starts at row 13; the rows per page are the distance to the next
    page's first row (or from the previous page's), so row 13 of 6 a page is page 3."""
    first = _first_row(url)
    if first is None:
        return None
    if first == 1:
        return 1
    following, preceding = _first_row(pager.next), _first_row(pager.prev)
    if following is not None and following > first:
        size = following - first
    elif preceding is not None and preceding < first:
        size = first - preceding
    else:
        return None
    return (first - 1) // size + 1


def read_pager(
    pager: LexborNode | None, page_url: str, selectors: dict[str, str] | None = None
) -> PagerInfo:
    """Everything a listing needs from its pager (all None when there is no pager)."""
    if pager is None:
        return PagerInfo()
    selectors = selectors or {}
    numbered: list[tuple[int, str]] = []
    next_url = prev_url = last_url = None
    for link in pager.css("a[href]"):
        key = _label(link)
        url = _link_url(link, page_url)
        if url is None:
            continue
        if key.isdigit():
            numbered.append((int(key), url))
        elif key in NEXT_LABELS or attr(link, "rel") == "next":
            next_url = next_url or url
        elif key in PREV_LABELS or attr(link, "rel") in ("prev", "previous"):
            prev_url = prev_url or url
        elif key in LAST_LABELS:
            last_url = url
    for name, target in (("pager_next", "next"), ("pager_prev", "prev"), ("pager_last", "last")):
        selector = selectors.get(name)
        node = pager.css_first(selector) if selector else None
        if node is not None and node.tag == "a":
            url = _link_url(node, page_url)
            if target == "next":
                next_url = url
            elif target == "prev":
                prev_url = url
            else:
                last_url = url
    param = None
    for number, url in numbered:
        for key, value in _query(url):
            if value == str(number):
                param = key
                break
        if param:
            break
    current = None
    current_selector = selectors.get("pager_current")
    current_nodes = pager.css(current_selector) if current_selector else []
    current_nodes += pager.css("[aria-current], strong, b, span.active, li.active")
    for node in current_nodes:
        text = visible_text(node)
        if text.isdigit():
            current = int(text)
            break
    if current is None:
        # by shape: the one page number that is not a link is the current page
        plain = [
            int(text)
            for node in pager.css("span, strong, b, em, font, li, div, td, a:not([href])")
            if not has_descendant(node, "*")
            for text in (visible_text(node),)
            if text.isdigit() and len(text) < 7
        ]
        if len(plain) == 1:
            current = plain[0]
    numbers = [n for n, _ in numbered] + ([current] if current else [])
    last_page = None
    if last_url is not None:
        last_page = page_from_url(last_url, param) if param else page_from_url(last_url)
    if last_page is None and numbers:
        last_page = max(numbers)
    return PagerInfo(next_url, prev_url, last_page, current, param)
