"""The parts around an article's body, read as a careful human reads them.

The generic extractor (:mod:`.fallback`) finds the body by density; this
module finds what sits around it on templates no profile knows — a
SharePoint 2010 table whose rows hold title, date, summary, body and source,
a DotNetNuke or Liferay portlet, a Bootstrap CMS — by position and by what
the text says, never by one template's class names:

* the **title** near the body when no heading matches the page title: the
  nearest title-like line before the body (a class/id meaning "title", bold,
  no full stop), skipping date lines, links and tools;
* the **date**: the first date-like text after the title inside the
  article's container, whatever element holds it; else the nearest one
  before the title; else a short date line after the body;
* the **lead**: between the title and the body, a block whose class/id means
  summary (``sapo``, ``tomtat``, ``summary``, ``lead``, ``trichyeu``,
  ``mota``, ``description``…), else a wholly bold block (the body's own first
  bold paragraph is the caller's last resort);
* a **byline** line at the top (``Tin, ảnh: …`` under the title);
* **leftovers**: every other text between the title and the body, kept as
  paragraphs in front of the body so that nothing visible is lost.

Every finder returns the node it used, so the caller can keep it out of the
body, and a rule name for ``--explain``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from selectolax.lexbor import LexborNode

from ..text import fold
from .blocks import byline_author, closing_byline
from .dates import DATE_PATTERN, parse_vn_datetime
from .dom import iter_elements, visible_text
from .fallback import MAX_CANDIDATES, is_leaf_block
from .looks import hint_words, hinted, is_centred, is_wholly_bold
from .meaning import is_tool_text, label_key

__all__ = [
    "Around",
    "DateFound",
    "PartFound",
    "date_near_title",
    "hint_words",
    "is_wholly_bold",
    "lead_between",
    "leftovers_between",
    "title_near_body",
    "top_byline",
    "within",
]

#: class/id words (split at case changes, ``-``/``_``; two neighbours may form one)
#: that mean "summary of the article"
SUMMARY_WORDS: Final = frozenset(
    {"sapo", "tomtat", "summary", "lead", "trichyeu", "mota", "description", "intro",
     "abstract", "chapeau", "teaser", "excerpt", "tomluoc", "gioithieu"}
)  # fmt: skip
#: … and "title of the article"
TITLE_WORDS: Final = frozenset({"title", "tieude", "headline", "tentin", "heading", "tit"})
#: how far up from the body the article's container may be
_CONTAINER_LEVELS: Final = 5
#: the parts of a table between a cell and its table (not levels of a layout)
_TABLE_PARTS: Final = frozenset({"tr", "tbody", "thead", "tfoot"})
_DATE_LINE_LENGTH: Final = 100
_MIN_LEAD: Final = 40
_MAX_LEAD: Final = 800
#: how many lines after the body may hold a byline or a date
_LINES_AFTER: Final = 6


@dataclass(frozen=True, slots=True)
class PartFound:
    """A node found by a rule (``rule`` is what ``--explain`` shows)."""

    node: LexborNode
    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class DateFound:
    """A date line: the ISO value, its source text, its node and the rule."""

    value: str
    text: str
    node: LexborNode
    rule: str


def _outermost_leaves(
    root: LexborNode,
    start: LexborNode | None,
    stop: LexborNode | None,
    limit: int = 0,
    images: list[tuple[int, bool, LexborNode]] | None = None,
) -> list[tuple[LexborNode, str]]:
    """Visible texts of the outermost leaf blocks under ``root`` after ``start`` (or
    from the beginning) and before ``stop`` (or to the end), in document order.

    A leaf block holds no block element; an element inside one already taken is
    not taken again (the cell, not also the span in it).  ``limit``: at most that
    many (0: all).  ``images``, when given, receives each ``<img>`` on the way as
    (index of the text it comes before — or is inside of —, inside, node).
    """
    started = start is None
    start_id = start.mem_id if start is not None else -1
    stop_id = stop.mem_id if stop is not None else -1
    inside_start: set[int] = set()
    #: every element inside a leaf taken → the index of that leaf's text (-1: none)
    covered: dict[int, int] = {}
    # the stop's ancestors come before it but hold it: a table row around a body cell
    # has no block inside (cells are not blocks) and would read as a leaf
    holding_stop = set(_ancestor_ids(stop)) if stop is not None else set()
    found: list[tuple[LexborNode, str]] = []
    for visited, node in enumerate(iter_elements(root)):
        if node.mem_id == stop_id or visited > MAX_CANDIDATES:
            break
        if node.mem_id in holding_stop:
            continue
        parent = node.parent
        parent_id = parent.mem_id if parent is not None else -1
        if not started:
            if node.mem_id == start_id:
                inside_start.add(node.mem_id)
                started = True
            continue
        if parent_id in inside_start:
            inside_start.add(node.mem_id)  # still inside the start node
            continue
        leaf = covered.get(parent_id)
        if images is not None and node.tag == "img":
            inside = leaf is not None and leaf >= 0
            images.append((leaf if leaf is not None and inside else len(found), inside, node))
        if leaf is not None:
            covered[node.mem_id] = leaf
            continue
        if node.tag == "a" or not is_leaf_block(node):
            continue
        text = visible_text(node)
        covered[node.mem_id] = len(found) if text else -1
        if text:
            found.append((node, text))
            if len(found) == limit:
                break
    return found


def _ancestor_ids(node: LexborNode) -> list[int]:
    ids: list[int] = []
    current = node.parent
    while current is not None:
        ids.append(current.mem_id)
        current = current.parent
    return ids


class Around:
    """One page's title, body and their container (``region``), with the lines
    between the title and the body read once: every rule here looks at them."""

    __slots__ = ("_between", "_images", "body", "region", "title")

    def __init__(self, region: LexborNode, title: LexborNode | None, body: LexborNode) -> None:
        self.region = region
        self.title = title
        self.body = body
        self._between: list[tuple[LexborNode, str]] | None = None
        self._images: list[tuple[int, bool, LexborNode]] = []

    @property
    def between(self) -> list[tuple[LexborNode, str]]:
        """Outermost leaf texts after the title and before the body."""
        if self._between is None:
            self._between = (
                _outermost_leaves(self.region, self.title, self.body, images=self._images)
                if self.title is not None
                else []
            )
        return self._between

    @property
    def images(self) -> list[tuple[int, bool, LexborNode]]:
        """The ``<img>`` elements after the title and before the body: (index in
        :attr:`between` of the text each comes before or is inside of, inside, node)."""
        _ = self.between
        return self._images


def _container_of(body: LexborNode) -> LexborNode:
    """``body``'s ancestor ``_CONTAINER_LEVELS`` levels up, a table's own rows and
    row groups not counted: a layout of nested tables spends three levels
    (``tr``, ``tbody``, ``table``) on what a ``div`` layout spends one, and the
    title sits in a row of an outer table."""
    node = body
    levels = 0
    while levels < _CONTAINER_LEVELS:
        if node.parent is None or node.parent.tag in ("body", "html", "form"):
            break
        node = node.parent
        if node.tag not in _TABLE_PARTS:
            levels += 1
    return node


def _link_share(node: LexborNode, text: str) -> float:
    linked = sum(len(visible_text(a)) for a in node.css("a"))
    return linked / len(text) if text else 0.0


def _is_date_line(text: str) -> bool:
    return len(text) <= _DATE_LINE_LENGTH and DATE_PATTERN.search(text) is not None


def title_near_body(body: LexborNode, hints: list[str]) -> PartFound | None:
    """The article's title when no heading gave it: a line before the body.

    Candidates are the last leaf texts before the body inside its container:
    15–300 characters, not links, not date lines, not tools or byline labels.
    One whose text is the page's meta title wins; otherwise the best by a class/id
    meaning "title", bold or heading look, no full stop at the end; the earliest
    among equals (a title comes before its lead and byline).
    """
    container = _container_of(body)
    folded_hints = {fold(h) for h in hints}
    leaves = _outermost_leaves(container, None, body)[-10:]
    best: tuple[int, LexborNode, str] | None = None
    for node, text in leaves:
        if not 15 <= len(text) <= 300 or _is_date_line(text) or is_tool_text(text):
            continue
        if byline_author(text) is not None or _link_share(node, text) > 0.5:
            continue
        if fold(text) in folded_hints:
            return PartFound(node, text, "fallback:text matching page title")
        score = 0
        if hinted(node, TITLE_WORDS, container, 2):
            score += 4
        if is_wholly_bold(node) or node.tag == "font":
            score += 2
        if not text.endswith((".", ":", ";")):
            score += 2
        if len(text) >= 30:
            score += 1
        if best is None or score > best[0]:
            best = (score, node, text)
    if best is None or best[0] < 3:
        return None
    return PartFound(best[1], best[2], "fallback:title-like line before body")


def title_atop_body(body: LexborNode) -> PartFound | None:
    """The title written as the body's own first line when no heading gave one (an
    old layout puts title, date and text in one cell): a bold or centred line of
    15–200 characters with no full stop, right above a date line."""
    leaves = _outermost_leaves(body, None, None, limit=3)
    for index, (node, text) in enumerate(leaves[:2]):
        if not 15 <= len(text) <= 200 or text.endswith((".", ":", ";")) or _is_date_line(text):
            continue
        if not (is_wholly_bold(node) or is_centred(node)):
            return None
        following = leaves[index + 1][1] if index + 1 < len(leaves) else ""
        if _is_date_line(following) and parse_vn_datetime(following) is not None:
            return PartFound(node, text, "fallback:bold line above date atop body")
        return None
    return None


def _first_date(
    lines: list[tuple[LexborNode, str]], skip: set[int]
) -> tuple[LexborNode, str, str] | None:
    for node, text in lines:
        if node.mem_id in skip or not _is_date_line(text):
            continue
        value = parse_vn_datetime(text)
        if value:
            return node, *_date_of_child(node, text, value)
    return None


def _date_of_child(node: LexborNode, text: str, value: str) -> tuple[str, str]:
    """(text, value) of the child element holding the date when it tells more than the
    whole line: ``<span>05/12/2024 | 09:45</span><span>1.032 lượt xem</span>`` reads
    "09:451.032" as a whole, so the time would be lost."""
    for child in node.iter():
        if child.tag in ("-text", "-comment"):
            continue
        child_text = visible_text(child)
        if not DATE_PATTERN.search(child_text):
            continue
        child_value = parse_vn_datetime(child_text)
        if child_value and child_value[:10] == value[:10] and len(child_value) > len(value):
            return child_text, child_value
    return text, value


def date_near_title(around: Around, skip: set[int]) -> DateFound | None:
    """The article's date line (see the module doc); ``skip``: ids of nodes that are
    not the article's (related news, other news), never searched."""
    region, title, body = around.region, around.title, around.body
    if title is not None:
        found = _first_date(around.between, skip)
        if found is not None:
            return DateFound(found[2], found[1], found[0], "fallback:date line after title")
        before = _outermost_leaves(region, None, title)
        found = _first_date(list(reversed(before)), skip)
        if found is not None:
            return DateFound(found[2], found[1], found[0], "fallback:date line before title")
    else:
        found = _first_date(list(reversed(_outermost_leaves(region, None, body))), skip)
        if found is not None:
            return DateFound(found[2], found[1], found[0], "fallback:date line before body")
    after = [
        (node, text)
        for node, text in _lines_after(region, body, skip)
        if _link_share(node, text) <= 0.3
    ]
    found = _first_date(after, skip)
    if found is not None:
        return DateFound(found[2], found[1], found[0], "fallback:date line after body")
    return None


