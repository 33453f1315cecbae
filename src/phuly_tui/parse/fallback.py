"""The generic extractor: title, date and body of a page no profile knows.

It never relies on a class name.  Steps:

1. prune what is never content: scripts, styles, form controls, hidden
   elements (``hidden``, ``aria-hidden``, ``display:none``), ``nav``, ``footer``,
   ``aside``, ``marquee`` and ARIA navigation/banner/footer roles;
2. the title is the visible ``<h1>`` (then ``<h2>``) that matches ``og:title`` /
   ``<title>`` (minus the site suffix), else the first visible ``<h1>``, else
   those meta titles themselves;
3. the body is the element whose child paragraphs hold the most text, weighed
   by link density (side boxes are lists of links) and by closeness to the
   title (the side column often holds more text than a short article);
4. the date line is the first short text after the title that reads as a date
   (so the header's "today" and side-box dates are never taken).

Title, date, lead and byline around a body found here are read by
:mod:`.article_parts`; the section by :mod:`.breadcrumb`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..text import clean_text, fold
from .dates import DATE_PATTERN, parse_vn_datetime
from .dom import attr, has_descendant, iter_elements, make_visible, visible_text

__all__ = [
    "BodyCandidate",
    "find_body",
    "find_date_line",
    "find_title",
    "heading_before",
    "is_leaf_block",
    "meta_title_hints",
    "prune",
]

_PRUNE_SELECTOR: Final = (
    "script,style,noscript,template,link,meta,input,button,select,textarea,nav,footer,"
    "aside,marquee,svg,canvas,[hidden],[aria-hidden=true],[role=navigation],[role=banner],"
    "[role=contentinfo],[role=complementary],[role=search],[role=menu],[role=menubar]"
)
_LEAF_BLOCK_TAGS: Final = frozenset(
    {"p", "div", "td", "li", "blockquote", "pre", "dd", "span", "font"}
)
_BLOCK_CHILDREN: Final = (
    "p,div,table,ul,ol,h1,h2,h3,h4,h5,h6,blockquote,section,article,li,tr,dl,figure,center"
)
_NEGATIVE_HINT: Final = re.compile(
    r"comment|sidebar|side|footer|menu|nav|widget|banner|ticker|marquee|related|other|"
    r"right|left|col-r|share|social|breadcrumb|header|top|advert|popup",
    re.IGNORECASE,
)
#: how many text blocks the body search looks at, at most (bounds hostile pages)
MAX_CANDIDATES: Final = 4000
_SITE_SUFFIX: Final = re.compile(r"\s+[-|–—:]\s+[^-|–—]{4,}$")


def prune(doc: LexborHTMLParser) -> None:
    """Unlink everything that is never article content (see the module doc)."""
    root = doc.root
    if root is None:
        return
    for node in root.css(_PRUNE_SELECTOR):
        node.remove()
    make_visible(root)


def meta_title_hints(doc: LexborHTMLParser) -> list[str]:
    titles: list[str] = []
    og = doc.css_first('meta[property="og:title"]')
    if og is not None:
        titles.append(clean_text(attr(og, "content")))
    head_title = doc.css_first("title")
    if head_title is not None:
        text = clean_text(head_title.text())
        titles.append(text)
        stripped = _SITE_SUFFIX.sub("", text)
        if stripped != text and len(stripped) >= 10:
            titles.append(stripped)
    return [t for t in titles if t]


def find_title(
    doc: LexborHTMLParser, meta_titles: list[str] | None = None
) -> tuple[LexborNode | None, str, str]:
    """(heading node or None, title, rule) — see the module doc."""
    hints = meta_titles if meta_titles is not None else meta_title_hints(doc)
    folded_hints = [fold(h) for h in hints]
    root = doc.body or doc.root
    if root is None:
        return None, hints[0] if hints else "", "fallback:meta title"
    first: tuple[LexborNode, str] | None = None
    for selector in ("h1", "h2", "h3"):
        for node in root.css(selector)[:200]:
            text = visible_text(node)
            if len(text) < 4:
                continue
            key = fold(text)
            if any(key == h or (len(key) >= 10 and h.startswith(key)) for h in folded_hints):
                return node, text, f"fallback:{selector} matching page title"
            if first is None and selector == "h1":
                first = (node, text)
    if first is not None:
        return first[0], first[1], "fallback:first h1"
    if hints:
        best = hints[-1] if len(hints) > 2 else hints[0]
        return None, best, "fallback:meta title"
    return None, "", "none"


@dataclass(slots=True)
class BodyCandidate:
    node: LexborNode
    score: float
    text_length: int


def is_leaf_block(node: LexborNode) -> bool:
    """True when no descendant is a block."""
    return not has_descendant(node, _BLOCK_CHILDREN)


def _scored_parent(leaf: LexborNode, length: int) -> LexborNode | None:
    """Where a leaf's text counts: list items and short cells count for the list's
    or table's container, so a body of paragraphs and lists stays one body."""
    parent = leaf.parent
    if leaf.tag == "li" and parent is not None and parent.tag in ("ul", "ol"):
        return parent.parent
    if leaf.tag == "td" and length < 200:
        table = parent
        while table is not None and table.tag != "table":
            table = table.parent
        if table is not None:
            return table.parent
    return parent


