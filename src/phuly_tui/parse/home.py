"""The home page: main-menu sections, the "Tin nổi bật" block and each section's
block of newest articles."""

from __future__ import annotations

from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..errors import ParseError
from ..model import FeaturedLink, Home, Section, SectionNews
from ..urls import is_file_url, is_http_url, is_same_site
from .dom import attr, visible_text
from .links import absolute_url
from .meaning import FEATURED_LABELS, label_key
from .profiles_match import matching_profile

__all__ = ["extract_home"]

_HOME_LABELS = frozenset({"trang chu", "home", "trang nhat"})


def _is_home_link(url: str, text: str) -> bool:
    path = urlsplit(url).path.lower()
    return (
        path in ("", "/", "/pages/default.aspx", "/default.aspx") or label_key(text) in _HOME_LABELS
    )


def _sections_from(entries: list[LexborNode], url: str, skip_class: str) -> list[Section]:
    sections: list[Section] = []
    seen: set[str] = set()
    for li in entries:
        if skip_class and skip_class in (attr(li, "class") or "").split():
            continue
        link = next((c for c in li.iter() if c.tag == "a"), None) or li.css_first("a[href]")
        if link is None:
            continue
        name = visible_text(link)
        href = absolute_url(attr(link, "href"), url)
        if not name or href is None or not is_http_url(href) or _is_home_link(href, name):
            continue
        if href not in seen:
            seen.add(href)
            sections.append(Section(name, href))
    return sections


def _menu_by_shape(doc: LexborHTMLParser) -> list[LexborNode]:
    """First-level entries of the first list that starts with a link home."""
    root = doc.body or doc.root
    if root is None:
        return []
    for ul in root.css("ul"):
        entries = [c for c in ul.iter() if c.tag == "li"]
        if len(entries) < 3:
            continue
        first = entries[0].css_first("a[href]")
        if first is None:
            continue
        href = attr(first, "href") or ""
        if _is_home_link(
            absolute_url(href, "http://x/") or "",
            visible_text(first) or (attr(first, "title") or ""),
        ):
            return entries
    return []


def _featured_from(container: LexborNode, url: str) -> list[FeaturedLink]:
    order: list[str] = []
    titles: dict[str, str] = {}
    for link in container.css("a[href]"):
        href = absolute_url(attr(link, "href"), url)
        if href is None or not is_http_url(href):
            continue
        title = visible_text(link)
        if href not in titles:
            order.append(href)
            titles[href] = title
        elif not titles[href]:
            titles[href] = title
    return [
        FeaturedLink(titles[h], h)
        for h in order
        if titles[h] and label_key(titles[h]) not in FEATURED_LABELS
    ]


def _featured_by_meaning(doc: LexborHTMLParser) -> LexborNode | None:
    root = doc.body or doc.root
    if root is None:
        return None
    for heading in root.css("h1,h2,h3,h4,h5,div,span,strong,p")[:4000]:
        raw = heading.text() or ""
        if len(raw) > 40 or label_key(raw) not in FEATURED_LABELS:
            continue
        block = heading.parent
        while block is not None and block.tag in ("h1", "h2", "h3", "h4", "h5", "span", "strong"):
            block = block.parent
        if block is not None and len(block.css("a[href]")) >= 1:
            return block
    return None


def extract_home(doc: LexborHTMLParser, url: str) -> Home:
    """The home page on ``doc`` (ParseError when neither menu nor featured news is found)."""
    profile = matching_profile(doc, "home")
    selectors = profile.selectors.get("home", {}) if profile is not None else {}
    entries = doc.css(selectors["menu_items"]) if selectors.get("menu_items") else []
    sections = _sections_from(entries, url, selectors.get("menu_skip_class", ""))
    if not sections:
        sections = _sections_from(_menu_by_shape(doc), url, "")
    container = doc.css_first(selectors["featured"]) if selectors.get("featured") else None
    if container is None:
        container = _featured_by_meaning(doc)
    featured = _featured_from(container, url) if container is not None else []
    if not sections and not featured:
        raise ParseError()
    news = _news_of(doc, sections, url)
    return Home(url=url, sections=tuple(sections), featured=tuple(featured), news=news)


_HEADINGS = "h1 a[href], h2 a[href], h3 a[href], h4 a[href], h5 a[href]"


def _news_of(doc: LexborHTMLParser, sections: list[Section], url: str) -> tuple[SectionNews, ...]:
    """Each section's newest articles, by shape: a heading that links to a menu
    section heads the smallest block around it that holds other links — the
    section's articles (pages of the portal, not files, not sections).  A block
    that heads another section too is no one's (its links could be either's)."""
    wanted = {s.url for s in sections}
    root = doc.body or doc.root
    if root is None or not wanted:
        return ()
    news: dict[str, list[str]] = {}
    for link in root.css(_HEADINGS)[:200]:
        section = absolute_url(attr(link, "href"), url)
        if section not in wanted or section in news:
            continue
        articles = _block_articles(link, section, wanted, url)
        if articles:
            news[section] = articles
    return tuple(SectionNews(section, tuple(urls)) for section, urls in news.items())


def _block_articles(link: LexborNode, section: str, wanted: set[str], url: str) -> list[str]:
    block = link.parent
    while block is not None and block.tag not in ("body", "html"):
        hrefs = [absolute_url(attr(a, "href"), url) for a in block.css("a[href]")]
        others = [h for h in hrefs if h is not None and h != section]
        if others:
            if any(h in wanted for h in others):
                return []  # the block of several sections
            pages = (h for h in others if is_http_url(h) and not is_file_url(h))
            return list(dict.fromkeys(h for h in pages if is_same_site(h, url)))
        block = block.parent
    return []