def _lines_after(
    region: LexborNode, body: LexborNode, skip: set[int]
) -> list[tuple[LexborNode, str]]:
    """Outermost leaf texts after ``body`` inside ``region``, outside ``skip``."""
    lines: list[tuple[LexborNode, str]] = []
    node: LexborNode | None = body
    while node is not None and node.mem_id != region.mem_id and len(lines) < _LINES_AFTER:
        sibling = node.next
        while sibling is not None and len(lines) < _LINES_AFTER:
            if sibling.tag not in ("-text", "-comment") and sibling.mem_id not in skip:
                if is_leaf_block(sibling):
                    text = visible_text(sibling)
                    if text:
                        lines.append((sibling, text))
                else:
                    lines += [
                        (n, t)
                        for n, t in _outermost_leaves(
                            sibling, None, None, _LINES_AFTER - len(lines)
                        )
                        if not within(n, skip, sibling)
                    ]
            sibling = sibling.next
        node = node.parent
    return lines


def within(node: LexborNode, ids: set[int], stop: LexborNode) -> bool:
    """True when ``node`` or one of its ancestors below ``stop`` is one of ``ids``."""
    current: LexborNode | None = node
    while current is not None:
        if current.mem_id in ids:
            return True
        if current.mem_id == stop.mem_id:
            return False
        current = current.parent
    return False


