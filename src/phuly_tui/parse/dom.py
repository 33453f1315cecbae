"""Small, fast questions about selectolax nodes: visible? text? aligned?

Everything here works on one node or a small subtree; nothing walks a whole
page in Python.  Walks are iterative (a page may nest 50,000 elements).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Final

from selectolax.lexbor import LexborCSSSelector, LexborHTMLParser, LexborNode

from ..text import clean_text
from .legacy_fonts import convert_legacy_fonts

__all__ = [
    "INVISIBLE_SELECTOR",
    "NON_CONTENT_TAGS",
    "attr",
    "document",
    "has_descendant",
    "hidden_by",
    "hint_tokens",
    "is_hidden",
    "is_right_aligned",
    "iter_elements",
    "make_visible",
    "right_aligned_by",
    "text_of",
    "visible_text",
]

#: elements whose content is never page text
NON_CONTENT_TAGS: Final = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link",
        "input", "button", "select", "option", "optgroup", "textarea", "datalist",
        "svg", "math", "canvas", "map", "area", "param", "source", "track", "frame",
        "frameset", "-comment", "!doctype", "base", "dialog", "iframe", "video", "audio",
        "object", "embed",
    }
)  # fmt: skip
#: a quick pre-check: does a subtree hold anything that needs the careful walk?
INVISIBLE_SELECTOR: Final = (
    "script,style,noscript,template,textarea,select,button,svg,iframe,video,audio,object,"
    "[hidden],[aria-hidden],[style*=none i],[style*=hidden i],[class*=hidden i],"
    "[class*=sr-only i],[class*=screen-reader i],[class*=invisible i]"
)
#: classes that hide an element on every page of the platform that defines them
_HIDDEN_CLASSES: Final = frozenset(
    {"ms-hidden", "sr-only", "visually-hidden", "screen-reader-text", "element-invisible"}
)
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_RIGHT_STYLE: Final = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)


_SELECTORS = threading.local()


class _Document(LexborHTMLParser):
    """A lexbor document whose CSS queries share one selector engine per thread.

    selectolax builds a CSS parser and selector engine for every document on
    its first query — a sizeable part of reading a small page.  The engine
    holds no document state between queries (each query parses its selector
    and walks the node it is given), so one per thread serves every document
    alike; per thread, because a query keeps its results in the engine while
    it runs.
    """

    @property
    def selector(self) -> LexborCSSSelector:
        engine: LexborCSSSelector | None = getattr(_SELECTORS, "engine", None)
        if engine is None:
            engine = _SELECTORS.engine = LexborCSSSelector()  # type: ignore[no-untyped-call]
        return engine


def document(data: bytes) -> LexborHTMLParser:
    """Parse UTF-8 bytes into a lexbor document; text typed in a TCVN3 or VNI font
    is Unicode in it (:mod:`.legacy_fonts`)."""
    doc = _Document(data)
    convert_legacy_fonts(doc)
    return doc


def attr(node: LexborNode, name: str) -> str | None:
    """An attribute's value, or None (also when present without a value)."""
    value = node.attributes.get(name)
    return value if isinstance(value, str) else None


#: a word of a class or id: split at case changes, punctuation and digits
_HINT_TOKEN: Final = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def hint_tokens(node: LexborNode) -> list[str]:
    """The words of a node's class and id in order, split at case changes and
    punctuation, lower case (``TrichYeu`` → trich, yeu): what a template's
    author called the box, for rules that find blocks by their names."""
    raw = f"{attr(node, 'class') or ''} {attr(node, 'id') or ''}"
    if not raw.strip():
        return []
    return [t.lower() for t in _HINT_TOKEN.findall(raw)]


def is_hidden(node: LexborNode) -> bool:
    """True for elements a browser would not show (hidden attr, aria-hidden, CSS)."""
    return hidden_by(node.attributes)


