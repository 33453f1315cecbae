"""What a search result matched — an article or a document — said the same in the app and the CLI.

A search covers the stored articles and the text of stored documents (issue
13); a reader must see which one a result is before opening it: a document's
page, and whether an article attaches it.  The app's result list and
``phuly-tui search`` both put this one phrase beside the result; ``--json``
carries the same facts as ``kind``, ``page`` and ``attached_to``.
"""

from __future__ import annotations

from typing import Protocol

from ..i18n import add_messages, t

__all__ = ["Hit", "hit_origin"]

add_messages(
    {
        "search.kind.article": ("Tin bài", "Article"),
        "search.kind.document": ("Văn bản", "Document"),
        "search.kind.attachment": ("Văn bản đính kèm", "Attached document"),
        "search.kind.page": ("trang {page}", "page {page}"),
    }
)


class Hit(Protocol):
    """What :func:`hit_origin` reads of a result (``phuly_tui.store.SearchResult``)."""

    @property
    def kind(self) -> str: ...
    @property
    def page(self) -> int | None: ...
    @property
    def attached_to(self) -> str | None: ...
    @property
    def section(self) -> str | None: ...


def hit_origin(hit: Hit) -> str:
    """``"Tin bài · Tin tức - Sự kiện"`` or ``"Văn bản đính kèm · trang 3"``.

    An article's origin is its section; a document's is the page holding the
    match and whether an article attaches it.  The section comes from a page:
    the caller draws the phrase as it draws any page text (never as markup).
    """
    if hit.kind == "document":
        label = t("search.kind.attachment" if hit.attached_to else "search.kind.document")
        parts = [label]
        if hit.page is not None:
            parts.append(t("search.kind.page", page=hit.page))
    else:
        parts = [t("search.kind.article")]
        if hit.section:
            parts.append(hit.section)
    return " · ".join(parts)
