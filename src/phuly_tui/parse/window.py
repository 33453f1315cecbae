"""Parse only the part of an article page the site profile reads: the fast lane.

On the portal the article web part is a fifth of the page's elements: the
ribbon, menus and ticker come before it, a side column and the footer after
it, and the profile's article selectors (its root, and the breadcrumb for the
section) read none of them.  :func:`article_window` cuts that part out of the
bytes — from the breadcrumb (or the root) to the end of the root element,
found by counting the root's tag — and the caller parses only that.

The result must be the one the whole page gives, so the cut is refused (None:
parse the whole page) unless it provably or very nearly provably cannot
matter:

* the end: a parser never changes an element's subtree once the element is
  closed, so the cut is harmless when every node read was closed before it.
  A sentinel element appended after the cut proves that from the tree itself
  (:func:`closed_before_cut`): a miscount — a ``</div>`` in a comment, a tag
  left open — only sends the page to the whole-page parse;
* the start: the window must begin in plain body content.  The markup before
  it is counted (:func:`_context`) for anything that changes how the rest is
  parsed when left open — comments, scripts and other raw text, tables,
  forms, formatting elements the parser would re-open, and so on — and the
  window gets the page's own doctype, so quirks mode is the same;
* first matches: the window begins at or before the first occurrence of the
  root's and the breadcrumb's class names, so ``css_first`` finds the same
  element; in quirks mode, where class names match case-insensitively, the
  sentinel's probe class refuses the window.

``tests/unit/test_parse_window.py`` checks every portal article and a corpus
of hostile edits around the article against the whole-page parse.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .profile import Profile

__all__ = ["SENTINEL_ID", "article_window", "closed_before_cut"]

SENTINEL_ID: Final = "phuly-tui-window-end"
#: the class doubles as a probe: ``.q`` matches ``class="Q"`` only in quirks mode, where
#: class names match case-insensitively and the byte search for them would not do
_SENTINEL_ID_BYTES: Final = SENTINEL_ID.encode("ascii")
_SENTINEL: Final = f'<div id="{SENTINEL_ID}" class="Q"></div>'.encode("ascii")
_SIMPLE_SELECTOR: Final = re.compile(r"([a-z][a-z0-9]*)([.#])([A-Za-z_][-\w]*)")
_FIRST_ANCHOR: Final = re.compile(r"(?:[a-z][a-z0-9]*)?[.#]([A-Za-z_][-\w]*)(?=[\s.#:\[>+~]|$)")
#: start and end tags whose being left open changes how what follows is parsed
_STATE_TAGS: Final = re.compile(
    rb"<(?:!--|/?(?:[abipsu]|em|tt|big|code|font|nobr|form|ul|ol|dl|h[1-6]|button|object|applet"
    rb"|marquee|math|xmp|iframe|plaintext|s(?:cript|tyle|vg|elect|mall|trike|trong)"
    rb"|t(?:extarea|itle|emplate|able)|no(?:embed|frames|script))(?=[\s/>]))"
)
_NAME_CHARS: Final = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


@lru_cache(maxsize=8)
def _root_shape(selector: str) -> tuple[bytes, bytes, re.Pattern[bytes]] | None:
    """(tag, marker, tag pattern) of a ``tag.class`` / ``tag#id`` selector, else None."""
    match = _SIMPLE_SELECTOR.fullmatch(selector.strip())
    if match is None:
        return None
    tag = match[1].encode("ascii")
    tags = re.compile(rb"<(/?)" + re.escape(tag) + rb"(?=[\s/>])", re.IGNORECASE)
    return tag, match[3].encode("ascii"), tags


def _root_start(data: bytes, tag: bytes, marker: bytes) -> int:
    """Offset of the first ``<tag …marker…>`` start tag whose attributes hold ``marker``
    as a whole word, or -1."""
    at = data.find(marker)
    while at >= 0:
        end = at + len(marker)
        start = data.rfind(b"<", 0, at)
        if (
            start >= 0
            and data[at - 1] not in _NAME_CHARS
            and (end >= len(data) or data[end] not in _NAME_CHARS)
            and data.find(b">", start, at) < 0
            and data[start + 1 : start + 1 + len(tag)].lower() == tag
            and data[start + 1 + len(tag)] not in _NAME_CHARS
        ):
            return start
        at = data.find(marker, end)
    return -1