def lines_after_body(around: Around, skip: set[int]) -> list[tuple[LexborNode, str]]:
    """Short lines after the body inside the container (where bylines sit)."""
    return _lines_after(around.region, around.body, skip)


def lead_between(around: Around, used: set[int]) -> PartFound | None:
    """The lead between the title and the body (see the module doc), or one that the
    template marks as the summary at the very start of the body."""
    region, body, between = around.region, around.body, around.between
    for node, text in between:
        if node.mem_id in used or len(text) < _MIN_LEAD:
            continue
        if hinted(node, SUMMARY_WORDS, region, 3):
            return PartFound(node, text, f"fallback:lead marked '{_summary_word(node, region)}'")
    for node, text in _outermost_leaves(body, None, None, 2):
        if len(text) >= _MIN_LEAD and hinted(node, SUMMARY_WORDS, body, 3):
            return PartFound(node, text, f"fallback:lead marked '{_summary_word(node, body)}'")
    for node, text in between:
        if node.mem_id in used or len(text) < _MIN_LEAD or _is_date_line(text):
            continue
        if is_wholly_bold(node):
            return PartFound(node, text, "fallback:bold block before body")
    # the sapo's classic place: the one block of text between the date line and the
    # body; with several there, which one is the lead is a guess (all become paragraphs)
    texts = [
        (node, text)
        for node, text in between
        if not within(node, used, region)
        and not _contains_any(node, used)
        and not is_tool_text(text)
        and any(ch.isalnum() for ch in text)
    ]
    if len(texts) == 1 and _MIN_LEAD <= len(texts[0][1]) <= _MAX_LEAD:
        node, text = texts[0]
        if not _is_date_line(text) and byline_author(text) is None and not _beside_image(node):
            return PartFound(node, text, "fallback:only block between date and body")
    return None


