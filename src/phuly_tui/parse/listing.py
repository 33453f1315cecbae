"""Section listing pages: items in page order, pager, page number.

Items come from the site profile's selectors, else by shape: blocks with one
headline link each (``h2``–``h5``), else — for templates whose lists have no
headlines, such as a SharePoint list view (``table.ms-listviewtable``, one
``<tr>`` per item) or a plain ``<ul>`` of links with their dates — rows of one
title-like link each (:func:`row_items`), else the rows a list view drawn by
SharePoint's scripts ships as JSON (:mod:`.list_data`).  An item listed twice on a page is
listed once.  A date written without its year, ``(05/01)`` as small portals
print it, takes the year of the nearest fully dated item of the same list
(listings are newest first, so a day later than the newer neighbour's lies in
the year before it); with no fully dated item it stays None.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..errors import ParseError
from ..model import Listing, ListingItem
from ..text import clean_text
from ..urls import is_http_url
from .breadcrumb import active_menu_section, breadcrumb_section
from .dates import parse_day_month, parse_vn_date_only, split_title_date
from .dom import attr, has_descendant, visible_text
from .links import absolute_url
from .list_data import list_data
from .pager import PagerInfo, find_pager, page_from_first_row, page_from_url, read_pager
from .profile import Profile
from .profiles_match import matching_profile

__all__ = ["extract_listing", "row_items"]


#: an item and, when its date was written without a year, that date's (day, month)
Dated = tuple[ListingItem, tuple[int, int] | None]


def _with_years(dated: list[Dated]) -> list[ListingItem]:
    """The items, each date written without a year completed from its nearest fully
    dated neighbour (see the module doc); the first of two items with one URL kept."""
    full = [
        (index, date.fromisoformat(item.published))
        for index, (item, _) in enumerate(dated)
        if item.published
    ]
    items: list[ListingItem] = []
    seen: set[str] = set()
    for index, (item, day_month) in enumerate(dated):
        if item.url in seen:
            continue
        seen.add(item.url)
        if day_month is not None and full:
            published = _completed(day_month, index, full)
            if published is not None:
                item = replace(item, published=published)
        items.append(item)
    return items


def _completed(day_month: tuple[int, int], index: int, full: list[tuple[int, date]]) -> str | None:
    day, month = day_month
    newer = next((known for at, known in reversed(full) if at < index), None)
    if newer is not None:
        year = newer.year - ((month, day) > (newer.month, newer.day))
    else:
        older = next(known for at, known in full if at > index)
        year = older.year + ((month, day) < (older.month, older.day))
    try:
        return date(year, month, day).isoformat()
    except ValueError:  # 29/02 of a year that has none
        return None


def _profile_items(doc: LexborHTMLParser, profile: Profile, url: str) -> list[Dated]:
    def sel(name: str) -> str:
        return profile.get("listing", name) or ""

    items: list[Dated] = []
    for node in doc.css(sel("item")):
        link = node.css_first(sel("item_title")) if sel("item_title") else None
        if link is None:
            link = node.css_first("a[href]")
        if link is None:
            continue
        item = _item(node, link, url, sel("item_date"), sel("item_summary"), sel("item_thumbnail"))
        if item is not None:
            date_node = node.css_first(sel("item_date")) if sel("item_date") else None
            items.append((item, parse_day_month(visible_text(date_node)) if date_node else None))
    return items


def _item(
    node: LexborNode, link: LexborNode, url: str, date_sel: str, summary_sel: str, thumb_sel: str
) -> ListingItem | None:
    title, in_title = split_title_date(
        visible_text(link)
        or visible_text(node.css_first("h2,h3,h4"))
        or (attr(link, "title") or "")
    )
    href = absolute_url(attr(link, "href"), url)
    if not title or href is None or not is_http_url(href):
        return None
    date_node = node.css_first(date_sel) if date_sel else None
    published = parse_vn_date_only(visible_text(date_node)) if date_node is not None else None
    published = published or in_title
    summary_node = node.css_first(summary_sel) if summary_sel else None
    summary = visible_text(summary_node) or None
    thumb_node = node.css_first(thumb_sel) if thumb_sel else node.css_first("img[src]")
    thumbnail = absolute_url(attr(thumb_node, "src"), url) if thumb_node is not None else None
    return ListingItem(title, href, published, summary, thumbnail)


_HEADLINES = "h2 a[href], h3 a[href], h4 a[href], h5 a[href]"


def _item_block(link: LexborNode) -> LexborNode:
    """The largest ancestor of a headline link that holds no other headline."""
    block = link
    while block.parent is not None and len(block.parent.css(_HEADLINES)) <= 1:
        block = block.parent
    return block


def _is_rich(block: LexborNode) -> bool:
    """A list item links to one story and shows more than links (a picture, date, summary).

    Side boxes also have a headline, but below it a list of other stories.
    """
    if len({attr(a, "href") for a in block.css("a[href]")}) > 2:
        return False
    if block.css_first("img[src]") is not None:
        return True
    link_text = sum(len(visible_text(a)) for a in block.css("a"))
    return len(visible_text(block)) - link_text >= 8


def _generic_item(
    block: LexborNode, link: LexborNode, url: str, *, row: bool = False
) -> Dated | None:
    """The item of one block (a ``row`` of a headline-less list: see :func:`row_items`)."""
    shown = visible_text(link) or clean_text(attr(link, "title"))
    title, published = split_title_date(shown)
    href = absolute_url(attr(link, "href"), url)
    if not title or href is None or not is_http_url(href):
        return None
    day_month = None
    summary = None
    for node in block.css("*"):
        if has_descendant(node, "div, p, span, h2, h3, h4, h5, a, li") or node.tag == "a":
            continue
        text = visible_text(node)
        if not text or text in (title, shown):
            continue
        if published is None and len(text) <= 40:
            published = parse_vn_date_only(text)
            if published is not None:
                continue
            day_month = day_month or parse_day_month(text)
            if day_month is not None:
                continue
        if len(text) >= 30 and (summary is None or len(text) > len(summary)):
            summary = text
    if published is None and day_month is None and row:
        # a date written in the row itself, beside the link: "<li><a>…</a> (28/11)</li>"
        rest = visible_text(block).replace(shown, " ", 1).strip()
        published = parse_vn_date_only(rest) if len(rest) <= 60 else None
        day_month = parse_day_month(rest) if published is None else None
    image = block.css_first("img[src]")
    if row:  # a row's picture is the item's only when it links to it (not a bullet)
        image = next((i for a in block.css("a[href]") if attr(a, "href") == attr(link, "href")
                      for i in a.css("img[src]")), None)  # fmt: skip
    thumbnail = absolute_url(attr(image, "src"), url) if image is not None else None
    return ListingItem(title, href, published, summary, thumbnail), day_month


def _generic_items(doc: LexborHTMLParser, url: str) -> list[Dated]:
    """Items by shape: the container holding the most blocks with one headline link each."""
    root = doc.body or doc.root
    if root is None:
        return []
    groups: dict[int, list[tuple[LexborNode, LexborNode]]] = {}
    for link in root.css(_HEADLINES)[:400]:
        block = _item_block(link)
        if block.parent is None:
            continue
        groups.setdefault(block.parent.mem_id, []).append((block, link))
    rich = {
        key: kept
        for key, group in groups.items()
        for kept in ([(block, link) for block, link in group if _is_rich(block)],)
        if kept
    }
    if not rich:
        return []
    best = max(rich.values(), key=len)
    return [item for block, link in best for item in (_generic_item(block, link, url),) if item]


#: a link whose text has at least this many words may be an item's title (menus,
#: pagers and "Xem thêm" links have fewer)
_TITLE_WORDS: Final = 4


def row_items(doc: LexborHTMLParser, url: str) -> list[Dated]:
    """Items of a list without headlines: the group of sibling rows (``<tr>``, ``<li>``,
    ``<div>``…) that each hold one title-like link, with the most dated items, then
    the most items (a side box of links has no dates).  A group needs a date or
    three items to count."""
    root = doc.body or doc.root
    if root is None:
        return []
    titles = [a for a in root.css("a[href]")[:2000] if len(visible_text(a).split()) >= _TITLE_WORDS]
    # title links under each element, counted once by walking up from each link
    # (counting the links under every parent of every link was quadratic)
    under: dict[int, int] = {}
    for link in titles:
        node = link.parent
        while node is not None:
            under[node.mem_id] = under.get(node.mem_id, 0) + 1
            node = node.parent
    groups: dict[int, list[Dated]] = {}
    for link in titles:
        block = link
        while (
            block.parent is not None
            and block.parent.tag not in ("body", "html")
            and under.get(block.parent.mem_id) == 1
        ):
            block = block.parent
        if block.parent is None:
            continue
        item = _generic_item(block, link, url, row=True)
        if item is not None:
            groups.setdefault(block.parent.mem_id, []).append(item)

    def score(group: list[Dated]) -> tuple[int, int]:
        unique = {item.url for item, _ in group}
        dated = sum(item.published is not None or part is not None for item, part in group)
        return dated, len(unique)

    best = max(groups.values(), key=score, default=[])
    dated, count = score(best)
    return best if dated or count >= 3 else []


#: what separates a page's name from the site's in ``<title>``
_TITLE_SEPARATOR: Final = re.compile(r"\s+[-|–—]\s+")


def _named_section(doc: LexborHTMLParser) -> str:
    """A listing's name where no breadcrumb or marked menu item gives it: its ``<h1>``,
    else ``<title>`` without its last part (the site's name: "Tin hoạt động - UBND
    phường Lam Hạ"), else nothing."""
    heading = visible_text(doc.css_first("body h1"))
    if heading and len(heading) <= 80:
        return heading
    title_node = doc.css_first("title")
    title = clean_text(title_node.text()) if title_node is not None else ""
    parts = _TITLE_SEPARATOR.split(title)
    return " - ".join(parts[:-1]) if len(parts) > 1 else title


def extract_listing(doc: LexborHTMLParser, url: str) -> Listing:
    """The listing on ``doc`` (ParseError when nothing list-like is found)."""
    profile = matching_profile(doc, "listing")
    selectors = profile.selectors.get("listing", {}) if profile is not None else {}
    if profile is not None:
        dated = _profile_items(doc, profile, url)
    else:
        dated = _generic_items(doc, url) or row_items(doc, url)
    items = _with_years(dated)
    scripted = list_data(doc, url) if not items else None
    if scripted is not None:
        items = scripted.items
    if not items:
        raise ParseError()
    section = ""
    for name in ("section", "section_alt"):
        selector = selectors.get(name)
        if selector:
            section = visible_text(doc.css_first(selector))
            if section:
                break
    if not section:
        section = breadcrumb_section(doc, "") or active_menu_section(doc) or _named_section(doc)
    root = doc.body or doc.root
    pager_node: LexborNode | None = None
    if selectors.get("pager"):
        pager_node = doc.css_first(selectors["pager"])
    if pager_node is None and root is not None:
        pager_node = find_pager(root)
    pager = read_pager(pager_node, url, selectors)
    if scripted is not None:  # the rows came from the script, and so does their pager
        pager = PagerInfo(scripted.next, scripted.prev, None, scripted.page)
    page = (
        pager.current
        or page_from_url(url, pager.param)
        or page_from_url(url)
        or page_from_first_row(url, pager)
        or 1
    )
    return Listing(
        url=url,
        section=section,
        page=page,
        items=tuple(items),
        next=pager.next,
        prev=pager.prev,
        last_page=pager.last_page,
    )