def _anchor(selector: str | None) -> bytes | None:
    """The class or id its first compound names, for ``.a .b``-like selectors."""
    if not selector:
        return None
    match = _FIRST_ANCHOR.match(selector.strip())
    return match[1].encode("ascii") if match is not None else None


def _in_text(data: bytes, at: int) -> bool:
    """True when offset ``at`` (a ``<``) starts a tag after plain text, not inside one."""
    last = data.rfind(b">", 0, at)
    between = data[last + 1 : at]
    return b'"' not in between and b"'" not in between and b"<" not in between


def _context(prefix: bytes) -> bytes | None:
    """Markup that puts a parser where parsing ``prefix`` leaves it, or None.

    That is nothing when the prefix leaves only ordinary containers open, and
    ``<form>`` when a form is open (SharePoint wraps the page in one; an open
    form makes the parser ignore nested ``<form>`` tags).  None — no window —
    when a comment or raw-text, foreign, table, select, template or list
    element, a paragraph, heading or button is left open, or a formatting
    element (``<a>``, ``<b>``, ``<i>``…) that the parser would re-open inside
    everything that follows.  Tags are counted, not parsed: a miscount can
    only refuse a window the page would have allowed.
    """
    lowered = prefix.lower()
    counts = Counter(_STATE_TAGS.findall(lowered))
    if counts[b"<!--"] and counts[b"<!--"] != lowered.count(b"-->"):
        return None
    opened = [
        name
        for name, count in counts.items()
        if name[1] not in b"/!" and counts[b"</" + name[1:]] < count
    ]
    if not opened:
        return b""
    return b"<form>" if opened == [b"<form"] else None


def _doctype(data: bytes) -> bytes:
    """The document type declaration ``data`` starts with (it sets the quirks mode)."""
    head = data[:16].lstrip().lower()
    if not head.startswith(b"<!doctype"):
        return b""
    return data[: data.find(b">") + 1]


def article_window(data: bytes, profile: Profile) -> bytes | None:
    """The part of ``data`` the profile's article selectors read, plus a sentinel;
    None when it cannot be cut out safely (the caller then parses the whole page)."""
    selector = profile.get("article", "root")
    shape = _root_shape(selector) if selector else None
    if shape is None:
        return None
    tag, marker, tags = shape
    start = _root_start(data, tag, marker)
    if start < 0:
        return None
    begin = start
    section = _anchor(profile.get("article", "section"))
    if section is not None:
        found = data.find(section)
        if 0 <= found < start:
            begin = data.rfind(b"<", 0, found)
    doctype = _doctype(data)
    if begin <= len(doctype) or data.find(marker) < begin or not _in_text(data, begin):
        return None
    context = _context(data[len(doctype) : begin])
    if context is None:
        return None
    depth = 0
    for match in tags.finditer(data, start):
        depth += -1 if match[1] else 1
        if depth == 0:
            close = data.find(b">", match.end())
            if close < 0:
                return None
            cut = close + 1
            if len(data) - cut + begin < 1024 or data.find(_SENTINEL_ID_BYTES, begin, cut) >= 0:
                return None  # nothing worth skipping, or a page that names our sentinel
            return b"".join((doctype, context, data[begin:cut], _SENTINEL))
    return None


def closed_before_cut(doc: LexborHTMLParser, nodes: Iterable[LexborNode]) -> bool:
    """True when none of ``nodes`` holds the sentinel, i.e. all were closed before the
    cut and have their final subtree (False also when the sentinel got lost)."""
    last = doc.root
    if last is None:
        return False
    while (child := last.last_child) is not None:
        last = child  # the sentinel is the last node, unless something swallowed it
    if last.attributes.get("id") != SENTINEL_ID or last.css_first(".q") is not None:
        return False
    holders: set[int] = set()
    node: LexborNode | None = last.parent
    while node is not None:
        holders.add(node.mem_id)
        node = node.parent
    return not any(n.mem_id in holders for n in nodes)