def _beside_image(node: LexborNode) -> bool:
    """``node`` shares a small box with an image (a page-image field and its caption,
    as SharePoint's article layouts put them between the title and the body): it
    tells what the picture shows, it is not the article's summary."""
    current = node.parent
    for _ in range(3):
        if current is None or len(current.text() or "") > _MAX_LEAD:
            return False
        if current.css_first("img") is not None:
            return True
        current = current.parent
    return False


def _summary_word(node: LexborNode, stop: LexborNode) -> str:
    current: LexborNode | None = node
    while current is not None and current.mem_id != stop.mem_id:
        words = hint_words(current) & SUMMARY_WORDS
        if words:
            return sorted(words)[0]
        current = current.parent
    return "summary"


def top_byline(around: Around, used: set[int]) -> PartFound | None:
    """A byline line between the title and the body (``Tin, ảnh: …`` or ``Theo …``
    under the title)."""
    for node, text in around.between:
        if node.mem_id in used or len(text) > 100:
            continue
        found = closing_byline(text)
        if found is not None:
            return PartFound(node, found[0], f"{found[1]} before body")
    return None


def leftovers_between(around: Around, used: set[int]) -> list[tuple[LexborNode, str]]:
    """Texts between the title and the body that no rule took: the caller keeps them
    as paragraphs in front of the body (nothing visible is lost)."""
    region = around.region
    kept: list[tuple[LexborNode, str]] = []
    for node, text in around.between:
        if within(node, used, region) or _contains_any(node, used):
            continue
        if is_tool_text(text) or not any(ch.isalnum() for ch in text):
            continue
        if _link_share(node, text) > 0.5 or label_key(text) in ("", "chia se"):
            continue
        kept.append((node, text))
    return kept


def _contains_any(node: LexborNode, ids: set[int]) -> bool:
    return any(n.mem_id in ids for n in node.css("*")) if ids else False