def _ancestors(node: LexborNode, limit: int = 64) -> list[int]:
    ids: list[int] = []
    current = node.parent
    while current is not None and len(ids) < limit:
        ids.append(current.mem_id)
        current = current.parent
    return ids


def _hint_penalty(node: LexborNode) -> float:
    hint = f"{attr(node, 'class') or ''} {attr(node, 'id') or ''}"
    return 0.5 if hint.strip() and _NEGATIVE_HINT.search(hint) else 1.0


def find_body(doc: LexborHTMLParser, title: LexborNode | None) -> BodyCandidate | None:
    """The element holding the article's paragraphs (see the module doc)."""
    root = doc.body or doc.root
    if root is None:
        return None
    scores: dict[int, list[float]] = {}
    nodes: dict[int, LexborNode] = {}
    considered = 0
    for leaf in root.css("p,div,td,li,blockquote,pre,dd,h2,h3,h4,span,font"):
        raw = leaf.text(deep=True, separator="", strip=True)
        if len(raw) < 25:
            continue  # cheap test first: most elements of a page hold little text
        considered += 1
        if considered > MAX_CANDIDATES:
            break  # a bound for hostile or enormous pages
        if not is_leaf_block(leaf):
            continue
        text = visible_text(leaf)
        if len(text) < 25:
            continue
        link_chars = sum(len(visible_text(a)) for a in leaf.css("a"))
        density = min(1.0, link_chars / len(text))
        if density > 0.5:
            continue
        parent = _scored_parent(leaf, len(text))
        if parent is None:
            continue
        weight = len(text) * (1.0 - density) ** 2
        entry = scores.setdefault(parent.mem_id, [0.0, 0.0])
        entry[0] += weight
        entry[1] += len(text)
        nodes[parent.mem_id] = parent
    if not scores:
        return None
    title_ancestors = _ancestors(title) if title is not None else []
    best: BodyCandidate | None = None
    for key, (score, length) in scores.items():
        node = nodes[key]
        factor = _hint_penalty(node)
        if title_ancestors:
            mine = _ancestors(node)
            common = next((i for i, a in enumerate(title_ancestors) if a in set(mine)), None)
            if key in title_ancestors:
                common = title_ancestors.index(key)
            factor *= 3.0 if common is not None and common <= 4 else 1.0
        total = score * factor
        if best is None or total > best.score:
            best = BodyCandidate(node, total, int(length))
    if best is not None and best.node.tag in ("tr", "tbody", "table"):
        cells = [c for c in best.node.css("td") if is_leaf_block(c)]
        if cells:
            richest = max(cells, key=lambda c: len(visible_text(c)))
            best = BodyCandidate(richest, best.score, len(visible_text(richest)))
    return best


def heading_before(body: LexborNode) -> LexborNode | None:
    """The nearest ``<h1>``–``<h4>`` before ``body`` (its preceding siblings, then
    its ancestors' preceding siblings): the title of a page with no usable meta title."""
    node: LexborNode | None = body
    for _ in range(6):
        if node is None:
            return None
        sibling = node.prev
        while sibling is not None:
            if sibling.tag in ("h1", "h2", "h3", "h4") and visible_text(sibling):
                return sibling
            if sibling.tag not in ("-text", "-comment"):
                inner = [h for h in sibling.css("h1, h2, h3, h4") if visible_text(h)]
                if inner:
                    return inner[-1]
            sibling = sibling.prev
        node = node.parent
    return None


def _leafish_texts(
    root: LexborNode, start: LexborNode | None, stop: LexborNode | None
) -> list[tuple[LexborNode, str]]:
    """Short visible texts of elements under ``root`` after ``start`` and before ``stop``."""
    started = start is None
    start_id = start.mem_id if start is not None else -1
    stop_id = stop.mem_id if stop is not None else -1
    found: list[tuple[LexborNode, str]] = []
    for visited, node in enumerate(iter_elements(root)):
        if node.mem_id == stop_id or visited > MAX_CANDIDATES:
            break
        if not started:
            started = node.mem_id == start_id
            continue
        if node.tag in ("a",) or not is_leaf_block(node):
            continue
        text = visible_text(node)
        if text:
            found.append((node, text))
        if len(found) > 40:
            break
    return found


def find_date_line(
    region: LexborNode, title: LexborNode | None, body: LexborNode | None
) -> tuple[str | None, str]:
    """(ISO date, source text) of the first date line after the title."""
    for node, text in _leafish_texts(region, title, body):
        del node
        if len(text) <= 100 and DATE_PATTERN.search(text):
            value = parse_vn_datetime(text)
            if value:
                return value, text
    return None, ""
