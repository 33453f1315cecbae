"""Section listing pages: items in page order, pager, page number."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..errors import ParseError
from ..model import Listing, ListingItem
from ..text import clean_text
from ..urls import is_http_url
from .breadcrumb import breadcrumb_section
from .dates import parse_vn_date_only
from .dom import attr, has_descendant, visible_text
from .links import absolute_url
from .pager import find_pager, page_from_url, read_pager
from .profile import Profile
from .profiles_match import matching_profile

__all__ = ["extract_listing"]


def _profile_items(doc: LexborHTMLParser, profile: Profile, url: str) -> list[ListingItem]:
    def sel(name: str) -> str:
        return profile.get("listing", name) or ""

    items: list[ListingItem] = []
    for node in doc.css(sel("item")):
        link = node.css_first(sel("item_title")) if sel("item_title") else None
        if link is None:
            link = node.css_first("a[href]")
        if link is None:
            continue
        item = _item(node, link, url, sel("item_date"), sel("item_summary"), sel("item_thumbnail"))
        if item is not None:
            items.append(item)
    return items


def _item(
    node: LexborNode, link: LexborNode, url: str, date_sel: str, summary_sel: str, thumb_sel: str
) -> ListingItem | None:
    title = (
        visible_text(link)
        or visible_text(node.css_first("h2,h3,h4"))
        or (attr(link, "title") or "")
    )
    href = absolute_url(attr(link, "href"), url)
    if not title or href is None or not is_http_url(href):
        return None
    date_node = node.css_first(date_sel) if date_sel else None
    published = parse_vn_date_only(visible_text(date_node)) if date_node is not None else None
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


def _generic_item(block: LexborNode, link: LexborNode, url: str) -> ListingItem | None:
    title = visible_text(link) or clean_text(attr(link, "title"))
    href = absolute_url(attr(link, "href"), url)
    if not title or href is None or not is_http_url(href):
        return None
    published = None
    summary = None
    for node in block.css("*"):
        if has_descendant(node, "div, p, span, h2, h3, h4, h5, a, li") or node.tag == "a":
            continue
        text = visible_text(node)
        if not text or text == title:
            continue
        if published is None and len(text) <= 40:
            published = parse_vn_date_only(text)
            if published is not None:
                continue
        if len(text) >= 30 and (summary is None or len(text) > len(summary)):
            summary = text
    image = block.css_first("img[src]")
    thumbnail = absolute_url(attr(image, "src"), url) if image is not None else None
    return ListingItem(title, href, published, summary, thumbnail)


def _generic_items(doc: LexborHTMLParser, url: str) -> list[ListingItem]:
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
    items: list[ListingItem] = []
    seen: set[str] = set()
    for block, link in best:
        item = _generic_item(block, link, url)
        if item is not None and item.url not in seen:
            seen.add(item.url)
            items.append(item)
    return items


def extract_listing(doc: LexborHTMLParser, url: str) -> Listing:
    """The listing on ``doc`` (ParseError when nothing list-like is found)."""
    profile = matching_profile(doc, "listing")
    selectors = profile.selectors.get("listing", {}) if profile is not None else {}
    items = _profile_items(doc, profile, url) if profile is not None else _generic_items(doc, url)
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
        section = breadcrumb_section(doc, "") or ""
    root = doc.body or doc.root
    pager_node: LexborNode | None = None
    if selectors.get("pager"):
        pager_node = doc.css_first(selectors["pager"])
    if pager_node is None and root is not None:
        pager_node = find_pager(root)
    pager = read_pager(pager_node, url, selectors)
    page = pager.current or page_from_url(url, pager.param) or page_from_url(url) or 1
    return Listing(
        url=url,
        section=section,
        page=page,
        items=tuple(items),
        next=pager.next,
        prev=pager.prev,
        last_page=pager.last_page,
    )
