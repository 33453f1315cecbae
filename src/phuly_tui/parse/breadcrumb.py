"""The section of a page from its breadcrumb, found by meaning.

A breadcrumb is the trail that starts with a "Trang chủ" (home) link and
separates its steps with », ›, >, / or |; the section is its last step that is
not the page's own title.  Used when the profile's selector finds nothing.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from .dom import has_descendant, visible_text
from .meaning import label_key

__all__ = ["breadcrumb_section"]

_BREADCRUMB_SEPARATORS = ("»", "›", ">", "/", "|", "→", "•")
_HOME_LABELS = ("trang chu", "home", "trang nhat")


def breadcrumb_section(doc: LexborHTMLParser, title: str) -> str | None:
    """Section from a breadcrumb found by meaning: the trail after "Trang chủ"."""
    root = doc.body or doc.root
    if root is None:
        return None
    strip = "".join(_BREADCRUMB_SEPARATORS) + " "
    for home in root.css("a[href]"):
        raw = home.text() or ""
        if len(raw) > 30 or label_key(raw) not in _HOME_LABELS:
            continue
        trail = home.parent
        for _ in range(3):
            if trail is None:
                break
            text = trail.text() or ""
            if len(text) > 300:
                break
            if any(sep in text for sep in _BREADCRUMB_SEPARATORS):
                items = [
                    visible_text(n)
                    for n in trail.css("a, span")
                    if not has_descendant(n, "a, span")
                ]
                names = [
                    item
                    for item in items
                    if item.strip(strip) and label_key(item) not in _HOME_LABELS and item != title
                ]
                if names:
                    return names[-1].strip(strip)
            trail = trail.parent
    return None
