"""Finding page parts by what they say, not by their class names.

A block headed "Tin liên quan" is the related news wherever it sits and
whatever its classes are; "Tải về" / "File đính kèm" heads the attachments;
"Các tin khác" is other news (never body text) — a heading of its own, or the
first words of a box of links ("Tải về: <a>…</a>"); "Lượt xem", "In bài viết",
"Gửi email" are page tools.  Labels are compared on folded text (lower case,
no diacritics, punctuation trimmed), so NFD pages and unaccented variants match.
Regions searched here must have been through :func:`.dom.make_visible`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from selectolax.lexbor import LexborNode

from ..text import clean_text
from ..urls import is_http_url
from .dates import parse_vn_date_only, split_title_date
from .dom import attr, text_of
from .folding import ascii_fold, fast_fold
from .links import absolute_url

if TYPE_CHECKING:
    # the article side of the model: imported by the two functions that build
    # them, as the home page and the listings (which use this module too) need neither
    from ..model import Attachment, RelatedLink

__all__ = [
    "ATTACHMENT_LABELS",
    "FEATURED_LABELS",
    "OTHER_LABELS",
    "RELATED_LABELS",
    "LabelledBlock",
    "attachment_links",
    "find_labelled",
    "is_tool_text",
    "label_key",
    "mentions_label",
    "related_links",
]

RELATED_LABELS: Final = frozenset(
    {"tin lien quan", "bai lien quan", "tin bai lien quan", "cac tin lien quan",
     "bai viet lien quan", "cac bai lien quan", "tin tuc lien quan"}
)  # fmt: skip
ATTACHMENT_LABELS: Final = frozenset(
    {"tai ve", "file dinh kem", "tai lieu dinh kem", "tep dinh kem", "van ban dinh kem",
     "tap tin dinh kem", "dinh kem", "tai lieu tai ve", "tai file", "download", "attachments",
     "file dinh kem tai ve", "tai ve file dinh kem"}
)  # fmt: skip
OTHER_LABELS: Final = frozenset(
    {"cac tin khac", "tin khac", "cac bai khac", "tin cung chuyen muc", "bai viet khac",
     "tin da dua", "cac tin da dua", "tin moi hon", "tin cu hon", "cac tin cu hon",
     "cac bai viet khac", "tin tuc khac", "xem them tin khac"}
)  # fmt: skip
FEATURED_LABELS: Final = frozenset({"tin noi bat", "tin tieu diem", "tieu diem", "noi bat"})
_TOOL_PREFIXES: Final = ("luot xem", "so luot xem", "luot doc")
_TOOL_TEXTS: Final = frozenset(
    {"in bai viet", "in bai", "in trang", "ban in", "gui email", "gui e-mail", "gui mail",
     "email", "chia se", "chia se facebook", "facebook", "zalo", "twitter", "ve dau trang",
     "tro ve", "quay lai", "in", "print", "share", "len dau trang", "gui cho ban be",
     "luu bai viet", "phan hoi"}
)  # fmt: skip
#: link texts that say "download" rather than name the file
_DOWNLOAD_TEXTS: Final = frozenset(
    {"tai ve", "tai xuong", "download", "xem", "xem file", "tai file", "tai", "xem chi tiet",
     "xem van ban", "file", "tep", "tai tep"}
)  # fmt: skip
_MORE_TEXTS: Final = frozenset({"xem them", "xem tat ca", "more", "xem tiep", "chi tiet"})
_HEADING_CANDIDATES: Final = "h1,h2,h3,h4,h5,h6,strong,b,span,div,p,legend,caption,th,td,dt,label,a"
_HEADING_TAGS: Final = frozenset(_HEADING_CANDIDATES.split(","))
_MAX_CANDIDATES: Final = 4000
#: above this many characters the candidate walk (bounded) is cheaper than the prefilter
_PREFILTER_LIMIT: Final = 200_000
#: elements whose own text may start with a label ("Tải về: …") followed by links
_INLINE_LABEL_HOLDERS: Final = frozenset({"div", "p", "td", "li", "span", "dd"})
_LINK_CONTAINERS: Final = frozenset({"ul", "ol", "div", "table", "dl", "section", "p", "nav"})


@lru_cache(maxsize=16)
def _label_pattern(labels: frozenset[str]) -> re.Pattern[str] | None:
    """One search for any of ``labels`` in folded text, whatever whitespace separates
    their words (so the text need not be whitespace-collapsed first); None unless
    every label is words joined by single spaces."""
    if not labels or any(label != " ".join(label.split()) or not label for label in labels):
        return None
    # a label holding another one adds nothing to "does any occur": leave it out
    cores = sorted(a for a in labels if not any(b != a and b in a for b in labels))
    return re.compile("|".join(r"\s+".join(map(re.escape, core.split())) for core in cores))


def mentions_label(raw: str, labels: frozenset[str]) -> bool:
    """Cheap test: does any of ``labels`` occur in ``raw`` once folded and its
    whitespace collapsed?"""
    pattern = _label_pattern(labels)
    if pattern is None:
        everything = " ".join(ascii_fold(raw).split())
        return any(label in everything for label in labels)
    return pattern.search(ascii_fold(raw)) is not None


def label_key(text: str) -> str:
    """Folded, trimmed form of a short label: ``"» Tin liên quan:"`` → ``"tin lien quan"``."""
    return _strip_non_word_edges(fast_fold(clean_text(text)))


def _strip_non_word_edges(text: str) -> str:
    r"""``text`` without its leading and trailing runs of non-word characters.

    What ``re.sub(r"^[\W_]+|[\W_]+$", "", text)`` gives for newline-free text
    (``\w`` is ``str.isalnum()`` or ``_``), without trying the pattern at every
    position of a long title.
    """
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def is_tool_text(text: str) -> bool:
    """True for share/print/e-mail links and view counters."""
    key = label_key(text)
    return key in _TOOL_TEXTS or key.startswith(_TOOL_PREFIXES)


@dataclass(frozen=True, slots=True)
class LabelledBlock:
    """A heading that says what follows, and the node(s) holding its links."""

    label: str
    heading: LexborNode
    container: LexborNode
    heading_text: str


def _has_links(node: LexborNode) -> bool:
    return node.css_first("a[href]") is not None


def _next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and sibling.tag in ("-text", "-comment"):
        sibling = sibling.next
    return sibling


def _table_headed_by(heading: LexborNode) -> LexborNode | None:
    """The table whose first row is (or holds only) ``heading``: a related-news or
    attachments table titled in its own first row."""
    cell: LexborNode | None = heading
    while cell is not None and cell.tag not in ("td", "th"):
        if cell.tag in ("tr", "table", "body"):
            return None
        cell = cell.parent
    row = cell.parent if cell is not None else None
    if row is None or row.tag != "tr" or len([c for c in row.iter() if c.tag in ("td", "th")]) != 1:
        return None
    table = row.parent
    while table is not None and table.tag != "table":
        table = table.parent
    if table is None:
        return None
    first = table.css_first("tr")
    if first is None or first.mem_id != row.mem_id or not _has_links(table):
        return None
    return table


def _container_for(heading: LexborNode) -> LexborNode | None:
    """The links block a heading introduces: its next sibling, or its small parent
    (or the table whose first row it is)."""
    table = _table_headed_by(heading)
    if table is not None:
        return table
    node = heading
    for _ in range(3):
        following = _next_element(node)
        if following is not None and following.tag in _LINK_CONTAINERS and _has_links(following):
            return following
        parent = node.parent
        if parent is None:
            return None
        elements = [c for c in parent.iter() if c.tag not in ("-text", "-comment")]
        if len(elements) <= 4 and any(c.mem_id != node.mem_id and _has_links(c) for c in elements):
            return parent
        if len(elements) > 1:
            return None
        node = parent
    return None


def find_labelled(root: LexborNode, labels: frozenset[str]) -> list[LabelledBlock]:
    """Blocks under ``root`` introduced by a heading whose text is one of ``labels``."""
    found: list[LabelledBlock] = []
    raw = root.text(deep=True, separator=" ", strip=False)
    if len(raw) < _PREFILTER_LIMIT and not mentions_label(raw, labels):
        return found  # cheap early exit: no label anywhere under root
    seen: set[int] = set()
    for node in root.css(_HEADING_CANDIDATES)[:_MAX_CANDIDATES]:
        raw = node.text(deep=True, separator=" ", strip=False)
        if not raw:
            continue
        inline = _inline_label(node, raw, labels)
        if inline is not None:
            if node.mem_id not in seen:
                seen.add(node.mem_id)
                found.append(LabelledBlock(label_key(inline), node, node, clean_text(inline)))
            continue
        if len(raw) > 60:
            continue
        key = label_key(raw)
        if key not in labels:
            continue
        # prefer the innermost heading: skip an element whose child (one that may be a
        # heading itself) says the same; SharePoint's web-part title wraps its text in
        # <nobr><span>Tin liên quan</span><span id="WebPartCaption…"></span></nobr>, where
        # the span sits beside an empty caption and only the <h2> finds the links
        if any(
            child.tag in _HEADING_TAGS and label_key(child.text() or "") == key
            for child in node.iter()
        ):
            continue
        container = _container_for(node)
        if container is None or container.mem_id in seen:
            continue
        seen.add(container.mem_id)
        found.append(LabelledBlock(key, node, container, clean_text(raw)))
    return found


def _inline_label(node: LexborNode, raw: str, labels: frozenset[str]) -> str | None:
    """The label a box of links starts its own text with (``<div>Tải về: <a>…</a></div>``:
    no element of its own to be a heading), or None.  The rest must be links (a
    sentence that starts with "Tải về" and links a word is body text)."""
    if node.tag not in _INLINE_LABEL_HOLDERS or len(raw) > 600:
        return None
    label = None
    for child in node.iter(include_text=True):
        if child.tag == "-comment":
            continue
        if child.tag != "-text":
            return None  # an element first: a heading of its own, if any, says it
        text = child.text_content or ""
        if text.strip():
            label = text
            break
    if label is None or label_key(label) not in labels:
        return None
    rest = len(clean_text(raw)) - len(clean_text(label))
    linked = sum(len(text_of(a)) for a in node.css("a[href]"))
    return label if rest > 0 and linked >= 0.8 * rest else None


def _link_title(link: LexborNode) -> str:
    return text_of(link) or clean_text(attr(link, "title"))


def related_links(container: LexborNode, page_url: str) -> list[RelatedLink]:
    """Entries of a related-news block: title, URL and the date shown beside it."""
    from ..model import RelatedLink

    items: list[RelatedLink] = []
    seen: set[str] = set()
    for link in container.css("a[href]"):
        title = _link_title(link)
        url = absolute_url(attr(link, "href"), page_url)
        if not title or url is None or not is_http_url(url) or url in seen:
            continue
        if label_key(title) in _MORE_TEXTS:
            continue
        seen.add(url)
        holder = link.parent
        while holder is not None and holder.tag not in ("li", "p", "div", "tr", "dd", "td"):
            holder = holder.parent
        if holder is not None and holder.tag == "td" and holder.parent is not None:
            holder = holder.parent  # a table row: the date may have a cell of its own
        context = (
            text_of(holder) if holder is not None and holder.mem_id != container.mem_id else ""
        )
        context = context.replace(title, " ", 1) if context else ""
        published = parse_vn_date_only(context) if context else None
        # "Tiêu đề (20/06/2024)" written inside the link: the date is not the title
        title, in_title = split_title_date(title)
        published = in_title or published
        items.append(RelatedLink(title, url, published))
    return items


def _row_name(link: LexborNode) -> str:
    """The name a table row or list item gives a file whose link only says "Tải về":
    the row's longest text outside the link (not a number: that is the row's index)."""
    holder = link.parent
    while holder is not None and holder.tag not in ("tr", "li", "p"):
        holder = holder.parent
    if holder is None:
        return ""
    parts = [holder] if holder.tag != "tr" else [c for c in holder.iter() if c.tag in ("td", "th")]
    own = text_of(link)
    names = [
        text
        for part in parts
        if part.css_first("a[href]") is None or part.tag != "td"
        for text in ((text_of(part).replace(own, " ") if own else text_of(part)).strip(" :-–|"),)
        if text and not text.replace(".", "").isdigit()
    ]
    return clean_text(max(names, key=len)) if names else ""


def attachment_links(container: LexborNode, page_url: str) -> list[Attachment]:
    """Files of an attachments box: link text and URL (the name the row gives the
    file when the link only says "Tải về", "Download" or shows an icon)."""
    from ..model import Attachment

    items: list[Attachment] = []
    seen: set[str] = set()
    for link in container.css("a[href]"):
        url = absolute_url(attr(link, "href"), page_url)
        if url is None or not is_http_url(url) or url in seen:
            continue
        title = _link_title(link)
        if not title or label_key(title) in _DOWNLOAD_TEXTS:
            title = _row_name(link) or title
        if not title:
            title = clean_text(url.rsplit("/", 1)[-1])
        seen.add(url)
        items.append(Attachment(title, url))
    return items
