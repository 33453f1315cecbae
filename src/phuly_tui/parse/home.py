"""The home page: main-menu sections, the "Tin nổi bật" block and each section's
block of newest articles.

Without a profile the main menu is found by shape among the page's lists
(``<ul>``), menu rows of layout tables (``<tr>``, one link a cell) and image
maps (``<map>``, one ``<area>`` a section): each with three first-level entries
or more, each a short link.  A list scores for saying it is a menu (``nav``,
``navbar``, ``menu…`` in its own or a near ancestor's class or id, ``role``),
for sub-menus (drop-downs) and for starting with a link home (an icon will do);
one in the footer loses.  The best score wins, the first in the page on a tie,
and a list with none of these marks is no menu.  Entries on other sites
("Dịch vụ công" on the province's portal) are not sections.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..errors import ParseError
from ..model import FeaturedLink, Home, Section, SectionNews
from ..text import clean_text
from ..urls import is_file_url, is_http_url, is_same_site
from .dom import attr, visible_text
from .links import absolute_url
from .meaning import FEATURED_LABELS, label_key
from .profiles_match import matching_profile

__all__ = ["extract_home"]

_HOME_LABELS = frozenset({"trang chu", "home", "trang nhat"})
#: the paths of a site's home page: "/", "/Pages/Default.aspx", "/default.asp", "/index.php"…
_HOME_PATH: Final = re.compile(
    r"(?:/pages)?(?:/(?:default|index|home|trang-?chu)(?:\.\w{2,5})?)?/?"
)


def _is_home_link(url: str, text: str) -> bool:
    """A link home: labelled so, or to a home path with no query (``/index.php?cat=5``
    is a section of a site that routes everything through ``index.php``)."""
    parts = urlsplit(url)
    if not parts.query and _HOME_PATH.fullmatch(parts.path.lower()) is not None:
        return True
    return label_key(text) in _HOME_LABELS


def _entry_link(entry: LexborNode) -> LexborNode | None:
    """The link of a menu entry: its own first link (not one of its drop-down's)."""
    if entry.tag in ("a", "area"):
        return entry if attr(entry, "href") is not None else None
    return next((c for c in entry.iter() if c.tag == "a"), None) or entry.css_first("a[href]")


def _entry_name(link: LexborNode) -> str:
    return visible_text(link) if link.tag == "a" else clean_text(attr(link, "alt"))


def _sections_from(
    entries: list[LexborNode], url: str, skip_class: str, *, same_site: bool = False
) -> list[Section]:
    sections: list[Section] = []
    seen: set[str] = set()
    for li in entries:
        if skip_class and skip_class in (attr(li, "class") or "").split():
            continue
        link = _entry_link(li)
        if link is None:
            continue
        name = _entry_name(link)
        href = absolute_url(attr(link, "href"), url)
        if not name or href is None or not is_http_url(href) or _is_home_link(href, name):
            continue
        if same_site and not is_same_site(href, url):
            continue
        if href not in seen:
            seen.add(href)
            sections.append(Section(name, href))
    return sections


#: a menu entry's name is short; longer link texts are headlines
_ENTRY_CHARS: Final = 40
_NAV_WORDS: Final = frozenset({"nav", "navbar", "navigation", "navigator", "mainnav", "topnav"})
_FOOTER_WORDS: Final = ("footer", "bottom", "chantrang")
_WORD: Final = re.compile(r"[a-z]+")


def _marks(node: LexborNode, levels: int) -> list[str]:
    """The lower-case words of the class, id and role of ``node`` and its ancestors."""
    words: list[str] = []
    current: LexborNode | None = node
    for _ in range(levels):
        if current is None or current.tag in ("body", "html"):
            break
        raw = " ".join(attr(current, name) or "" for name in ("class", "id", "role"))
        words += _WORD.findall(raw.lower())
        if current.tag == "nav":
            words.append("nav")
        current = current.parent
    return words


def _entries(container: LexborNode) -> list[LexborNode]:
    """First-level entries: a list's items, a row's cells that hold a link, a map's areas."""
    if container.tag == "map":
        return [c for c in container.iter() if c.tag == "area" and attr(c, "href") is not None]
    cell = "li" if container.tag in ("ul", "ol") else "td"
    return [c for c in container.iter() if c.tag == cell and _entry_link(c) is not None]


def _menu_score(container: LexborNode, entries: list[LexborNode], url: str) -> int:
    if len(entries) < 3:
        return 0
    names = []
    for entry in entries:
        link = _entry_link(entry)
        names.append(_entry_name(link) if link is not None else "")
    first = _entry_link(entries[0])
    home = first is not None and _is_home_link(
        absolute_url(attr(first, "href"), url) or "", names[0] or (attr(first, "title") or "")
    )
    named = [name for name in names[1:] if name] if home else [name for name in names if name]
    if len(named) < 2 or any(len(name) > _ENTRY_CHARS for name in named):
        return 0
    score = 2 if home else 0
    words = _marks(container, 4)
    if any(w.startswith("menu") or w.endswith("menu") or w in _NAV_WORDS for w in words):
        score += 3
    if container.tag in ("ul", "ol") and any(e.css_first("ul") is not None for e in entries):
        score += 2
    if score and any(w.startswith(_FOOTER_WORDS) for w in _marks(container, 6)):
        score -= 3
    return score


def _menu_by_shape(doc: LexborHTMLParser, url: str) -> list[LexborNode]:
    """First-level entries of the list that most looks like the main menu (module doc)."""
    root = doc.body or doc.root
    if root is None:
        return []
    best: list[LexborNode] = []
    best_score = 1  # a list with no mark of a menu is none
    for container in root.css("ul, tr, map")[:600]:
        entries = _entries(container)
        score = _menu_score(container, entries, url)
        if score > best_score:
            best, best_score = entries, score
    return best


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
    for heading in root.css("h1,h2,h3,h4,h5,div,span,strong,b,font,p,td,th")[:4000]:
        raw = heading.text() or ""
        if len(raw) > 40 or label_key(raw) not in FEATURED_LABELS:
            continue
        block = heading.parent
        # up from the label to the box that holds its links: in a layout table the
        # label has a row of its own, and the links are the table's next rows
        for _ in range(6):
            if block is None or block.tag in ("body", "html"):
                break
            if block.tag not in _LABEL_HOLDERS and block.css_first("a[href]") is not None:
                return block
            block = block.parent
    return None


#: what may hold a block's label without holding the block
_LABEL_HOLDERS: Final = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "span", "strong", "b", "font", "tr", "tbody"}
)


def extract_home(doc: LexborHTMLParser, url: str) -> Home:
    """The home page on ``doc`` (ParseError when neither menu nor featured news is found)."""
    profile = matching_profile(doc, "home")
    selectors = profile.selectors.get("home", {}) if profile is not None else {}
    entries = doc.css(selectors["menu_items"]) if selectors.get("menu_items") else []
    sections = _sections_from(entries, url, selectors.get("menu_skip_class", ""))
    if not sections:
        sections = _sections_from(_menu_by_shape(doc, url), url, "", same_site=True)
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
