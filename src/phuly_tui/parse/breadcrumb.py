"""The section of a page: its breadcrumb, else the menu item marked active.

A breadcrumb is a trail of links that starts with a "Trang chủ" (home) link,
whatever its markup: spans with » › > / | between them (SharePoint, DotNetNuke),
an ``ol``/``ul`` whose separators are drawn by CSS (Bootstrap, Liferay), a home
link that is only an icon.  The section is its last step that is neither the
page's own title nor a generic page name ("Chi tiết tin").  A trail the markup
calls a breadcrumb comes first, then one written with separators, then a flat
list (which may as well be a menu no class names).  Without a
breadcrumb, the main menu's item marked active (``active``, ``current``,
``selected`` in its class, ``aria-current``) names the section.

Both are read before the generic extractor prunes menus and ``<nav>``.
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..text import fold
from .dom import attr, has_descendant, hint_tokens, visible_text
from .meaning import label_key

__all__ = [
    "active_menu_section",
    "breadcrumb_section",
    "breadcrumb_trails",
    "section_from_trail",
    "section_from_trails",
]

_BREADCRUMB_SEPARATORS = ("»", "›", ">", "/", "|", "→", "•", "\u00bb", "\u203a")
#: a separator standing between two steps (not the "/" of "2/9" in a title)
_SEPARATOR: Final = re.compile(r"(?:^|\s)[»›>/|→•](?:\s|$)")
_HOME_LABELS: Final = frozenset({"trang chu", "home", "trang nhat", "trang chinh"})
#: names of the article page itself, never a section
_PAGE_NAMES: Final = frozenset(
    {"chi tiet", "chi tiet tin", "tin chi tiet", "noi dung chi tiet", "xem chi tiet",
     "chi tiet bai viet", "noi dung", "bai viet", "chi tiet tin tuc", "tin tuc chi tiet",
     "xem tin", "doc tin"}
)  # fmt: skip
_TRAIL_TAGS: Final = frozenset({"ol", "ul", "nav", "div", "span", "p", "td", "li"})
_ACTIVE_WORDS: Final = frozenset(
    {"active", "current", "selected", "activated", "here", "currentmenuitem", "currentpageitem"}
)  # fmt: skip
_MENU_WORDS: Final = frozenset(
    {"menu", "nav", "navbar", "mainmenu", "topmenu", "megamenu", "navigation", "menubar"}
)  # fmt: skip
_NOT_MENU_WORDS: Final = frozenset({"tab", "tabs", "pagination", "pager", "paging", "breadcrumb"})
#: links that may be a home link (every home label holds "trang" or "home", whatever
#: its case and its Unicode form), found by the selector engine, not one by one
_HOME_CANDIDATES: Final = (
    'a[href]:lexbor-contains("trang" i),a[href]:lexbor-contains("home" i),a[href="/"],'
    'a[href][title*="trang" i],a[href][title*="home" i],a[href][aria-label*="trang" i],'
    'a[href][aria-label*="home" i]'
)
_ACTIVE_SELECTOR: Final = (
    "[class*=activ i],[class*=current i],[class*=select i],[class*=here i],"
    "[aria-current=page],[aria-current=true]"
)


def _words(node: LexborNode) -> set[str]:
    """The class/id words of ``node``, and each word joined to the two after it
    (``main-menu-bar`` → main, menu, bar, mainmenubar, menubar)."""
    tokens = hint_tokens(node)
    return set(tokens) | {"".join(tokens[i : i + 3]) for i in range(len(tokens))}


def _is_home_link(link: LexborNode) -> bool:
    raw = link.text() or ""
    if len(raw) > 30:
        return False
    first = next((ch for ch in raw if ch.isalnum()), "")
    if first and first not in "TtHh":
        return False  # every home label starts with t or h: no fold needed for the rest
    key = label_key(raw)
    if key in _HOME_LABELS:
        return True
    title = attr(link, "title") or attr(link, "aria-label") or ""
    if not key and label_key(title) in _HOME_LABELS:
        return True
    href = (attr(link, "href") or "").strip()
    # a home link drawn as an icon: no text, pointing at the site's root
    return not key and href in ("/", "./", "~/") and link.css_first("i,img,span,svg") is not None


def breadcrumb_trails(doc: LexborHTMLParser) -> list[list[str]]:
    """The steps after "Trang chủ" of every trail on the page that reads as a
    breadcrumb, in page order (a menu's home link can look like one; the caller
    takes the first trail that names a section)."""
    root = doc.body or doc.root
    if root is None:
        return []
    strip = "".join(_BREADCRUMB_SEPARATORS) + " "
    marked: list[list[str]] = []
    separated: list[list[str]] = []
    # a flat list may be a breadcrumb drawn by CSS, or a menu no class names: a trail
    # written with separators, or one the markup calls a breadcrumb, comes first
    listed: list[list[str]] = []
    for home in root.css(_HOME_CANDIDATES):
        if not _is_home_link(home):
            continue
        trail = home.parent
        for _ in range(4):
            if trail is None:
                break
            text = trail.text() or ""
            if len(text) > 400:
                break
            if _says_menu(trail):
                break  # a menu's home link (SharePoint's menu sits in ms-breadcrumb-box)
            hinted = _marked_breadcrumb(trail)
            separators = _SEPARATOR.search(text) is not None
            if hinted or separators or _plain_list(trail):
                names = _trail_names(trail, home, strip)
                if names:
                    if hinted or _marked_breadcrumb(trail.parent):
                        marked.append(names)
                    else:
                        (separated if separators else listed).append(names)
                    break
            if trail.tag not in _TRAIL_TAGS:
                break
            trail = trail.parent
        if len(marked) + len(separated) + len(listed) >= 4:
            break
    return marked + separated + listed


def _says_menu(node: LexborNode) -> bool:
    """A list whose own class, id or role says "menu" (``ul.ms-core-listMenu-root``),
    or a table cell that does (``td.menu``: an old layout's menu row, its links
    separated by " | " like a breadcrumb's steps)."""
    if node.tag not in ("ul", "ol", "td"):
        return False
    if attr(node, "role") in ("menu", "menubar", "navigation"):
        return True
    words = _words(node)
    return bool(words & _MENU_WORDS) and not words & _NOT_MENU_WORDS


def _marked_breadcrumb(node: LexborNode | None) -> bool:
    """The markup says "breadcrumb" (class, id, ARIA label, schema.org type)."""
    if node is None or node.tag in ("body", "html", "form"):
        return False
    raw = " ".join(
        attr(node, name) or "" for name in ("class", "id", "itemtype", "itemprop", "aria-label")
    ).lower()
    return "breadcrumb" in raw or "duongdan" in raw or "duong-dan" in raw


def _plain_list(node: LexborNode) -> bool:
    """A flat list of a few items (a breadcrumb drawn by CSS), not a menu: no
    sub-menus, and nothing around it says "menu" or "navigation bar"."""
    if node.tag not in ("ol", "ul"):
        return False
    items = node.css("li")
    if not 2 <= len(items) <= 8 or node.css_first("li ul, li ol") is not None:
        return False
    return not _in_menu(node)


def _trail_names(trail: LexborNode, home: LexborNode, strip: str) -> list[str]:
    names: list[str] = []
    after_home = False
    for node in trail.css("a, span, li, strong, b, em"):
        if node.mem_id == home.mem_id:
            after_home = True
            continue
        if not after_home or has_descendant(node, "a, span, li, strong, b, em"):
            continue
        name = visible_text(node).strip(strip)
        if not name or label_key(name) in _HOME_LABELS:
            continue
        if not names or names[-1] != name:
            names.append(name)
    return names


def section_from_trails(trails: list[list[str]], title: str) -> str | None:
    """The section the first breadcrumb that names one names (see :func:`section_from_trail`)."""
    for names in trails:
        section = section_from_trail(names, title)
        if section is not None:
            return section
    return None


def section_from_trail(names: list[str] | None, title: str) -> str | None:
    """The section a breadcrumb names: its last step that is not the page itself."""
    if not names:
        return None
    folded_title = fold(title)
    for name in reversed(names):
        key = label_key(name)
        if key in _PAGE_NAMES or name == title:
            continue
        stem = fold(name.rstrip(".… "))
        if name.endswith(("...", "…")) and folded_title.startswith(stem):
            continue  # the title, shortened
        if len(name) > 120:
            continue
        return name
    return None


def breadcrumb_section(doc: LexborHTMLParser, title: str) -> str | None:
    """Section from a breadcrumb found by meaning: the trail after "Trang chủ"."""
    return section_from_trails(breadcrumb_trails(doc), title)


def active_menu_section(doc: LexborHTMLParser) -> str | None:
    """The main menu's item marked active (the deepest one: a sub-menu's item comes
    after its parent), or None."""
    root = doc.body or doc.root
    if root is None:
        return None
    found: str | None = None
    for node in root.css(_ACTIVE_SELECTOR)[:200]:
        if attr(node, "aria-current") is None and not (_words(node) & _ACTIVE_WORDS):
            continue
        if not _in_menu(node):
            continue
        link = node if node.tag == "a" else node.css_first("a")
        text = visible_text(link if link is not None else node)
        if not text or len(text) > 60 or text.isdigit() or label_key(text) in _HOME_LABELS:
            continue
        found = text
    return found


def _in_menu(node: LexborNode) -> bool:
    """``node`` sits in a menu: the nearest ancestor (six levels at most) that says
    "menu" or "breadcrumb/tabs/pager" decides.  SharePoint 2013's master page holds
    its top menu in ``div.ms-breadcrumb-box``: the menu's own marks, nearer, win."""
    current: LexborNode | None = node
    menu = False
    for _ in range(6):
        if current is None:
            break
        words = _words(current)
        if words & _NOT_MENU_WORDS:
            return menu
        if attr(current, "role") in ("navigation", "menu", "menubar"):
            menu = True
        if current.tag == "nav" and not _marked_breadcrumb(current):
            menu = True
        if words & _MENU_WORDS:
            menu = True
        current = current.parent
    return menu