def hidden_by(attributes: dict[str, str | None]) -> bool:
    """:func:`is_hidden` for an element's attributes already read (selectolax builds
    the dict anew on every ``node.attributes``; a walk reads it once per element)."""
    if not attributes:
        return False
    if "hidden" in attributes:
        return True
    aria = attributes.get("aria-hidden")
    if aria is not None and aria.strip().lower() == "true":
        return True
    style = attributes.get("style")
    if style is not None and _HIDDEN_STYLE.search(style) is not None:
        return True
    classes = attributes.get("class")
    return classes is not None and _hidden_by_class(classes)


def _hidden_by_class(classes: str) -> bool:
    """A class every stylesheet of its platform hides: SharePoint's ``ms-hidden``
    ("Hiện đang được chọn" beside the menu's selected item), the screen-reader-only
    texts of Bootstrap and WordPress."""
    lowered = classes.lower()
    if "hidden" not in lowered and "sr-only" not in lowered and "screen-reader" not in lowered:
        return False  # nearly every class attribute: one scan, no split
    return not _HIDDEN_CLASSES.isdisjoint(lowered.split())


def is_right_aligned(node: LexborNode) -> bool:
    return right_aligned_by(node.attributes)


def right_aligned_by(attributes: dict[str, str | None]) -> bool:
    """:func:`is_right_aligned` for an element's attributes already read."""
    if not attributes:
        return False
    align = attributes.get("align")
    if align and align.strip().lower() == "right":
        return True
    style = attributes.get("style")
    return style is not None and _RIGHT_STYLE.search(style) is not None


def _skip(node: LexborNode) -> bool:
    return node.tag in NON_CONTENT_TAGS or is_hidden(node)


def iter_elements(root: LexborNode, *, include_text: bool = False) -> Iterator[LexborNode]:
    """Visible descendants of ``root`` in document order (iterative, never recursive)."""
    stack = list(reversed(list(root.iter(include_text=include_text))))
    while stack:
        node = stack.pop()
        if node.tag == "-text":
            yield node
            continue
        if _skip(node):
            continue
        yield node
        children = list(node.iter(include_text=include_text))
        if children:
            stack.extend(reversed(children))


def has_descendant(node: LexborNode, selector: str) -> bool:
    """True when a descendant (not ``node`` itself) matches ``selector``.

    ``node.css_first`` also tests the node itself, which is rarely what we mean.
    """
    return any(
        child.tag not in ("-text", "-comment") and child.css_first(selector) is not None
        for child in node.iter()
    )


_MEDIA: Final = frozenset({"iframe", "video", "audio", "object", "embed"})
_MEDIA_KEEP: Final = frozenset({"source", "track"})


def make_visible(root: LexborNode) -> None:
    """Unlink everything under ``root`` a reader never sees, in one selector pass.

    Scripts, styles, form controls and hidden elements go; media elements keep
    their ``<source>`` children but lose their fallback content.  Afterwards
    :func:`text_of` is exact for every node under ``root`` (one selector match
    here instead of one per text read keeps the article path fast).
    """
    for node in root.css(INVISIBLE_SELECTOR):
        tag = node.tag
        if tag in _MEDIA:
            for child in list(node.iter(include_text=True)):
                if child.tag not in _MEDIA_KEEP:
                    child.remove()
        elif (tag in NON_CONTENT_TAGS or is_hidden(node)) and node.mem_id != root.mem_id:
            node.remove()


def text_of(node: LexborNode | None) -> str:
    """Clean text of a subtree already passed through :func:`make_visible`."""
    if node is None:
        return ""
    if node.tag == "-text":
        return clean_text(node.text_content)
    return clean_text(node.text(deep=True, separator="", strip=False))


def visible_text(node: LexborNode | None) -> str:
    """Clean, visible text of a subtree (scripts, hidden parts, form controls left out)."""
    if node is None:
        return ""
    if node.tag == "-text":
        return clean_text(node.text_content)
    if all(child.tag == "-text" for child in node.iter(include_text=True)):
        # only text below: nothing to leave out (the node itself is not judged)
        return clean_text(node.text(deep=True, separator="", strip=False))
    if node.css_first(INVISIBLE_SELECTOR) is None:
        return clean_text(node.text(deep=True, separator="", strip=False))
    parts = [
        n.text_content or "" for n in iter_elements(node, include_text=True) if n.tag == "-text"
    ]
    return clean_text("".join(parts))
